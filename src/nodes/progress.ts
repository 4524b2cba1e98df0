/**
 * Sub-task status changes as `custom` stream events, written from inside the branch so they
 * carry its namespace: a Studio user or an SDK client following `custom` (with subgraphs)
 * sees which DAG node each branch is, without opening it.
 *
 *   { kind: "sub_task", node_id: "n2", status: "running" | "completed" | "failed", ... }
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { SubTaskStatus } from "../state/dag.js";

export interface SubTaskEvent {
  kind: "sub_task";
  node_id: string;
  status: SubTaskStatus;
  /** Attempt number of this branch (1 for the first). */
  attempt: number;
  /** Environment steps this branch took so far. */
  steps: number;
  /** The outcome summary, once the branch ended. */
  outcome?: string;
}

export function emitSubTaskEvent(config: LangGraphRunnableConfig, event: Omit<SubTaskEvent, "kind">): void {
  config.writer?.({ kind: "sub_task", ...event } satisfies SubTaskEvent);
}
