/**
 * Wiring of the CoT baseline: one global plan written up front, then step-wise execution that
 * follows it over the whole history. No replanning.
 *
 *   START -> prepare -> planner -> executor -> act -> executor ... (done | budget) -> deliver -> END
 */
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigurationSchema, ensureConfiguration } from "../configuration.js";
import { baselineNodeMeta, prepareNode } from "../nodes/baselines/common.js";
import { makeBaselineDeliverNode } from "../nodes/baselines/deliver.js";
import { makeGlobalPlannerNode } from "../nodes/baselines/globalPlanner.js";
import { makeStepActNode, makeStepExecutorNode } from "../nodes/baselines/stepExecutor.js";
import { BaselineState, type BaselineStateType } from "../nodes/baselines/state.js";
import { Runtime, type AgentOptions } from "./runtime.js";
import { withDefaultRecursionLimit } from "./serve.js";
import { GraphInput, type CompileOptions } from "./tdp.js";

/** After the Executor: a reply without an action means the plan is done. */
export function routeAfterExecutor(state: Pick<BaselineStateType, "finished" | "pending">): "act" | "deliver" {
  return state.finished || !state.pending ? "deliver" : "act";
}

/** After an action: keep executing, unless the action was refused for budget. */
export function routeAfterCotAct(state: Pick<BaselineStateType, "overBudget">): "executor" | "deliver" {
  return state.overBudget ? "deliver" : "executor";
}

/**
 * Supersteps a plan-then-execute run needs for `maxSteps` steps: up to `perStep` nodes per
 * step (executor, act and, for Plan-and-Act, the replanner), one refused step, plus entry and delivery.
 */
export function planLoopRecursionLimit(maxSteps: number, perStep: number): number {
  return perStep * (maxSteps + 2) + 6;
}

export function buildCotGraph(options: AgentOptions = {}) {
  const runtime = new Runtime(options);
  return new StateGraph(BaselineState, { input: GraphInput, context: ConfigurationSchema })
    .addNode("prepare", prepareNode, baselineNodeMeta("cot", "prepare"))
    .addNode("planner", makeGlobalPlannerNode(runtime, "cot", "plan"), baselineNodeMeta("cot", "planner"))
    .addNode("executor", makeStepExecutorNode(runtime, "cot"), baselineNodeMeta("cot", "executor"))
    .addNode("act", makeStepActNode(runtime), baselineNodeMeta("cot", "act"))
    .addNode("deliver", makeBaselineDeliverNode(runtime, "cot"), baselineNodeMeta("cot", "deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "planner")
    .addEdge("planner", "executor")
    .addConditionalEdges("executor", (s: BaselineStateType) => routeAfterExecutor(s), ["act", "deliver"])
    .addConditionalEdges("act", (s: BaselineStateType) => routeAfterCotAct(s), ["executor", "deliver"])
    .addEdge("deliver", END);
}

export function createCotGraph(options: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildCotGraph(options).compile({ name: "cot", checkpointer: compile.checkpointer });
}

/** Step budget assumed for a served run that configures none: above every bundled environment's default. */
export const SERVED_DEFAULT_STEPS = 200;

/**
 * The graph langgraph.json serves, called per run with the run's config: it carries a
 * recursion limit that fits the run's step budget (an explicit `recursion_limit` still wins).
 */
export function graph(config: LangGraphRunnableConfig = {}) {
  const cfg = ensureConfiguration(config);
  return withDefaultRecursionLimit(createCotGraph(), planLoopRecursionLimit(cfg.maxSteps ?? SERVED_DEFAULT_STEPS, 2));
}
