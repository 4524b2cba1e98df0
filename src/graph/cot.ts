/**
 * Wiring of the CoT baseline: one global plan written up front, then step-wise execution that
 * follows it over the whole history. No replanning.
 *
 *   START -> prepare -> planner -> executor -> act -> executor ... (done | budget) -> deliver -> END
 */
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigurationForm, ensureConfiguration } from "../configuration.js";
import { baselineNodeMeta, prepareNode } from "../nodes/baselines/common.js";
import { baselineDeliverNode } from "../nodes/baselines/deliver.js";
import { globalPlannerNode } from "../nodes/baselines/globalPlanner.js";
import { stepActNode, stepExecutorNode } from "../nodes/baselines/stepExecutor.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { BaselineState, type BaselineStateType } from "../state/baseline.js";
import { GraphInput } from "../state/input.js";
import { BaselineOutput } from "../state/output.js";
import { planLoopRecursionLimit, SERVED_DEFAULT_STEPS } from "./limits.js";
import { withDefaultRecursionLimit } from "./serve.js";
import type { CompileOptions } from "./tdp.js";

/** After the Executor: a reply without an action means the plan is done. */
export function routeAfterExecutor(state: Pick<BaselineStateType, "finished" | "pending">): "act" | "deliver" {
  return state.finished || !state.pending ? "deliver" : "act";
}

/** After an action: keep executing, unless the action was refused for budget. */
export function routeAfterCotAct(state: Pick<BaselineStateType, "overBudget">): "executor" | "deliver" {
  return state.overBudget ? "deliver" : "executor";
}

export function buildCotGraph(agent: AgentOptions = {}) {
  return new StateGraph(BaselineState, { input: GraphInput, output: BaselineOutput, context: ConfigurationForm })
    .addNode("prepare", prepareNode, baselineNodeMeta("cot", "prepare"))
    .addNode("planner", globalPlannerNode(agent, "cot", "plan"), baselineNodeMeta("cot", "planner"))
    .addNode("executor", stepExecutorNode(agent, "cot"), baselineNodeMeta("cot", "executor"))
    .addNode("act", stepActNode(agent), baselineNodeMeta("cot", "act"))
    .addNode("deliver", baselineDeliverNode(agent, "cot"), baselineNodeMeta("cot", "deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "planner")
    .addEdge("planner", "executor")
    .addConditionalEdges("executor", (s: BaselineStateType) => routeAfterExecutor(s), ["act", "deliver"])
    .addConditionalEdges("act", (s: BaselineStateType) => routeAfterCotAct(s), ["executor", "deliver"])
    .addEdge("deliver", END);
}

export function createCotGraph(agent: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildCotGraph(agent).compile({ name: "cot", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves, called per run with the run's config: it carries a
 * recursion limit that fits the run's step budget (an explicit `recursion_limit` still wins).
 */
export function graph(config: LangGraphRunnableConfig = {}) {
  const cfg = ensureConfiguration(config);
  return withDefaultRecursionLimit(createCotGraph(), planLoopRecursionLimit(cfg.maxSteps ?? SERVED_DEFAULT_STEPS, 2));
}
