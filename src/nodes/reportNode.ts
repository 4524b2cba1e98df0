/**
 * Ends a node-worker branch: folds the branch's result into one DAG-node update for the
 * parent (status, outcome summary, attempts, steps, replans). The trace stays behind.
 */
import type { SubTask } from "../state/dag.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { nextAfterEvaluation } from "./stopRules.js";

/** The branch's status and the outcome later sub-tasks (and Self-Revision) see. */
export function branchResult(state: WorkerStateType): { status: "completed" | "failed"; outcome: string } {
  const next = nextAfterEvaluation(state);
  if (next.stop && next.status === "completed")
    return { status: "completed", outcome: state.verdict?.outcome?.trim() || "completed" };
  const why = next.stop ? next.why : "stopped";
  const last = state.trace[state.trace.length - 1]?.observation.slice(0, 200) ?? "no steps taken";
  return { status: "failed", outcome: `FAILED (${why}). Last observation: ${last}` };
}

export function reportNode(state: WorkerStateType): WorkerUpdate {
  const { status, outcome } = branchResult(state);
  const node: SubTask = {
    ...state.node,
    status,
    outcome,
    attempts: state.node.attempts + 1,
    stepsUsed: state.node.stepsUsed + state.stepsUsed,
    replans: state.node.replans + state.replans,
  };
  return { dag: { [node.id]: node } };
}
