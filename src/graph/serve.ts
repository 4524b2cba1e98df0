/**
 * Recursion limits that reach every entry point of a compiled graph.
 *
 * LangGraph's default recursion limit (25 supersteps) is too low for our loops, and
 * `compiled.withConfig({ recursionLimit })` alone does not reach server runs: the API server
 * calls `graph.streamEvents(input, { recursionLimit: undefined, ... })` when a run sets no
 * `recursion_limit`, the explicit `undefined` overrides the graph's own config inside
 * `Pregel.streamEvents`, and `ensureConfig` then fills in 25. A graph used as a node of a
 * parent graph likewise receives the parent's limit. These wrappers close both gaps.
 */
import type { RunnableConfig } from "@langchain/core/runnables";

interface ConfigurableGraph<G> {
  withConfig(config: RunnableConfig): G;
}

type Entry = (input: unknown, options?: Record<string, unknown>, ...rest: unknown[]) => unknown;

function patchEntries<G extends ConfigurableGraph<G>>(
  graph: G,
  recursionLimit: number,
  pick: (given: number | undefined) => number,
): G {
  const served = graph.withConfig({ recursionLimit });
  const target = served as unknown as Record<"invoke" | "stream" | "streamEvents", Entry>;
  for (const name of ["invoke", "stream", "streamEvents"] as const) {
    const original = target[name].bind(served);
    target[name] = (input, options, ...rest) =>
      original(input, { ...options, recursionLimit: pick(options?.recursionLimit as number | undefined) }, ...rest);
  }
  return served;
}

/** The graph with `recursionLimit` as its default; a run's explicit limit still wins (served graphs). */
export function withDefaultRecursionLimit<G extends ConfigurableGraph<G>>(graph: G, recursionLimit: number): G {
  return patchEntries(graph, recursionLimit, (given) => given ?? recursionLimit);
}

/**
 * The graph never runs with less than `recursionLimit`, whatever limit a caller or a parent
 * graph passes: the budgets, not LangGraph's superstep counter, are what stop it.
 */
export function withRecursionFloor<G extends ConfigurableGraph<G>>(graph: G, recursionLimit: number): G {
  return patchEntries(graph, recursionLimit, (given) => Math.max(given ?? 0, recursionLimit));
}
