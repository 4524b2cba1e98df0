/**
 * One run's view of a task's registry: the tools, one submission slot and per-tool call
 * counts. Lookups never change the world, so every scope shares the same tools.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { EnvSession } from "../types.js";
import { CROSSOVER_TOOL_NAMES, createCrossoverTools, type CrossoverToolName } from "./tools.js";
import type { CrossoverWorld } from "./world.js";

export interface CrossoverSession extends EnvSession {
  readonly world: CrossoverWorld;
  /** Calls that were rejected (bad or unknown code, empty answer). */
  invalidCalls(): number;
}

export function createCrossoverSession(world: CrossoverWorld): CrossoverSession {
  const counts = Object.fromEntries(CROSSOVER_TOOL_NAMES.map((n) => [n, 0])) as Record<CrossoverToolName, number>;
  let invalid = 0;
  let submitted: string | null = null;
  let tools: StructuredToolInterface[] | null = null;
  const session: CrossoverSession = {
    world,
    tools: () =>
      (tools ??= createCrossoverTools(world, {
        submit: (answer) => session.submit(answer),
        onCall: (name, ok) => {
          counts[name] += 1;
          if (!ok) invalid += 1;
        },
      })),
    submission: () => submitted,
    submit: (answer) => {
      submitted = answer;
    },
    callCounts: () => ({ ...counts }),
    invalidCalls: () => invalid,
  };
  return session;
}
