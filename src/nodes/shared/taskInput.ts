/**
 * The first step of every architecture: the task in words and the run's session key, from
 * whatever the run was given (a free-form task, a bundled env + task id, or a chat history
 * whose last human message is the task). Same rules and messages everywhere, so every
 * architecture accepts the same input.
 */
import { randomUUID } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { UsageError } from "../../errors.js";
import { getEnvironment } from "../../tools/registry.js";

export interface TaskInputState {
  task?: string | null;
  env: string | null;
  taskId: string | null;
  runId: string;
  messages?: BaseMessage[];
}

/** The text of the last human message, if any: a chat caller's task. */
export function lastHumanText(messages: BaseMessage[] | undefined): string {
  const last = [...(messages ?? [])].reverse().find((m) => m.getType() === "human");
  return last ? last.text.trim() : "";
}

/** Fills `task` (from the environment or the chat history) and gives the run its session key. */
export async function resolveTaskInput(
  state: TaskInputState,
  config: LangGraphRunnableConfig,
): Promise<{ task: string; runId: string }> {
  if (state.env) await getEnvironment(state.env); // an unknown env is named before anything else
  let task = state.task?.trim() ?? "";
  if (state.taskId) {
    if (!state.env) throw new UsageError("a taskId needs an env");
    const env = await getEnvironment(state.env);
    const info = env.task(state.taskId);
    if (!task) task = info.query;
  }
  if (!task) task = lastHumanText(state.messages);
  if (!task) throw new UsageError("empty task: give a task (or messages), or an env and a taskId");
  const threadId = config.configurable?.thread_id as string | undefined;
  return { task, runId: state.runId || threadId || randomUUID() };
}
