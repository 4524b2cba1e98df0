/**
 * When a node-worker branch stops, and why: one rule set that both the routing after the
 * Evaluator and the branch's report use, so the explanation can never drift from the rule.
 */
import type { WorkerStateType } from "../state/state.js";
import type { BranchLimits } from "../state/state.js";

/** Executor turns one attempt may take: its steps plus room for replans and empty turns. */
export function turnCap(limits: BranchLimits): number {
  return limits.stepBudget + limits.maxReplans + 2;
}

export type BranchNext =
  { stop: false; next: "planner" | "executor" } | { stop: true; status: "completed" | "failed"; why: string };

type BranchView = Pick<WorkerStateType, "verdict" | "stepsUsed" | "turns" | "replans" | "limits" | "fault">;

/** After the Planner or the Executor: a model fault ends the branch, anything else goes on. */
export function stopOnFault(s: Pick<WorkerStateType, "fault">): boolean {
  return s.fault !== null;
}

/** After the Evaluator: finish the branch (saying why), refine the plan locally, or take another step. */
export function nextAfterEvaluation(s: BranchView): BranchNext {
  if (s.fault) return { stop: true, status: "failed", why: s.fault };
  const v = s.verdict;
  if (v?.status === "completed") return { stop: true, status: "completed", why: "completed" };
  if (v?.status === "failed")
    return { stop: true, status: "failed", why: v.guidance ?? "the evaluator judged it impossible" };
  if (!v) return { stop: true, status: "failed", why: "stopped" };
  if (s.stepsUsed >= s.limits.stepBudget)
    return { stop: true, status: "failed", why: `step budget of ${s.limits.stepBudget} spent` };
  if (s.turns >= turnCap(s.limits)) return { stop: true, status: "failed", why: "too many turns without finishing" };
  if (v.replan) {
    if (s.replans < s.limits.maxReplans) return { stop: false, next: "planner" };
    return { stop: true, status: "failed", why: `replan limit of ${s.limits.maxReplans} reached` };
  }
  return { stop: false, next: "executor" };
}

type ActView = Pick<WorkerStateType, "claimed" | "trace" | "stepsUsed" | "turns" | "limits">;

/**
 * After `act`, with `evaluate: on_signal`: whether the Evaluator is needed now. It is when the
 * Executor claimed the sub-task done, took no action, or its tool call failed, and when the
 * attempt's step budget or turn cap is reached (so the last judgement is the Evaluator's).
 * Otherwise the Executor takes the next step of the plan straight away.
 */
export function needsEvaluation(s: ActView): boolean {
  if (s.claimed) return true;
  const last = s.trace[s.trace.length - 1];
  if (!last?.action || last.observation.startsWith("Error")) return true;
  return s.stepsUsed >= s.limits.stepBudget || s.turns >= turnCap(s.limits);
}
