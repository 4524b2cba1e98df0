/**
 * Every recursion limit, in one place. LangGraph counts supersteps per graph and stops a run
 * at its limit; each architecture's own budgets (steps, caps, rounds) must stop a run first,
 * so each limit is derived from them.
 */
import type { Configuration } from "../configuration.js";
import { dagDepth, type Dag } from "../state/dag.js";

/**
 * Dispatch rounds a run may take: the configured `maxRounds`, or more when the DAG is deeper
 * (a chain of 30 needs 30 rounds, plus room for retries of failed sub-tasks).
 */
export function roundLimit(maxRounds: number, dag: Dag): number {
  return Math.max(maxRounds, dagDepth(dag) + 5);
}

/**
 * TDP: the worker loop is the deepest graph. Each step is executor -> act -> evaluator (3),
 * each replan adds a planner pass, plus entry and exit. The outer graph needs 2 supersteps
 * per round plus construction and delivery.
 */
export function tdpRecursionLimit(
  cfg: Pick<Configuration, "maxStepsPerNode" | "maxReplans" | "maxRounds"> & Partial<Pick<Configuration, "maxNodes">>,
): number {
  const worker = 3 * (cfg.maxStepsPerNode + cfg.maxReplans + 2) + cfg.maxReplans + 6;
  // Rounds follow the DAG's depth (`roundLimit`), which is at most its size: room for both.
  const outer = 2 * (cfg.maxRounds + 2 * (cfg.maxNodes ?? 20)) + 8;
  return Math.max(worker, outer, 25);
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
