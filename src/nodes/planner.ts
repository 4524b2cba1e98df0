/**
 * Planner: writes a short plan for one sub-task, or (Planner.refine) revises it after the
 * Evaluator asked for a replan. Its prompt holds this node's spec, its prerequisites'
 * outcomes and, when refining, this node's own steps: nothing from other nodes.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import type { Runtime } from "../graph/runtime.js";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { renderPlan, renderPrereqs, renderTools, renderTrace } from "../prompts/render.js";
import { fillPrompt, PLANNER_PROMPT, PLANNER_REFINE_PROMPT } from "../prompts/tdp.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { WritePlan } from "./schemas.js";
import { runRefOf, workerCallConfig } from "./workerContext.js";

export function makePlannerNode(runtime: Runtime) {
  return async function planner(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = runRefOf(state);
    const res = await runtime.resources(ref);
    const model = await runtime.model("planner", cfg, ref);
    const refining = state.plan.length > 0;
    const common = {
      id: state.node.id,
      spec: state.node.spec,
      prereqs: renderPrereqs(state.prereqs),
      tools: renderTools(res.tools(state.node.id)),
    };
    const prompt = refining
      ? fillPrompt(PLANNER_REFINE_PROMPT, {
          ...common,
          plan: renderPlan(state.plan),
          trace: renderTrace(state.trace),
          guidance: state.guidance ?? "(none)",
        })
      : fillPrompt(PLANNER_PROMPT, { ...common, maxSteps: state.ctx.stepBudget });
    const out = await callStructured(
      model,
      WritePlan,
      [new SystemMessage(prompt), new HumanMessage(refining ? "Return the revised plan." : "Return the plan.")],
      cfg.structuredOutputMethod,
      workerCallConfig(state, config, "planner"),
    );
    // A plan the model could not express still lets the Executor act on the spec alone.
    const steps = out.value?.steps.length ? out.value.steps : [`Work on: ${state.node.spec}`];
    return {
      plan: steps,
      usage: usageUpdate("planner", out.usage, state.node.id),
      replans: refining ? 1 : 0,
      verdict: null,
    };
  };
}
