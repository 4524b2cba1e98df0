/**
 * Wiring of the Plan-and-Act baseline: a global plan, step-wise execution, and after every
 * step a re-plan of the *whole* remaining plan from the full history (dynamic replanning).
 *
 *   START -> prepare -> planner -> executor -> act -> replanner -> executor ...
 *                                      \-> deliver (done | empty plan | budget) -> END
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
import { routeAfterExecutor } from "./cot.js";
import { planLoopRecursionLimit, SERVED_DEFAULT_STEPS } from "./limits.js";
import { withDefaultRecursionLimit } from "./serve.js";
import type { CompileOptions } from "./tdp.js";

/** After an action: replan from its result, unless the action was refused for budget. */
export function routeAfterPlanAndActStep(state: Pick<BaselineStateType, "overBudget">): "replanner" | "deliver" {
  return state.overBudget ? "deliver" : "replanner";
}

/** After a replan: an empty plan means the Planner judged the task complete. */
export function routeAfterReplan(state: Pick<BaselineStateType, "finished">): "executor" | "deliver" {
  return state.finished ? "deliver" : "executor";
}

export function buildPlanAndActGraph(agent: AgentOptions = {}) {
  const meta = (role: string) => baselineNodeMeta("plan_and_act", role);
  return new StateGraph(BaselineState, { input: GraphInput, output: BaselineOutput, context: ConfigurationForm })
    .addNode("prepare", prepareNode, meta("prepare"))
    .addNode("planner", globalPlannerNode(agent, "plan_and_act", "plan"), meta("planner"))
    .addNode("executor", stepExecutorNode(agent, "plan_and_act"), meta("executor"))
    .addNode("act", stepActNode(agent), meta("act"))
    .addNode("replanner", globalPlannerNode(agent, "plan_and_act", "replan"), meta("replanner"))
    .addNode("deliver", baselineDeliverNode(agent, "plan_and_act"), meta("deliver"))
    .addEdge(START, "prepare")
    .addEdge("prepare", "planner")
    .addEdge("planner", "executor")
    .addConditionalEdges("executor", (s: BaselineStateType) => routeAfterExecutor(s), ["act", "deliver"])
    .addConditionalEdges("act", (s: BaselineStateType) => routeAfterPlanAndActStep(s), ["replanner", "deliver"])
    .addConditionalEdges("replanner", (s: BaselineStateType) => routeAfterReplan(s), ["executor", "deliver"])
    .addEdge("deliver", END);
}

export function createPlanAndActGraph(agent: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildPlanAndActGraph(agent).compile({ name: "plan_and_act", checkpointer: compile.checkpointer });
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
