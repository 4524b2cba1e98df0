/**
 * Evaluator (Supervisor.eval): judges the latest step of one sub-task as needs_more_steps,
 * completed or failed, may ask for a local replan and give one line of guidance. On
 * completion it writes the outcome summary, the only thing later sub-tasks will see.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import type { Runtime } from "../graph/runtime.js";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { renderPlan, renderPrereqs, renderTrace } from "../prompts/render.js";
import { EVALUATOR_PROMPT, fillPrompt } from "../prompts/tdp.js";
import type { Verdict, WorkerStateType, WorkerUpdate } from "../state/state.js";
import { EvaluateStep } from "./schemas.js";
import { runRefOf, workerCallConfig } from "./workerContext.js";

export function makeEvaluatorNode(runtime: Runtime) {
  return async function evaluator(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const cfg = ensureConfiguration(config);
    const model = await runtime.model("evaluator", cfg, runRefOf(state));
    const prompt = fillPrompt(EVALUATOR_PROMPT, {
      id: state.node.id,
      spec: state.node.spec,
      prereqs: renderPrereqs(state.prereqs),
      plan: renderPlan(state.plan),
      trace: renderTrace(state.trace),
    });
    const out = await callStructured(
      model,
      EvaluateStep,
      [new SystemMessage(prompt), new HumanMessage("Judge the latest step.")],
      cfg.structuredOutputMethod,
      workerCallConfig(state, config, "evaluator"),
    );
    // An unreadable judgement is treated as "keep going": the step cap bounds the loop.
    const verdict: Verdict = out.value ?? { status: "needs_more_steps", replan: false, guidance: null, outcome: null };
    return {
      verdict,
      guidance: verdict.guidance ?? null,
      usage: usageUpdate("evaluator", out.usage, state.node.id),
    };
  };
}
