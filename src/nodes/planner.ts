/**
 * Planner (and Planner.refine): writes a short plan for one sub-task from its spec, its
 * prerequisites' outcomes and the tools; when the Evaluator asks for a replan, rewrites it
 * for the remaining work from this sub-task's own steps. Nothing outside the sub-task.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderStepsData, renderTools, subTaskData } from "../prompts/render.js";
import { PLANNER_PROMPT, PLANNER_REFINE_PROMPT, SUB_TASK_TURN } from "../prompts/tdp.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { emitSubTaskEvent } from "./progress.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { allowedTools } from "./shared/tools.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { WritePlan } from "./schemas.js";

export function plannerNode(agent: AgentOptions) {
  return async function planner(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const run = await runContext(agent, config, state.scope);
    const refining = state.plan.length > 0;
    if (!refining)
      emitSubTaskEvent(config, {
        node_id: state.node.id,
        status: "running",
        attempt: state.node.attempts + 1,
        steps: 0,
      });
    const tools = renderTools(allowedTools(run.tools(state.node.id), state.node.tools));
    const system = refining
      ? fillPrompt(PLANNER_REFINE_PROMPT, { dataRule: DATA_RULE, tools })
      : fillPrompt(PLANNER_PROMPT, { dataRule: DATA_RULE, tools, maxSteps: state.limits.stepBudget });
    const data = subTaskData({
      prereqs: state.prereqs,
      ...(refining ? { plan: state.plan, guidance: state.guidance ?? null } : {}),
    });
    const steps = refining
      ? `\n\nSteps of this sub-task so far (JSON, one per line):\n${renderStepsData(state.trace)}\n\nReturn the revised plan.`
      : "\n\nReturn the plan.";
    const messages = [
      new SystemMessage(system),
      new HumanMessage(fillPrompt(SUB_TASK_TURN, { spec: state.node.spec, data }) + steps),
    ];
    let out;
    try {
      out = await callStructured(
        await run.model("planner"),
        WritePlan,
        messages,
        run.cfg.structuredOutputMethod,
        run.callConfig({ arch: "tdp", role: "planner", nodeId: state.node.id }),
        run.policy,
      );
    } catch (err) {
      return { fault: `Planner: ${modelFault(err)}`, usage: usageUpdate("planner", faultUsage(err)) };
    }
    // A plan the model could not express still lets the Executor act on the spec alone.
    const plan = out.value?.steps.length ? out.value.steps : [`Work on: ${state.node.spec}`];
    return {
      plan,
      usage: usageUpdate("planner", out.usage),
      replans: refining ? 1 : 0,
      verdict: null,
    };
  };
}
