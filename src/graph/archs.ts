/**
 * The one architecture registry: by the names `langgraph.json`, `--arch` and `--archs` use,
 * each with its label, its builder and the recursion limit a run of it needs. The CLI, the
 * bench, the LangSmith experiments and the library all go through it.
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { Configuration } from "../configuration.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import type { Usage } from "../state/reducers.js";
import type { RevisionRecord, RunStatus } from "../state/state.js";
import type { Dag } from "../state/dag.js";
import { createCotGraph } from "./cot.js";
import { planLoopRecursionLimit, REACT_OUTER_LIMIT, tdpRecursionLimit } from "./limits.js";
import { createPlanAndActGraph } from "./planAndAct.js";
import { createReactGraph } from "./react.js";
import { createTdpGraph } from "./tdp.js";

export const ARCH_NAMES = ["tdp", "react", "cot", "plan_and_act"] as const;
export type ArchName = (typeof ARCH_NAMES)[number];

/** What every architecture's final state has in common (TDP adds its DAG fields). */
export interface ArchState {
  task: string;
  env: string | null;
  taskId: string | null;
  runId: string;
  answer: string | null;
  scores: Record<string, number> | null;
  status: RunStatus;
  reason: string | null;
  stepsUsed: number;
  replans: number;
  usage: Usage;
  /** TDP only. */
  dag?: Dag;
  round?: number;
  revisions?: RevisionRecord[];
}

/** The part of a compiled graph `runArch` uses; every architecture's compiled graph has it. */
export interface ArchGraph {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  getState(config: { configurable: Record<string, unknown> }): Promise<{
    values: unknown;
    next: string[];
    tasks: { interrupts?: { value?: unknown }[] }[];
  }>;
}

export interface ArchSpec {
  name: ArchName;
  /** Human label for tables and charts. */
  label: string;
  compile(agent?: AgentOptions, checkpointer?: BaseCheckpointSaver): ArchGraph;
  /** Supersteps to allow one run, so only the architecture's own limits (budget, caps) stop it. */
  recursionLimit(cfg: Configuration, maxSteps: number): number;
}

const asArchGraph = (g: unknown) => g as ArchGraph;

export const ARCHS: Record<ArchName, ArchSpec> = {
  tdp: {
    name: "tdp",
    label: "TDP",
    compile: (agent, checkpointer) => asArchGraph(createTdpGraph(agent, { checkpointer })),
    recursionLimit: (cfg) => tdpRecursionLimit(cfg),
  },
  react: {
    name: "react",
    label: "ReAct",
    compile: (agent, checkpointer) => asArchGraph(createReactGraph(agent, { checkpointer })),
    recursionLimit: () => REACT_OUTER_LIMIT,
  },
  cot: {
    name: "cot",
    label: "CoT",
    compile: (agent, checkpointer) => asArchGraph(createCotGraph(agent, { checkpointer })),
    recursionLimit: (_cfg, maxSteps) => planLoopRecursionLimit(maxSteps, 2),
  },
  plan_and_act: {
    name: "plan_and_act",
    label: "Plan-and-Act",
    compile: (agent, checkpointer) => asArchGraph(createPlanAndActGraph(agent, { checkpointer })),
    recursionLimit: (_cfg, maxSteps) => planLoopRecursionLimit(maxSteps, 3),
  },
};

/** Human labels by name, for reports that may also hold names outside the registry. */
export const ARCH_LABELS: Record<string, string> = Object.fromEntries(ARCH_NAMES.map((n) => [n, ARCHS[n].label]));
