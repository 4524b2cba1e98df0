/**
 * Runs the Executor's action against the environment and records the observation in this
 * node's trace. Tool errors become observations the Evaluator can react to; they never end
 * the run. Kept apart from the Executor so a retried model call never repeats a tool call.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { TraceEntry } from "../state/trace.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { NO_TOOL_CALL, runTool } from "./shared/tools.js";

export function actNode(agent: AgentOptions) {
  return async function act(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const action = state.pending;
    if (!action) {
      const entry: TraceEntry = { action: null, observation: NO_TOOL_CALL };
      return { trace: entry, pending: null };
    }
    const run = await runContext(agent, config, state.scope);
    const observation = await runTool(run.tools(state.node.id), action.tool, action.args);
    return { trace: { action, observation }, pending: null, stepsUsed: 1 };
  };
}
