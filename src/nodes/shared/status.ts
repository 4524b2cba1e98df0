/**
 * Final status of a run, for each kind of architecture. Every run ends `completed`,
 * `budget_exhausted`, `failed` or `error`, with a reason unless it completed.
 */
import { allCompleted, blockedNodes, type Dag } from "../../state/dag.js";
import type { RunStatus } from "../../state/state.js";

export interface FinalStatus {
  status: RunStatus;
  reason: string | null;
}

/** TDP: from what the DAG and the counters show. */
export function dagStatus(dag: Dag, stepsUsed: number, maxSteps: number): FinalStatus {
  if (allCompleted(dag)) return { status: "completed", reason: null };
  const unfinished = Object.values(dag)
    .filter((n) => n.status !== "completed")
    .map((n) => n.id);
  if (stepsUsed >= maxSteps)
    return {
      status: "budget_exhausted",
      reason: `step budget of ${maxSteps} spent; unfinished: ${unfinished.join(", ")}`,
    };
  const failed = Object.values(dag)
    .filter((n) => n.status === "failed")
    .map((n) => n.id);
  const blocked = blockedNodes(dag).map((n) => n.id);
  const parts = [
    failed.length ? `failed: ${failed.join(", ")}` : "",
    blocked.length ? `blocked by them: ${blocked.join(", ")}` : "",
  ].filter(Boolean);
  return {
    status: "failed",
    reason: parts.length ? parts.join("; ") : `unfinished sub-tasks: ${unfinished.join(", ")}`,
  };
}

/**
 * Single-history baselines: `completed` when the architecture declared the task done within
 * the budget and something was delivered, `budget_exhausted` when it wanted to act past the
 * step budget, `failed` otherwise (it stopped without delivering, or hit its loop limit).
 */
export function baselineStatus(s: {
  finished: boolean;
  overBudget: boolean;
  maxSteps: number;
  answer: string | null;
  /** A model call that failed for good: the run ends `error`, saying which. */
  fault?: string | null;
}): FinalStatus {
  if (s.fault) return { status: "error", reason: s.fault };
  if (s.overBudget)
    return { status: "budget_exhausted", reason: `step budget of ${s.maxSteps} spent before the task was done` };
  if (s.finished && s.answer) return { status: "completed", reason: null };
  if (s.finished) return { status: "failed", reason: "the agent stopped without delivering a result" };
  return { status: "failed", reason: "the agent stopped before declaring the task done" };
}
