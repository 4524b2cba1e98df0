/**
 * Graph state for TDP. Two schemas, on purpose:
 *
 * - `TdpState` is global: the task, the DAG and counters. It never holds an execution trace.
 * - `WorkerState` is one branch's scoped state: only what its `Send` carried (one node, its
 *   prerequisites' outcomes, plumbing) plus what the branch produces (plan, its own trace).
 *
 * The worker shares exactly four reducer channels with the parent (`dag`, `stepsUsed`,
 * `usage`, `replans`): those are how a finished branch reports back. Everything else in the
 * worker is private and never reaches the parent.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer, type Messages } from "@langchain/langgraph";
import type { Dag, DagUpdate, SubTask } from "./dag.js";
import { addUsage, append, mergeDag, sum, type Usage } from "./reducers.js";
import type { TraceEntry } from "./trace.js";

export type RunStatus = "running" | "completed" | "budget_exhausted" | "failed" | "error";

/** One accepted or rejected Self-Revision (or construction fallback), for inspection. */
export interface RevisionRecord {
  round: number;
  /** construct: Supervisor; revise: Self-Revision; approve: a human reviewer's answer to plan approval. */
  stage: "construct" | "revise" | "approve";
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
  /** Completed batches (dispatch + Self-Revision rounds). */
  round: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  /** Environment steps over all branches. */
  stepsUsed: counterChannel(),
  /** Local replans over all nodes. */
  replans: counterChannel(),
  usage: usageChannel(),
  revisions: Annotation<RevisionRecord[], RevisionRecord[] | RevisionRecord>({
    reducer: append,
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
  /** Evaluator verdict on the latest step. */
  verdict: Annotation<Verdict | null>({ reducer: (_a, b) => b, default: () => null }),
  guidance: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Set when a model call of this branch failed for good: the branch ends failed, saying why. */
  fault: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Executor turns in this attempt (with or without an action): the per-node cap. */
  turns: Annotation<number, number>({ reducer: sum, default: () => 0 }),
  // Shared with the parent: what the finished branch reports back.
  dag: dagChannel(),
  stepsUsed: counterChannel(),
  replans: counterChannel(),
  usage: usageChannel(),
});

export type WorkerStateType = typeof WorkerState.State;
export type WorkerUpdate = typeof WorkerState.Update;

export type VerdictStatus = "needs_more_steps" | "completed" | "failed";

export interface Verdict {
  status: VerdictStatus;
  replan: boolean;
  guidance: string | null;
  outcome: string | null;
}
