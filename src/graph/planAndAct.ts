/**
 * Wiring of the Plan-and-Act baseline: a global plan, step-wise execution, and after every
 * step a re-plan of the *whole* remaining plan from the full history (dynamic replanning).
 *
 *   START -> prepare -> planner -> executor -> act -> replanner -> executor ...
 *                                      \-> deliver (done | empty plan | budget) -> END
 */
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigurationSchema, ensureConfiguration } from "../configuration.js";
import { baselineNodeMeta, prepareNode } from "../nodes/baselines/common.js";
import { makeBaselineDeliverNode } from "../nodes/baselines/deliver.js";
import { makeGlobalPlannerNode } from "../nodes/baselines/globalPlanner.js";
import { makeStepActNode, makeStepExecutorNode } from "../nodes/baselines/stepExecutor.js";
import { BaselineState, type BaselineStateType } from "../nodes/baselines/state.js";
import { planLoopRecursionLimit, routeAfterExecutor, SERVED_DEFAULT_STEPS } from "./cot.js";
import { Runtime, type AgentOptions } from "./runtime.js";
import { withDefaultRecursionLimit } from "./serve.js";
import { GraphInput, type CompileOptions } from "./tdp.js";

/** After an action: replan from its result, unless the action was refused for budget. */
export function routeAfterPlanAndActStep(state: Pick<BaselineStateType, "overBudget">): "replanner" | "deliver" {
  return state.overBudget ? "deliver" : "replanner";
}

/** After a replan: an empty plan means the Planner judged the task complete. */
export function routeAfterReplan(state: Pick<BaselineStateType, "finished">): "executor" | "deliver" {
  return state.finished ? "deliver" : "executor";
}

export function buildPlanAndActGraph(options: AgentOptions = {}) {
  const runtime = new Runtime(options);
  return new StateGraph(BaselineState, { input: GraphInput, context: ConfigurationSchema })
    .addNode("prepare", prepareNode, baselineNodeMeta("plan_and_act", "prepare"))
    .addNode(
      "planner",
      makeGlobalPlannerNode(runtime, "plan_and_act", "plan"),
      baselineNodeMeta("plan_and_act", "planner"),
    )
    .addNode("executor", makeStepExecutorNode(runtime, "plan_and_act"), baselineNodeMeta("plan_and_act", "executor"))
    .addNode("act", makeStepActNode(runtime), baselineNodeMeta("plan_and_act", "act"))
    .addNode(
      "replanner",
      makeGlobalPlannerNode(runtime, "plan_and_act", "replan"),
      baselineNodeMeta("plan_and_act", "replanner"),
    )
    .addNode("deliver", makeBaselineDeliverNode(runtime, "plan_and_act"), baselineNodeMeta("plan_and_act", "deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "planner")
    .addEdge("planner", "executor")
    .addConditionalEdges("executor", (s: BaselineStateType) => routeAfterExecutor(s), ["act", "deliver"])
    .addConditionalEdges("act", (s: BaselineStateType) => routeAfterPlanAndActStep(s), ["replanner", "deliver"])
    .addConditionalEdges("replanner", (s: BaselineStateType) => routeAfterReplan(s), ["executor", "deliver"])
    .addEdge("deliver", END);
}

export function createPlanAndActGraph(options: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildPlanAndActGraph(options).compile({ name: "plan_and_act", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves, called per run with the run's config: it carries a
 * recursion limit that fits the run's step budget (an explicit `recursion_limit` still wins).
 */
export function graph(config: LangGraphRunnableConfig = {}) {
  const cfg = ensureConfiguration(config);
  return withDefaultRecursionLimit(
    createPlanAndActGraph(),
    planLoopRecursionLimit(cfg.maxSteps ?? SERVED_DEFAULT_STEPS, 3),
  );
}
