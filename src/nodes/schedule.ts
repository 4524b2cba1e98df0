/**
 * The scheduling rules of TDP, as pure functions of the DAG and the counters (unit-tested in
 * tests/schedule.test.ts). The dispatch node applies them; nothing here calls a model.
 *
 * - `dependency` (default): a ready sub-task starts as soon as its prerequisites are
 *   completed, whatever else is running. Failed sub-tasks, and completed ones whose Evaluator
 *   said the outcome changes downstream work, queue a Self-Revision scoped to what they
 *   affect; their dependants wait for it, nothing else does. When nothing can run but work is
 *   left, one Self-Revision looks at everything unfinished.
 * - `batch` (the paper's loop): the ready set runs as one batch; the next batch starts after
 *   every branch of this one ended and Self-Revision looked at the whole DAG.
 *
 * The global step budget is reserved up front: a started attempt is granted a slice (its
 * `budget`), and the slices of running attempts plus the steps already taken never exceed
 * `maxSteps`, so concurrent branches can never overspend it together.
 */
import { dagDepth, dependantsOf, readyNodes, type Dag, type SubTask } from "../state/dag.js";
import type { RevisionRecord, Schedule } from "../state/state.js";

/**
 * Rounds a run may take: the configured `maxRounds`, or more when the DAG is deeper (a chain
 * of 30 needs 30 batches, plus room for retries of failed sub-tasks). Under the dependency
 * schedule a round is one event-driven revision, and events come from sub-tasks (each failure
 * or surprise at most once per attempt), so the limit also follows the DAG's size: a large DAG
 * with scattered failures must not run out of repairs halfway.
 */
export function roundLimit(maxRounds: number, dag: Dag, schedule: Schedule = "batch"): number {
  const byDepth = Math.max(maxRounds, dagDepth(dag) + 5);
  return schedule === "dependency" ? Math.max(byDepth, Object.keys(dag).length) : byDepth;
}

export interface ScheduleView {
  dag: Dag;
  round: number;
  revisedRound: number;
  reviewQueue: string[];
  revising: boolean;
  /** The latest Self-Revision record, if any (a stuck revision that changed nothing is not repeated). */
  lastRevision: RevisionRecord | null;
}

export interface ScheduleLimits {
  schedule: Schedule;
  maxSteps: number;
  maxStepsPerNode: number;
  /** Resolved round limit (`roundLimit`). */
  maxRounds: number;
  exclusive: boolean;
}

export interface Start {
  node: SubTask;
  /** Environment steps granted to this attempt (0 for an expansion, which takes none). */
  stepBudget: number;
}

export interface DispatchDecision {
  /** Sub-tasks to start now. */
  starts: Start[];
  /** Run Self-Revision now (over the review queue, the stuck DAG, or, in batch mode, all of it). */
  revise: boolean;
  /** Queued ids dropped without a revision (the round limit is reached). */
  dropQueue: string[];
  /** Deliver now: nothing runs and nothing more can. */
  deliver: boolean;
  /** The new `round` (batch: batches dispatched; dependency: revisions run). */
  round: number;
}

/** Environment steps taken or reserved: every attempt's steps plus the slices of running attempts. */
export function committedSteps(dag: Dag): number {
  let n = 0;
  for (const s of Object.values(dag)) n += s.stepsUsed + (s.status === "running" ? (s.budget ?? 0) : 0);
  return n;
}

/** Splits what is left of the budget between the sub-tasks about to start (at most the per-node cap each). */
function grant(ready: SubTask[], available: number, limits: ScheduleLimits): Start[] {
  const expansions = ready.filter((n) => n.expand).map((node) => ({ node, stepBudget: 0 }));
  const work = ready.filter((n) => !n.expand);
  const width = Math.min(work.length, Math.max(0, available));
  if (width === 0) return expansions;
  const stepBudget = Math.min(limits.maxStepsPerNode, Math.max(1, Math.floor(available / width)));
  return [...expansions, ...work.slice(0, width).map((node) => ({ node, stepBudget }))];
}

function nothing(view: ScheduleView): DispatchDecision {
  return { starts: [], revise: false, dropQueue: [], deliver: false, round: view.round };
}

export function decideDispatch(view: ScheduleView, limits: ScheduleLimits): DispatchDecision {
  return limits.schedule === "batch" ? decideBatch(view, limits) : decideDependency(view, limits);
}

function decideBatch(view: ScheduleView, limits: ScheduleLimits): DispatchDecision {
  const out = nothing(view);
  const nodes = Object.values(view.dag);
  if (nodes.some((n) => n.status === "running") || view.revising) return out;
  const unfinished = nodes.some((n) => n.status === "pending" || n.status === "failed");
  if (view.round > view.revisedRound && unfinished) return { ...out, revise: true };
  const ready = readyNodes(view.dag);
  const available = limits.maxSteps - committedSteps(view.dag);
  if (ready.length === 0 || available <= 0 || view.round >= limits.maxRounds) return { ...out, deliver: true };
  const starts = grant(limits.exclusive ? ready.slice(0, 1) : ready, available, limits);
  return { ...out, starts, round: view.round + 1 };
}

function decideDependency(view: ScheduleView, limits: ScheduleLimits): DispatchDecision {
  const out = nothing(view);
  const nodes = Object.values(view.dag);
  const running = nodes.filter((n) => n.status === "running").length;
  const canRevise = view.round < limits.maxRounds;
  let revise = false;
  let dropQueue: string[] = [];
  let round = view.round;
  if (view.reviewQueue.length > 0 && !view.revising) {
    if (canRevise) {
      revise = true;
      round++;
    } else dropQueue = [...view.reviewQueue];
  }
  // Dependants of a queued sub-task wait for its revision; nothing else does.
  const held = dropQueue.length ? new Set<string>() : dependantsOf(view.dag, view.reviewQueue);
  const free = readyNodes(view.dag).filter((n) => !held.has(n.id));
  const available = limits.maxSteps - committedSteps(view.dag);
  const room = limits.exclusive ? (running === 0 ? 1 : 0) : free.length;
  const starts = grant(free.slice(0, room), available, limits);
  if (starts.length || revise || running > 0 || view.revising) return { ...out, starts, revise, dropQueue, round };
  // Nothing runs and nothing starts: revise what is stuck once, else deliver.
  // (Ready work that found no budget is not stuck: the run is out of steps.)
  const stuck = free.length === 0 && nodes.some((n) => n.status === "pending");
  const lastWasIdle = view.lastRevision?.trigger === "stuck" && view.lastRevision.changes === 0;
  if (stuck && canRevise && !lastWasIdle && view.reviewQueue.length === 0)
    return { ...out, revise: true, dropQueue, round: round + 1 };
  return { ...out, dropQueue, deliver: true, round };
}
