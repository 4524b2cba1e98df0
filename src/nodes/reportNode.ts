/**
 * Ends a branch: folds its result into one DAG-node update (status, outcome summary, attempts,
 * steps, replans, usage) that waits in `finished` for dispatch to merge. The trace stays behind. Under the
 * dependency schedule a failure, or an outcome the Evaluator flagged as changing downstream
 * work, also queues the sub-task for a scoped Self-Revision.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { SubTask } from "../state/dag.js";
import { emitSubTaskEvent } from "./progress.js";
import type { Schedule, TdpUpdate, WorkerStateType } from "../state/state.js";
import { totalUsage, type UsageCounts } from "../state/reducers.js";
import { nextAfterEvaluation } from "./stopRules.js";

function addCounts(a: UsageCounts | undefined, b: UsageCounts): UsageCounts {
  return totalUsage({ a: a ?? { input: 0, output: 0, calls: 0 }, b });
}

/** The branch's status and the outcome later sub-tasks (and Self-Revision) see. */
export function branchResult(state: WorkerStateType): { status: "completed" | "failed"; outcome: string } {
  const next = nextAfterEvaluation(state);
  if (next.stop && next.status === "completed")
    return { status: "completed", outcome: state.verdict?.outcome?.trim() || "completed" };
  const why = next.stop ? next.why : "stopped";
  const last = state.trace[state.trace.length - 1]?.observation.slice(0, 200) ?? "no steps taken";
  return { status: "failed", outcome: `FAILED (${why}). Last observation: ${last}` };
}

export function reportBranch(state: WorkerStateType, config: LangGraphRunnableConfig, schedule: Schedule): TdpUpdate {
  const { status, outcome } = branchResult(state);
  emitSubTaskEvent(config, {
    node_id: state.node.id,
    status,
    attempt: state.node.attempts + 1,
    steps: state.stepsUsed,
    outcome,
  });
  const node: SubTask = {
    ...state.node,
    status,
    outcome,
    attempts: state.node.attempts + 1,
    stepsUsed: state.node.stepsUsed + state.stepsUsed,
    replans: state.node.replans + state.replans,
    // The branch's usage holds only this attempt's calls: they are the sub-task's figures.
    usage: addCounts(state.node.usage, totalUsage(state.usage)),
  };
  // The attempt's reserved slice is released: what it used is now in `stepsUsed`.
  delete node.budget;
  const review =
    schedule === "dependency" && (status === "failed" || (status === "completed" && state.verdict?.affects_downstream));
  return { finished: [node], ...(review ? { reviewQueue: { add: [node.id] } } : {}) };
}
