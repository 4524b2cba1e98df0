/**
 * Evaluator (Supervisor.eval): judges the latest step of one sub-task as needs_more_steps,
 * completed or failed, may ask for a local replan and give one line of guidance. On
 * completion it writes the outcome summary, the only thing later sub-tasks will see.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderStepsData, subTaskData } from "../prompts/render.js";
import { EVALUATOR_PROMPT, SUB_TASK_TURN } from "../prompts/tdp.js";
import type { Verdict, WorkerStateType, WorkerUpdate } from "../state/state.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { EvaluateStep } from "./schemas.js";

export function evaluatorNode(agent: AgentOptions) {
  return async function evaluator(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const run = await runContext(agent, config, state.scope);
    const data = subTaskData({ prereqs: state.prereqs, plan: state.plan });
    let out;
    try {
      out = await callStructured(
        await run.model("evaluator"),
        EvaluateStep,
        [
          new SystemMessage(fillPrompt(EVALUATOR_PROMPT, { dataRule: DATA_RULE })),
          new HumanMessage(
            `${fillPrompt(SUB_TASK_TURN, { spec: state.node.spec, data })}\n\nSteps of this sub-task so far (JSON, one per line):\n${renderStepsData(state.trace)}\n\nJudge the latest step.`,
          ),
        ],
        run.cfg.structuredOutputMethod,
        run.callConfig({ arch: "tdp", role: "evaluator", nodeId: state.node.id }),
        run.policy,
      );
    } catch (err) {
      return {
        fault: `Evaluator: ${modelFault(err)}`,
        usage: usageUpdate("evaluator", faultUsage(err)),
      };
    }
    // An unreadable judgement is treated as "keep going": the step cap bounds the loop.
    const verdict: Verdict = out.value ?? { status: "needs_more_steps", replan: false, guidance: null, outcome: null };
    return {
      verdict,
      claimed: false,
      claimDeclined: state.claimed && verdict.status === "needs_more_steps",
      guidance: verdict.guidance ?? null,
      usage: usageUpdate("evaluator", out.usage),
    };
  };
}
