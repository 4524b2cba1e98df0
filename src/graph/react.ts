/**
 * Wiring of the ReAct baseline: LangChain's `createAgent` (interleaved reasoning and acting
 * over the full history) inside TDP's input, budget and delivery.
 *
 *   START -> prepare -> react (agent with a step-budget middleware) -> deliver -> END
 */
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigurationForm } from "../configuration.js";
import { baselineNodeMeta, prepareNode } from "../nodes/baselines/common.js";
import { baselineDeliverNode } from "../nodes/baselines/deliver.js";
import { reactNode } from "../nodes/baselines/reactAgent.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { BaselineState } from "../state/baseline.js";
import { GraphInput } from "../state/input.js";
import { BaselineOutput } from "../state/output.js";
import type { CompileOptions } from "./tdp.js";

/** The uncompiled ReAct graph, for callers that compile it with their own checkpointer. */
export function buildReactGraph(agent: AgentOptions = {}) {
  return new StateGraph(BaselineState, { input: GraphInput, output: BaselineOutput, context: ConfigurationForm })
    .addNode("prepare", prepareNode, baselineNodeMeta("react", "prepare"))
    .addNode("react", reactNode(agent), baselineNodeMeta("react", "react"))
    .addNode("deliver", baselineDeliverNode(agent, "react"), baselineNodeMeta("react", "deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "react")
    .addEdge("react", "deliver")
    .addEdge("deliver", END);
}

export function createReactGraph(agent: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildReactGraph(agent).compile({ name: "react", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves (Studio, `langgraph dev`, LangGraph Platform): models and
 * tools come from the run's configuration. The outer graph is three supersteps; the agent
 * inside sets its own recursion limit from the run's step budget.
 */
export function graph(_config: LangGraphRunnableConfig = {}) {
  return createReactGraph();
}
