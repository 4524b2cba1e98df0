/**
 * Wiring of the TDP graph. Nodes live in src/nodes; this file only connects them.
 *
 *   START -> supervisor -(Send per ready node)-> nodeWorker -> selfRevision -(Send ...)-> ...
 *                       \-> deliver -> END                                 \-> deliver
 *
 *   nodeWorker: planner -> executor -> act -> evaluator -> (executor | planner | report)
 */
import { END, Send, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { ensureConfiguration } from "../configuration.js";
import { makeActNode } from "../nodes/act.js";
import { makeDeliverNode } from "../nodes/deliver.js";
import { makeEvaluatorNode } from "../nodes/evaluator.js";
import { makeExecutorNode } from "../nodes/executor.js";
import { makePlannerNode } from "../nodes/planner.js";
import { reportNode } from "../nodes/reportNode.js";
import { makeSelfRevisionNode } from "../nodes/selfRevision.js";
import { makeSupervisorNode } from "../nodes/supervisor.js";
import { TdpState, WorkerState, type PrereqOutcome, type TdpStateType, type WorkerStateType } from "../state/state.js";
import { getEnvironment } from "../tools/registry.js";
import { planDispatch, routeAfterEvaluation } from "./routing.js";
import { Runtime, type AgentOptions } from "./runtime.js";

export const DEFAULT_MAX_STEPS = 50;

/** The node-worker subgraph: one sub-task, scoped state, local replanning. */
export function buildWorkerGraph(runtime: Runtime) {
  return new StateGraph(WorkerState)
    .addNode("planner", makePlannerNode(runtime))
    .addNode("executor", makeExecutorNode(runtime))
    .addNode("act", makeActNode(runtime))
    .addNode("evaluator", makeEvaluatorNode(runtime))
    .addNode("report", reportNode)
    .addEdge(START, "planner")
    .addEdge("planner", "executor")
    .addEdge("executor", "act")
    .addEdge("act", "evaluator")
    .addConditionalEdges("evaluator", (s: WorkerStateType) => routeAfterEvaluation(s), ["planner", "executor", "report"])
    .addEdge("report", END);
}

/** Global budget: configuration first, then the environment's default, then 50. */
export async function resolveMaxSteps(state: Pick<TdpStateType, "env">, config: LangGraphRunnableConfig): Promise<number> {
  const cfg = ensureConfiguration(config);
  if (cfg.maxSteps) return cfg.maxSteps;
  if (state.env) return (await getEnvironment(state.env)).defaultMaxSteps;
  return DEFAULT_MAX_STEPS;
}

/** The dispatch edge: one `Send` per node of the next batch, or delivery. */
export function makeDispatchEdge(runtime: Runtime) {
  return async function dispatch(state: TdpStateType, config: LangGraphRunnableConfig): Promise<Send[] | "deliver"> {
    const cfg = ensureConfiguration(config);
    const res = await runtime.resources({ runId: state.runId, env: state.env, taskId: state.taskId });
    const plan = planDispatch({
      dag: state.dag,
      stepsUsed: state.stepsUsed,
      maxSteps: await resolveMaxSteps(state, config),
      round: state.round,
      maxRounds: cfg.maxRounds,
      maxStepsPerNode: cfg.maxStepsPerNode,
      exclusive: res.exclusive,
    });
    if (plan.kind === "deliver") return "deliver";
    return plan.batch.map(({ node, stepBudget }) => {
      const prereqs: PrereqOutcome[] = node.deps.map((d) => ({ id: d, spec: state.dag[d].spec, outcome: state.dag[d].outcome ?? "" }));
      return new Send("nodeWorker", {
        node,
        prereqs,
        ctx: { runId: state.runId, env: state.env, taskId: state.taskId, stepBudget, maxReplans: cfg.maxReplans },
      });
    });
  };
}

/** The uncompiled TDP graph, for callers that compile it with their own checkpointer. */
export function buildTdpGraph(options: AgentOptions = {}) {
  const runtime = new Runtime(options);
  const worker = buildWorkerGraph(runtime).compile({ name: "nodeWorker" });
  const dispatch = makeDispatchEdge(runtime);
  return new StateGraph(TdpState)
    .addNode("supervisor", makeSupervisorNode(runtime))
    .addNode("nodeWorker", worker)
    .addNode("selfRevision", makeSelfRevisionNode(runtime))
    .addNode("deliver", makeDeliverNode(runtime, resolveMaxSteps))
    .addEdge(START, "supervisor")
    .addConditionalEdges("supervisor", dispatch, ["nodeWorker", "deliver"])
    .addEdge("nodeWorker", "selfRevision")
    .addConditionalEdges("selfRevision", dispatch, ["nodeWorker", "deliver"])
    .addEdge("deliver", END);
}

export interface CompileOptions {
  checkpointer?: BaseCheckpointSaver;
}

export function createTdpGraph(options: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildTdpGraph(options).compile({ name: "tdp", checkpointer: compile.checkpointer });
}
