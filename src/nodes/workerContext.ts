/**
 * Helpers shared by the node-worker's nodes: the run reference and call metadata of a
 * branch, derived from its scoped state only.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { llmCallConfig, type RunRef } from "../graph/runtime.js";
import type { WorkerStateType } from "../state/state.js";

export function runRefOf(state: WorkerStateType): RunRef {
  return { runId: state.ctx.runId, env: state.ctx.env, taskId: state.ctx.taskId };
}

export function workerCallConfig(state: WorkerStateType, config: LangGraphRunnableConfig, role: string) {
  return llmCallConfig(config, {
    arch: "tdp",
    role,
    nodeId: state.node.id,
    env: state.ctx.env,
    taskId: state.ctx.taskId,
  });
}
