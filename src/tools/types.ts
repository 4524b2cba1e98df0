/**
 * The contract every bundled environment (travel, wiki, science) implements.
 *
 * An environment owns its world, its tools, its task set, its scorer and a reference
 * solution per task. The agent graphs only ever see an `EnvSession`: a set of LangChain
 * tools bound to one run's world, plus the submission slot that delivery writes to.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";

/** One bundled task as the CLI and the benchmark list it. */
export interface TaskInfo {
  id: string;
  /** Difficulty or task type, e.g. "easy" | "medium" | "hard", "bridge", "boil". */
  level: string;
  /** The natural-language task the agent receives. */
  query: string;
}

/** One tool call of a reference solution, exactly as a model would emit it. */
export interface ReferenceAction {
  tool: string;
  args: Record<string, unknown>;
}

/** One sub-task of a reference decomposition. */
export interface ReferenceSubtask {
  id: string;
  /** Standalone spec: readable without the global task. */
  spec: string;
  deps: string[];
  /** The tool calls that complete this sub-task, in order. */
  actions: ReferenceAction[];
}

/**
 * A known-good way to solve a task. The offline simulator replays it (with seeded noise);
 * nothing else may read it, and it is never shown to a real model.
 */
export interface ReferenceSolution {
  subtasks: ReferenceSubtask[];
  /**
   * The final answer a model would write when asked to deliver without having submitted
   * through a tool (e.g. the plan JSON, the short answer). Used only by the simulator.
   */
  answer: string;
}

/**
 * One run's world. Tools must never throw on bad input: they return an observation that
 * says what was wrong (LangChain turns thrown errors into run failures).
 */
export interface EnvSession {
  /**
   * Tools for one branch of the run. `scope` is the DAG node id (or "main" for single-thread
   * architectures); environments with per-reader state (e.g. wiki's lookup cursor) keep it
   * per scope so parallel branches do not disturb each other.
   */
  tools(scope: string): StructuredToolInterface[];
  /** What was delivered (by a submission tool or by the graph's deliver step), if anything. */
  submission(): string | null;
  /** Record a delivery; later submissions replace earlier ones. */
  submit(answer: string): void;
  /** Number of tool calls executed so far, by tool name (for tests and benchmarks). */
  callCounts(): Record<string, number>;
}

/** Scores are plain numbers so the benchmark can write them as JSONL columns. */
export type Scores = Record<string, number>;

export interface Environment {
  /** Short name used on the command line: "travel", "wiki", "science". */
  name: string;
  /** One-line description for `--help` and the README. */
  description: string;
  /**
   * True when the tools act on one stateful world that parallel branches must not
   * interleave actions in; the scheduler then dispatches one ready node at a time.
   */
  exclusive: boolean;
  /** Default global environment-step budget for this environment's tasks. */
  defaultMaxSteps: number;
  /** How the final answer must be written (included in delivery prompts). */
  deliveryFormat: string;
  /** Name of the tool that delivers (e.g. "SubmitPlan", "Finish"), if the env has one. */
  submitTool: string | null;
  /** The bundled task set, in a stable order. */
  tasks(): TaskInfo[];
  /** Throws an `UnknownTaskError` for an id not in the set. */
  task(id: string): TaskInfo;
  /** A fresh world for one run of one task. */
  createSession(taskId: string): EnvSession;
  /**
   * Scores a finished run. Must include `delivered` (0/1). Everything else is
   * environment specific (travel: cs_micro, ..., final_pass; wiki: em, f1, ...; science: reward).
   * `options.scoring` picks the evaluator: "strict" (default, the project's own) or "official"
   * (the original benchmark's evaluator and scale, quirks included); an environment with a
   * single evaluator ignores it. Scores made with "official" carry `scoring_official: 1`.
   */
  score(taskId: string, session: EnvSession, options?: { scoring?: "strict" | "official" }): Scores;
  /** A known-good solution, for the offline simulator only. */
  reference(taskId: string): ReferenceSolution;
  /**
   * For environments whose answers a judge model can grade (wiki): the question and the gold
   * answer. The benchmark's optional LLM-judge column uses it; nothing else does.
   */
  judgeInput?(taskId: string): { question: string; gold: string };
}
