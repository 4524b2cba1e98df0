/**
 * Named reducers for the graph's state channels. Each one is a pure function with its own
 * tests: the merge rules of the DAG are part of the method, not an implementation detail.
 */
import type { Dag, DagUpdate, SubTask } from "./dag.js";

/**
 * Merges node updates into the DAG. A value upserts a node, `null` removes it.
 * A completed node is immutable: later updates to it are ignored, so a stale or
 * misbehaving branch can never rewrite a finished result.
 */
export function mergeDag(current: Dag, update: DagUpdate | undefined): Dag {
  if (!update) return current;
  const next: Dag = { ...current };
  for (const [id, node] of Object.entries(update)) {
    const existing = current[id];
    if (existing?.status === "completed") continue;
    if (node === null) delete next[id];
    else next[id] = node;
  }
  return next;
}

/** A write to the queue of ended branches: their node results, or the ids dispatch folded in. */
export type FinishedUpdate = SubTask[] | { consumed: string[] };

/**
 * Ended branches wait here for dispatch, which folds them all into the DAG with one merge per
 * superstep (a merge copies the DAG's map, so one per branch would cost O(N) each).
 */
export function finishedQueue(current: SubTask[], update: FinishedUpdate | undefined): SubTask[] {
  if (!update) return current;
  if (Array.isArray(update)) return update.length ? [...current, ...update] : current;
  const gone = new Set(update.consumed);
  return current.filter((n) => !gone.has(n.id));
}

/** Token and call counts for one role (or one DAG node). */
export interface UsageCounts {
  input: number;
  output: number;
  calls: number;
  /** Failed attempts (retried or not); absent when there were none. */
  errors?: number;
}

/** Usage keyed by role (`supervisor`, `planner`, ...): the entries sum to the run's total. */
export type Usage = Record<string, UsageCounts>;

/** Sums usage key by key; branches of one superstep each add their own share. */
export function addUsage(current: Usage, update: Usage | undefined): Usage {
  if (!update) return current;
  const next: Usage = { ...current };
  for (const [key, u] of Object.entries(update)) {
    const prev = next[key] ?? { input: 0, output: 0, calls: 0 };
    const sum: UsageCounts = {
      input: prev.input + u.input,
      output: prev.output + u.output,
      calls: prev.calls + u.calls,
    };
    const errors = (prev.errors ?? 0) + (u.errors ?? 0);
    if (errors) sum.errors = errors;
    next[key] = sum;
  }
  return next;
}

/** Plain sum, for counters that parallel branches increment. */
export function sum(current: number, update: number | undefined): number {
  return current + (update ?? 0);
}

/** Appends to a log channel. */
export function append<T>(current: T[], update: T[] | T | undefined): T[] {
  if (update === undefined) return current;
  return current.concat(update);
}

/** Total over roles. */
export function totalUsage(usage: Usage): UsageCounts {
  const t: UsageCounts = { input: 0, output: 0, calls: 0 };
  for (const u of Object.values(usage)) {
    t.input += u.input;
    t.output += u.output;
    t.calls += u.calls;
    if (u.errors) t.errors = (t.errors ?? 0) + u.errors;
  }
  return t;
}

/** Appends to a log channel that keeps only its last `limit` entries, so it never grows a checkpoint without bound. */
export function appendBounded<T>(limit: number) {
  return (current: T[], update: T[] | T | undefined): T[] => {
    const next = append(current, update);
    return next.length > limit ? next.slice(next.length - limit) : next;
  };
}

/** An update of a set of ids: ids to add and ids to drop (drops win). */
export interface IdSetUpdate {
  add?: string[];
  remove?: string[];
}

/** Set-of-ids channel (kept sorted, so checkpoints are stable). */
export function idSet(current: string[], update: IdSetUpdate | undefined): string[] {
  if (!update) return current;
  const next = new Set(current);
  for (const id of update.add ?? []) next.add(id);
  for (const id of update.remove ?? []) next.delete(id);
  return [...next].sort();
}
