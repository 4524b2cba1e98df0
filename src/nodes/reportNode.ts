/**
 * Ends a node-worker branch: folds the branch's result into one DAG-node update for the
 * parent (status, outcome summary, attempts, steps, replans). The trace stays behind.
 */
import type { SubTask } from "../state/dag.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { turnCap } from "../graph/routing.js";

/** Why a branch ended, in words the Self-Revision prompt shows. */
export function branchResult(state: WorkerStateType): { status: "completed" | "failed"; outcome: string } {
  const v = state.verdict;
  if (v?.status === "completed") return { status: "completed", outcome: v.outcome?.trim() || "completed" };
  const last = state.trace[state.trace.length - 1]?.observation.slice(0, 200) ?? "no steps taken";
  let why: string;
  if (v?.status === "failed") why = v.guidance ?? "the evaluator judged it impossible";
  else if (state.stepsUsed >= state.ctx.stepBudget) why = `step budget of ${state.ctx.stepBudget} spent`;
  else if (v?.replan && state.replans >= state.ctx.maxReplans) why = `replan limit of ${state.ctx.maxReplans} reached`;
  else if (state.turns >= turnCap(state.ctx)) why = "too many turns without finishing";
  else why = "stopped";
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
