/**
 * Wiring of the ReAct baseline: LangGraph's prebuilt ReAct agent (interleaved reasoning and
 * acting over the full history) inside TDP's input, budget and delivery.
 *
 *   START -> prepare -> react (prebuilt agent, budgeted tools) -> deliver -> END
 */
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigurationSchema } from "../configuration.js";
import { baselineNodeMeta, prepareNode } from "../nodes/baselines/common.js";
import { makeBaselineDeliverNode } from "../nodes/baselines/deliver.js";
import { makeReactNode } from "../nodes/baselines/reactAgent.js";
import { BaselineState } from "../nodes/baselines/state.js";
import { Runtime, type AgentOptions } from "./runtime.js";
import { GraphInput, type CompileOptions } from "./tdp.js";

/** The uncompiled ReAct graph, for callers that compile it with their own checkpointer. */
export function buildReactGraph(options: AgentOptions = {}) {
  const runtime = new Runtime(options);
  return new StateGraph(BaselineState, { input: GraphInput, context: ConfigurationSchema })
    .addNode("prepare", prepareNode, baselineNodeMeta("react", "prepare"))
    .addNode("react", makeReactNode(runtime), baselineNodeMeta("react", "react"))
    .addNode("deliver", makeBaselineDeliverNode(runtime, "react"), baselineNodeMeta("react", "deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "react")
    .addEdge("react", "deliver")
    .addEdge("deliver", END);
}

export function createReactGraph(options: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildReactGraph(options).compile({ name: "react", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves (Studio, `langgraph dev`, LangGraph Platform): models and
 * tools come from the run's configuration. The outer graph is three supersteps; the prebuilt
 * agent inside sets its own recursion limit from the run's step budget.
 */
export function graph(_config: LangGraphRunnableConfig = {}) {
  return createReactGraph();
}
