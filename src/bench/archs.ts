/**
 * The architectures the benchmark compares, by the names `langgraph.json` and `--archs` use,
 * with how to build each one and how many supersteps a run of it may need.
 */
import { recursionLimitFor, type Configuration } from "../configuration.js";
import { createCotGraph, planLoopRecursionLimit } from "../graph/cot.js";
import { createPlanAndActGraph } from "../graph/planAndAct.js";
import { createReactGraph } from "../graph/react.js";
import type { AgentOptions } from "../graph/runtime.js";
import { createTdpGraph } from "../graph/tdp.js";
import type { RevisionRecord, RunStatus } from "../state/state.js";
import type { Usage } from "../state/reducers.js";

export const ARCH_NAMES = ["tdp", "react", "cot", "plan_and_act"] as const;
export type ArchName = (typeof ARCH_NAMES)[number];

/** Human labels for tables and charts. */
export const ARCH_LABELS: Record<string, string> = {
  tdp: "TDP",
  react: "ReAct",
  cot: "CoT",
  plan_and_act: "Plan-and-Act",
};

/** What every architecture's final state has in common (the benchmark reads only this). */
export interface ArchOutput {
  answer: string | null;
  scores: Record<string, number> | null;
  status: RunStatus;
  reason: string | null;
  stepsUsed: number;
  replans: number;
  usage: Usage;
  /** TDP only: Self-Revision records. */
  revisions?: RevisionRecord[];
}

export interface RunnableArch {
  invoke(input: Record<string, unknown>, config: Record<string, unknown>): Promise<ArchOutput>;
}

/** A compiled graph of the named architecture. */
export function compileArch(arch: ArchName, options: AgentOptions = {}): RunnableArch {
  switch (arch) {
    case "tdp":
      return createTdpGraph(options) as unknown as RunnableArch;
    case "react":
      return createReactGraph(options) as unknown as RunnableArch;
    case "cot":
      return createCotGraph(options) as unknown as RunnableArch;
    case "plan_and_act":
      return createPlanAndActGraph(options) as unknown as RunnableArch;
  }
}

/** Supersteps to allow one run, so only the architecture's own limits (budget, caps) stop it. */
export function recursionLimitForArch(arch: ArchName, cfg: Configuration, maxSteps: number): number {
  switch (arch) {
    case "tdp":
      return recursionLimitFor(cfg);
    case "react":
      // The outer graph has three nodes; the prebuilt agent inside sets its own limit from the budget.
      return 25;
    case "cot":
      return planLoopRecursionLimit(maxSteps, 2);
    case "plan_and_act":
      return planLoopRecursionLimit(maxSteps, 3);
  }
}
