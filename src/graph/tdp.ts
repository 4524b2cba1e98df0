/**
 * Wiring of the TDP graph. Nodes live in src/nodes; this file only connects them.
 *
 *   START -> supervisor [-> approvePlan] -(Send per ready node)-> nodeWorker -> selfRevision -(Send ...)-> ...
 *                                       \-> deliver -> END                                   \-> deliver
 *
 *   nodeWorker: planner -> executor -> act -> evaluator -> (executor | planner | report)
 *
 * `graph` (bottom) is what langgraph.json serves to Studio and LangGraph Platform.
 */
import { END, Send, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { ConfigurationForm, ensureConfiguration } from "../configuration.js";
import { actNode } from "../nodes/act.js";
import { approvePlanNode } from "../nodes/approvePlan.js";
import { deliverNode } from "../nodes/deliver.js";
import { evaluatorNode } from "../nodes/evaluator.js";
import { executorNode } from "../nodes/executor.js";
import { plannerNode } from "../nodes/planner.js";
import { reportNode } from "../nodes/reportNode.js";
import { selfRevisionNode } from "../nodes/selfRevision.js";
import { runContext, scopeOf, type AgentOptions } from "../nodes/shared/runContext.js";
import { supervisorNode } from "../nodes/supervisor.js";
import { TdpInput } from "../state/input.js";
import { TdpOutput } from "../state/output.js";
import {
  TdpState,
  WorkerState,
  type PrereqOutcome,
  type TdpStateType,
  type WorkerStateType,
  type WorkerUpdate,
} from "../state/state.js";
import { roundLimit, tdpRecursionLimit } from "./limits.js";
import { planDispatch, routeAfterEvaluation, routeOnFault } from "./routing.js";
import { withDefaultRecursionLimit } from "./serve.js";

/** Static run metadata of a graph node, so a LangSmith trace says which role each node plays. */
export function nodeMeta(role: string): { metadata: Record<string, string> } {
  return { metadata: { arch: "tdp", role } };
}

/** The node-worker subgraph: one sub-task, scoped state, local replanning. */
export function buildWorkerGraph(agent: AgentOptions) {
  // The context schema gives Studio the worker's settings form at once (no TypeScript parsing).
  return new StateGraph(WorkerState, { context: ConfigurationForm })
    .addNode("planner", plannerNode(agent), nodeMeta("planner"))
    .addNode("executor", executorNode(agent), nodeMeta("executor"))
    .addNode("act", actNode(agent), nodeMeta("act"))
    .addNode("evaluator", evaluatorNode(agent), nodeMeta("evaluator"))
    .addNode("report", reportNode, nodeMeta("report"))
    .addEdge(START, "planner")
    .addConditionalEdges("planner", routeOnFault("executor"), ["executor", "report"])
    .addConditionalEdges("executor", routeOnFault("act"), ["act", "report"])
    .addEdge("act", "evaluator")
    .addConditionalEdges("evaluator", (s: WorkerStateType) => routeAfterEvaluation(s), [
      "planner",
      "executor",
      "report",
    ])
    .addEdge("report", END);
}

/** The dispatch edge: one `Send` per node of the next batch, or delivery. */
export function dispatchEdge(agent: AgentOptions) {
  return async function dispatch(state: TdpStateType, config: LangGraphRunnableConfig): Promise<Send[] | "deliver"> {
    const run = await runContext(agent, config, scopeOf(state));
    const plan = planDispatch({
      dag: state.dag,
      stepsUsed: state.stepsUsed,
      maxSteps: run.maxSteps,
      round: state.round,
      maxRounds: roundLimit(run.cfg.maxRounds, state.dag),
      maxStepsPerNode: run.cfg.maxStepsPerNode,
      exclusive: run.exclusive,
    });
    if (plan.kind === "deliver") return "deliver";
    return plan.batch.map(({ node, stepBudget }) => {
      const prereqs: PrereqOutcome[] = node.deps.map((d) => ({
        id: d,
        spec: state.dag[d].spec,
        outcome: state.dag[d].outcome ?? "",
      }));
      const payload: WorkerInput = {
        node,
        prereqs,
        scope: run.scope,
        limits: { stepBudget, maxReplans: run.cfg.maxReplans },
      };
      return new Send("nodeWorker", payload);
    });
  };
}

/** What one `Send` carries to a branch. */
export type WorkerInput = Pick<WorkerStateType, "node" | "prereqs" | "scope" | "limits">;

type CompiledWorker = ReturnType<typeof compileWorker>;

/**
 * Runs one branch. The subgraph is invoked under a run named for its DAG node and tagged
 * with `node_id`, so every run below it (planner, executor, act, evaluator and their LLM
 * calls) is filed under that sub-task in a trace: a TDP trace reads as the DAG. Only the
 * four channels shared with the parent go back up.
 */
export function nodeWorkerNode(worker: CompiledWorker) {
  return async function nodeWorker(input: WorkerInput, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const cfg = ensureConfiguration(config);
    const out = await worker.invoke(input, {
      ...config,
      // The worker declares the same configuration as its context: the parent's, resolved.
      context: cfg,
      // The worker loop's depth follows the budgets, whatever limit the caller gave the parent.
      recursionLimit: Math.max(config.recursionLimit ?? 0, tdpRecursionLimit(cfg)),
      runName: `nodeWorker:${input.node.id}`,
      metadata: {
        ...config.metadata,
        arch: "tdp",
        role: "sub_task",
        node_id: input.node.id,
        env: input.scope.env,
        task_id: input.scope.taskId,
      },
    });
    return { dag: out.dag, stepsUsed: out.stepsUsed, replans: out.replans, usage: out.usage };
  };
}

function compileWorker(agent: AgentOptions) {
  return buildWorkerGraph(agent).compile({ name: "nodeWorker" });
}

/** The uncompiled TDP graph, for callers that compile it with their own checkpointer. */
export function buildTdpGraph(agent: AgentOptions = {}) {
  const worker = compileWorker(agent);
  const dispatch = dispatchEdge(agent);
  // After construction: pause for a reviewer when configured, else dispatch straight away.
  // A Supervisor that could not build a DAG (status `error`) goes straight to delivery.
  const afterConstruct = async (state: TdpStateType, config: LangGraphRunnableConfig) => {
    if (state.status === "error") return "deliver" as const;
    return ensureConfiguration(config).approvePlan ? ("approvePlan" as const) : dispatch(state, config);
  };
  return new StateGraph(TdpState, { input: TdpInput, output: TdpOutput, context: ConfigurationForm })
    .addNode("supervisor", supervisorNode(agent), nodeMeta("supervisor"))
    .addNode("approvePlan", approvePlanNode, nodeMeta("approve_plan"))
    .addNode("nodeWorker", nodeWorkerNode(worker), { ...nodeMeta("sub_task"), subgraphs: [worker] })
    .addNode("selfRevision", selfRevisionNode(agent), nodeMeta("self_revision"))
    .addNode("deliver", deliverNode(agent), nodeMeta("deliver"))
    .addEdge(START, "supervisor")
    .addConditionalEdges("supervisor", afterConstruct, ["approvePlan", "nodeWorker", "deliver"])
    .addConditionalEdges("approvePlan", dispatch, ["nodeWorker", "deliver"])
    .addEdge("nodeWorker", "selfRevision")
    .addConditionalEdges("selfRevision", dispatch, ["nodeWorker", "deliver"])
    .addEdge("deliver", END);
}

export interface CompileOptions {
  checkpointer?: BaseCheckpointSaver;
}

export function createTdpGraph(agent: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildTdpGraph(agent).compile({ name: "tdp", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves (Studio, `langgraph dev`, LangGraph Platform). The server
 * calls this per run with the run's config, so budgets raised in Studio's form get a matching
 * recursion limit; an explicit `recursion_limit` on a run still wins.
 */
export function graph(config: LangGraphRunnableConfig = {}) {
  return withDefaultRecursionLimit(createTdpGraph(), tdpRecursionLimit(ensureConfiguration(config)));
}
