/**
 * Graph state for TDP. Two schemas, on purpose:
 *
 * - `TdpState` is global: the task, the DAG and counters. It never holds an execution trace.
 * - `WorkerState` is one branch's scoped state: only what its dispatch carried (one node, its
 *   prerequisites' outcomes, plumbing) plus what the branch produces (plan, its own trace).
 *
 * A branch's state travels as `Send` payloads between the role nodes; it reaches the global
 * state only as usage and step counts per call and, when the branch ends, one node result in
 * `finished`, which dispatch folds into the DAG (one DAG merge per superstep).
 */
import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer, type Messages } from "@langchain/langgraph";
import type { Dag, DagUpdate, SubTask } from "./dag.js";
import {
  addUsage,
  append,
  appendBounded,
  finishedQueue,
  idSet,
  mergeDag,
  sum,
  type FinishedUpdate,
  type IdSetUpdate,
  type Usage,
} from "./reducers.js";
import type { TraceEntry } from "./trace.js";

export type RunStatus = "running" | "completed" | "budget_exhausted" | "failed" | "error";

/** How sub-tasks are scheduled (`schedule` in the configuration). */
export type Schedule = "dependency" | "batch";

/** What made Self-Revision run. */
export type RevisionTrigger = "batch" | "failed" | "downstream" | "stuck";

/** The `revisions` log keeps this many records (older ones are dropped, so checkpoints stay flat). */
export const REVISION_LOG_LIMIT = 50;

/** One accepted or rejected Self-Revision (or construction fallback), for inspection. */
export interface RevisionRecord {
  round: number;
  /** construct: Supervisor; revise: Self-Revision; approve: a human reviewer's answer to plan approval. */
  stage: "construct" | "revise" | "approve" | "expand";
  /** For `revise`: what triggered it. */
  trigger?: RevisionTrigger;
  /** For `revise` and `expand`: the sub-tasks the revision was about. */
  scope?: string[];
  accepted: boolean;
  /** Number of node edits applied (0 when rejected). */
  changes: number;
  /** Validation errors quoted back to the model (and, if rejected, why). */
  errors: string[];
}

const dagChannel = () => Annotation<Dag, DagUpdate>({ reducer: mergeDag, default: () => ({}) });
const usageChannel = () => Annotation<Usage, Usage>({ reducer: addUsage, default: () => ({}) });
const counterChannel = () => Annotation<number, number>({ reducer: sum, default: () => 0 });

export const TdpState = Annotation.Root({
  /** The task in natural language. Filled from the environment when `env`/`taskId` are given. */
  task: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
  /** Bundled environment name (travel | wiki | science), or null for caller-supplied tools. */
  env: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Bundled task id within `env`. */
  taskId: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Key of this run's environment session (tools bound to one world). */
  runId: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
  dag: dagChannel(),
  /**
   * Results of branches that ended and that dispatch has not folded into `dag` yet (it does so
   * in the next superstep, all at once). Empty whenever nothing is in flight.
   */
  finished: Annotation<SubTask[], FinishedUpdate>({ reducer: finishedQueue, default: () => [] }),
  /**
   * Batch schedule: batches dispatched. Dependency schedule: Self-Revisions run. Bounded by
   * `roundLimit`, so a run always ends.
   */
  round: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  /** Batch schedule: the last batch Self-Revision looked at. */
  revisedRound: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  /**
   * Sub-tasks waiting for Self-Revision: failed ones, and completed ones whose Evaluator said
   * the outcome changes downstream work (their dependants are held until the revision).
   */
  reviewQueue: Annotation<string[], IdSetUpdate>({ reducer: idSet, default: () => [] }),
  /** True while a Self-Revision is in flight (dispatch holds what it may change). */
  revising: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** Environment steps over all branches. */
  stepsUsed: counterChannel(),
  /** Local replans over all nodes. */
  replans: counterChannel(),
  usage: usageChannel(),
  revisions: Annotation<RevisionRecord[], RevisionRecord[] | RevisionRecord>({
    reducer: appendBounded<RevisionRecord>(REVISION_LOG_LIMIT),
    default: () => [],
  }),
  answer: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  scores: Annotation<Record<string, number> | null>({ reducer: (_a, b) => b, default: () => null }),
  status: Annotation<RunStatus>({ reducer: (_a, b) => b, default: () => "running" }),
  reason: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /**
   * Chat history, for use as a node or subgraph of a `MessagesAnnotation` graph: the last
   * human message is the task when no `task` is given, and delivery appends the answer.
   */
  messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
});

export type TdpStateType = typeof TdpState.State;
export type TdpUpdate = typeof TdpState.Update;

/** A prerequisite as a worker sees it: its spec and outcome summary, nothing more. */
export interface PrereqOutcome {
  id: string;
  spec: string;
  outcome: string;
}

