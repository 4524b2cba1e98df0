/**
 * Runs the Executor's action against the environment and records the observation in this
 * node's trace. Tool errors become observations the Evaluator can react to; they never end
 * the run. Kept apart from the Executor so a retried model call never repeats a tool call.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { TraceEntry } from "../state/trace.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { allowedTools, NO_TOOL_CALL, notAllowed, runTool } from "./shared/tools.js";

export function actNode(agent: AgentOptions) {
  return async function act(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const action = state.pending;
    // A bare "the sub-task is done" (evaluate: on_signal) is not a step: the Evaluator judges next.
    if (!action && state.claimed) return {};
    if (!action) {
      const entry: TraceEntry = { action: null, observation: NO_TOOL_CALL };
      return { trace: entry, pending: null };
    }
    const run = await runContext(agent, config, state.scope);
    const all = run.tools(state.node.id);
    const allowed = allowedTools(all, state.node.tools);
    // A tool outside the sub-task's allow-list is refused, and the refusal counts as a step.
    const observation =
      allowed.length < all.length &&
      !allowed.some((t) => t.name === action.tool) &&
      all.some((t) => t.name === action.tool)
        ? notAllowed(action.tool, allowed)
        : await runTool(allowed, action.tool, action.args);
    return { trace: { action, observation }, pending: null, stepsUsed: 1 };
  };
}
