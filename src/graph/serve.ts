/**
 * Helpers for the graphs langgraph.json serves (Studio, `langgraph dev`, LangGraph Platform).
 *
 * LangGraph's default recursion limit (25 supersteps) is too low for our loops, and
 * `compiled.withConfig({ recursionLimit })` alone does not reach server runs: the API server
 * calls `graph.streamEvents(input, { recursionLimit: undefined, ... })` when a run sets no
 * `recursion_limit`, the explicit `undefined` overrides the graph's own config inside
 * `Pregel.streamEvents`, and `ensureConfig` then fills in 25. `withDefaultRecursionLimit`
 * closes that gap so the limit holds on every path; a run's explicit limit still wins.
 */
import type { RunnableConfig } from "@langchain/core/runnables";

interface ConfigurableGraph<G> {
  withConfig(config: RunnableConfig): G;
}

/** The graph with `recursionLimit` as its default on `invoke`, `stream` and `streamEvents`. */
export function withDefaultRecursionLimit<G extends ConfigurableGraph<G>>(graph: G, recursionLimit: number): G {
  const served = graph.withConfig({ recursionLimit });
  const target = served as unknown as {
    streamEvents: (input: unknown, options?: Record<string, unknown>, ...rest: unknown[]) => unknown;
  };
  const streamEvents = target.streamEvents.bind(served);
  target.streamEvents = (input, options, ...rest) =>
    streamEvents(input, { ...options, recursionLimit: options?.recursionLimit ?? recursionLimit }, ...rest);
  return served;
}
