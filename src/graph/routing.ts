/**
 * Pure routing rules of the TDP graphs. Every function returns a literal union (or a plan
 * the edge turns into `Send`s) and has unit tests.
 */
import { readyNodes, type Dag, type SubTask } from "../state/dag.js";
import { nextAfterEvaluation, stopOnFault } from "../nodes/stopRules.js";
import type { WorkerStateType } from "../state/state.js";

export interface DispatchInput {
  dag: Dag;
  stepsUsed: number;
  maxSteps: number;
  round: number;
  maxRounds: number;
  maxStepsPerNode: number;
  exclusive: boolean;
}

export type DispatchPlan =
  | { kind: "dispatch"; batch: { node: SubTask; stepBudget: number }[] }
  | { kind: "deliver"; reason: "done" | "budget" | "rounds" | "stuck" };

/**
 * Chooses the next batch. The remaining global budget is split between the dispatched
 * nodes up front, so parallel branches can never overspend it together: each branch gets
 * a slice (at most the per-node cap) and the slices sum to at most what is left.
 */
export function planDispatch(input: DispatchInput): DispatchPlan {
  const ready = readyNodes(input.dag);
  if (ready.length === 0) {
    const unfinished = Object.values(input.dag).some((n) => n.status === "pending");
    return { kind: "deliver", reason: unfinished ? "stuck" : "done" };
  }
  const remaining = input.maxSteps - input.stepsUsed;
  if (remaining <= 0) return { kind: "deliver", reason: "budget" };
  if (input.round >= input.maxRounds) return { kind: "deliver", reason: "rounds" };
  const width = input.exclusive ? 1 : Math.min(ready.length, remaining);
  const share = Math.max(1, Math.floor(remaining / width));
  const stepBudget = Math.min(input.maxStepsPerNode, share);
  return { kind: "dispatch", batch: ready.slice(0, width).map((node) => ({ node, stepBudget })) };
}

/** After the Planner or the Executor: a model fault ends the branch (reported as failed). */
export function routeOnFault<T extends string>(next: T) {
  return (state: Pick<WorkerStateType, "fault">): T | "report" => (stopOnFault(state) ? "report" : next);
}

/** After the Evaluator: the branch's stop rules (nodes/stopRules.ts) as a route. */
export function routeAfterEvaluation(state: WorkerStateType): "planner" | "executor" | "report" {
  const next = nextAfterEvaluation(state);
  return next.stop ? "report" : next.next;
}