/** Which run a node works for: its environment session key and the bundled task, if any. */
export interface RunScope {
  runId: string;
  env: string | null;
  taskId: string | null;
}

/** The limits of one branch (one attempt at one sub-task). */
export interface BranchLimits {
  /** Environment steps this branch may take (its share of the global budget). */
  stepBudget: number;
  maxReplans: number;
}

/**
 * One branch: one attempt at one sub-task. It travels between the role nodes as the payload
 * of a `Send` and never enters the global state; a finished branch reports back only a DAG
 * node update (status, outcome, counters). The annotation documents the fields and their
 * merge rules, which `applyBranchUpdate` applies.
 */
export const WorkerState = Annotation.Root({
  node: Annotation<SubTask>(),
  prereqs: Annotation<PrereqOutcome[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** Plumbing to find the run's tools and models; never shown to a model. */
  scope: Annotation<RunScope>(),
  limits: Annotation<BranchLimits>(),
  plan: Annotation<string[]>({ reducer: (_a, b) => b, default: () => [] }),
  trace: Annotation<TraceEntry[], TraceEntry[] | TraceEntry>({ reducer: append, default: () => [] }),
  /** The action the Executor chose and `act` will run. */
  pending: Annotation<TraceEntry["action"]>({ reducer: (_a, b) => b, default: () => null }),
  /** The Executor said the sub-task is done (evaluate: on_signal): the Evaluator judges next. */
  claimed: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** The Evaluator turned the last completion claim down: the Executor's next turn must act. */
  claimDeclined: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** Evaluator verdict on the latest step. */
  verdict: Annotation<Verdict | null>({ reducer: (_a, b) => b, default: () => null }),
  guidance: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Set when a model call of this branch failed for good: the branch ends failed, saying why. */
  fault: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Executor turns in this attempt (with or without an action): the per-node cap. */
  turns: Annotation<number, number>({ reducer: sum, default: () => 0 }),
  /** This attempt's environment steps, local replans and LLM usage (also added to the run's totals). */
  stepsUsed: counterChannel(),
  replans: counterChannel(),
  usage: usageChannel(),
});

export type WorkerStateType = typeof WorkerState.State;
/** What one role returns: the branch fields it changes (counters and the trace are added to). */
export interface WorkerUpdate {
  node?: SubTask;
  prereqs?: PrereqOutcome[];
  plan?: string[];
  trace?: TraceEntry | TraceEntry[];
  pending?: TraceEntry["action"];
  claimed?: boolean;
  claimDeclined?: boolean;
  verdict?: Verdict | null;
  guidance?: string | null;
  fault?: string | null;
  turns?: number;
  stepsUsed?: number;
  replans?: number;
  usage?: Usage;
}

/** A new branch for one sub-task attempt. */
export function newBranch(p: Pick<WorkerStateType, "node" | "prereqs" | "scope" | "limits">): WorkerStateType {
  return {
    ...p,
    plan: [],
    trace: [],
    pending: null,
    claimed: false,
    claimDeclined: false,
    verdict: null,
    guidance: null,
    fault: null,
    turns: 0,
    stepsUsed: 0,
    replans: 0,
    usage: {},
  };
}

/** A branch after one role's update, by the merge rules of `WorkerState`. */
export function applyBranchUpdate(b: WorkerStateType, u: WorkerUpdate): WorkerStateType {
  return {
    ...b,
    ...(u.node !== undefined ? { node: u.node } : {}),
    ...(u.prereqs !== undefined ? { prereqs: u.prereqs } : {}),
    ...(u.plan !== undefined ? { plan: u.plan } : {}),
    ...(u.pending !== undefined ? { pending: u.pending } : {}),
    ...(u.claimed !== undefined ? { claimed: u.claimed } : {}),
    ...(u.claimDeclined !== undefined ? { claimDeclined: u.claimDeclined } : {}),
    ...(u.verdict !== undefined ? { verdict: u.verdict } : {}),
    ...(u.guidance !== undefined ? { guidance: u.guidance } : {}),
    ...(u.fault !== undefined ? { fault: u.fault } : {}),
    trace: append(b.trace, u.trace),
    turns: sum(b.turns, u.turns),
    stepsUsed: sum(b.stepsUsed, u.stepsUsed),
    replans: sum(b.replans, u.replans),
    usage: addUsage(b.usage, u.usage),
  };
}

export type VerdictStatus = "needs_more_steps" | "completed" | "failed";

export interface Verdict {
  status: VerdictStatus;
  replan: boolean;
  guidance: string | null;
  outcome: string | null;
  /** On completion: the outcome changes what later sub-tasks should do (queues a scoped Self-Revision). */
  affects_downstream?: boolean;
}
