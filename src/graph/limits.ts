/**
 * Every recursion limit, in one place. LangGraph counts supersteps per graph and stops a run
 * at its limit; each architecture's own budgets (steps, caps, rounds) must stop a run first,
 * so each limit is derived from them.
 */
import type { Configuration } from "../configuration.js";
export { roundLimit } from "../nodes/schedule.js";

/**
 * TDP: every role call of every branch is a superstep of the one graph. In the worst case
 * (an exclusive environment, or a chain) attempts run one after another: each takes up to
 * 3 supersteps per turn (executor, act, evaluator), a planner pass per replan and the
 * dispatch after it. Attempts are bounded by the nodes plus the retries revisions may grant
 * (each revision also takes a superstep), plus construction and delivery.
 */
export function tdpRecursionLimit(
  cfg: Pick<Configuration, "maxStepsPerNode" | "maxReplans" | "maxRounds"> & Partial<Pick<Configuration, "maxNodes">>,
): number {
  const attempt = 3 * (cfg.maxStepsPerNode + cfg.maxReplans + 2) + cfg.maxReplans + 3;
  const attempts = 2 * (cfg.maxNodes ?? 20) + cfg.maxRounds;
  return attempts * attempt + 2 * cfg.maxRounds + 10;
}

/**
 * CoT and Plan-and-Act: up to `perStep` nodes per step (executor, act and, for Plan-and-Act,
 * the replanner), one refused step, plus entry and delivery.
 */
export function planLoopRecursionLimit(maxSteps: number, perStep: number): number {
  return perStep * (maxSteps + 2) + 6;
}

/** ReAct's outer graph is three nodes; the agent inside sets its own limit from the budget. */
export const REACT_OUTER_LIMIT = 25;

/** Step budget assumed for a served run that configures none: above every bundled environment's default. */
export const SERVED_DEFAULT_STEPS = 200;
