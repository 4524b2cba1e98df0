/**
 * State of the baseline architectures (ReAct, CoT, Plan-and-Act). Unlike TDP's global state,
 * it holds one execution trace for the whole task: that single, growing history is exactly
 * what the baselines reason over and what TDP avoids.
 *
 * Input and output keys match TDP's (`task | env + taskId`, `answer`, `scores`, `status`,
 * `stepsUsed`, `usage`, `replans`), so callers and the benchmark treat every architecture alike.
 */
import { Annotation } from "@langchain/langgraph";
import { addUsage, append, sum, type Usage } from "./reducers.js";
import type { RunStatus } from "./state.js";
import type { TraceEntry } from "./trace.js";

export type BaselineArch = "react" | "cot" | "plan_and_act";

const last = <T>(init: () => T) => Annotation<T>({ reducer: (_a, b) => b, default: init });
const counter = () => Annotation<number, number>({ reducer: sum, default: () => 0 });

export const BaselineState = Annotation.Root({
  /** The task in natural language. Filled from the environment when `env`/`taskId` are given. */
  task: last<string>(() => ""),
  /** Bundled environment name, or null for caller-supplied tools. */
  env: last<string | null>(() => null),
  /** Bundled task id within `env`. */
  taskId: last<string | null>(() => null),
  /** Key of this run's environment session. */
  runId: last<string>(() => ""),
  /** The current global plan (CoT: written once; Plan-and-Act: rewritten after each step). */
  plan: last<string[]>(() => []),
  /** Every action and observation of the run, in order: the entangled history. */
  trace: Annotation<TraceEntry[], TraceEntry[] | TraceEntry>({ reducer: append, default: () => [] }),
  /** The action the Executor chose and `act` will run. */
  pending: last<TraceEntry["action"]>(() => null),
  /** The architecture declared the task done (no further action, or an empty plan). */
  finished: last<boolean>(() => false),
  /** An action was refused because the global step budget was spent: the run stops and delivers. */
  overBudget: last<boolean>(() => false),
  /** Set when a model call failed for good: the run delivers what it has and ends `error`. */
  fault: last<string | null>(() => null),
  /** Environment steps (tool calls attempted). */
  stepsUsed: counter(),
  /** Global replans (Plan-and-Act); always 0 for ReAct and CoT. */
  replans: counter(),
  usage: Annotation<Usage, Usage>({ reducer: addUsage, default: () => ({}) }),
  answer: last<string | null>(() => null),
  scores: last<Record<string, number> | null>(() => null),
  status: last<RunStatus>(() => "running"),
  reason: last<string | null>(() => null),
});

export type BaselineStateType = typeof BaselineState.State;
export type BaselineUpdate = typeof BaselineState.Update;
