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
import { z } from "zod";
import { ConfigurationSchema, ensureConfiguration, recursionLimitFor } from "../configuration.js";
import { approvePlanNode } from "../nodes/approvePlan.js";
import { makeActNode } from "../nodes/act.js";
import { makeDeliverNode } from "../nodes/deliver.js";
import { makeEvaluatorNode } from "../nodes/evaluator.js";
import { makeExecutorNode } from "../nodes/executor.js";
import { makePlannerNode } from "../nodes/planner.js";
import { reportNode } from "../nodes/reportNode.js";
import { makeSelfRevisionNode } from "../nodes/selfRevision.js";
import { makeSupervisorNode } from "../nodes/supervisor.js";
import {
  TdpState,
  WorkerState,
  type PrereqOutcome,
  type TdpStateType,
  type WorkerStateType,
  type WorkerUpdate,
} from "../state/state.js";
import { getEnvironment } from "../tools/registry.js";
import { planDispatch, routeAfterEvaluation } from "./routing.js";
import { Runtime, type AgentOptions } from "./runtime.js";
import { withDefaultRecursionLimit } from "./serve.js";

export const DEFAULT_MAX_STEPS = 50;

/**
 * What a run accepts, for every architecture: a free-form task, or a bundled environment and
 * task id. Studio shows it as the input form, and the graph validates its input against it
 * (a wrong type fails the run before any node runs, naming the field).
 */
export const GraphInput = z.object({
  task: z
    .string()
    .nullish()
    .describe("A free-form task (needs a real model and an env's tools); leave empty to run a bundled task"),
  env: z.string().nullish().describe("Bundled environment: travel, wiki or science"),
  taskId: z.string().nullish().describe("Bundled task id, e.g. travel-easy-001 (list them with: tdp tasks --env NAME)"),
});
export type GraphInput = z.infer<typeof GraphInput>;

/** Static run metadata of a graph node, so a LangSmith trace says which role each node plays. */
export function nodeMeta(role: string): { metadata: Record<string, string> } {
  return { metadata: { arch: "tdp", role } };
}

/** The node-worker subgraph: one sub-task, scoped state, local replanning. */
export function buildWorkerGraph(runtime: Runtime) {
  return new StateGraph(WorkerState)
    .addNode("planner", makePlannerNode(runtime), nodeMeta("planner"))
    .addNode("executor", makeExecutorNode(runtime), nodeMeta("executor"))
    .addNode("act", makeActNode(runtime), nodeMeta("act"))
    .addNode("evaluator", makeEvaluatorNode(runtime), nodeMeta("evaluator"))
    .addNode("report", reportNode, nodeMeta("report"))
    .addEdge(START, "planner")
    .addEdge("planner", "executor")
    .addEdge("executor", "act")
    .addEdge("act", "evaluator")
    .addConditionalEdges("evaluator", (s: WorkerStateType) => routeAfterEvaluation(s), [
      "planner",
      "executor",
      "report",
    ])
    .addEdge("report", END);
}

/** Global budget: configuration first, then the environment's default, then 50. */
export async function resolveMaxSteps(
  state: Pick<TdpStateType, "env">,
  config: LangGraphRunnableConfig,
): Promise<number> {
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
      const prereqs: PrereqOutcome[] = node.deps.map((d) => ({
        id: d,
        spec: state.dag[d].spec,
        outcome: state.dag[d].outcome ?? "",
      }));
      return new Send("nodeWorker", {
        node,
        prereqs,
        ctx: { runId: state.runId, env: state.env, taskId: state.taskId, stepBudget, maxReplans: cfg.maxReplans },
      });
    });
  };
}

/** What one `Send` carries to a branch. */
export type WorkerInput = Pick<WorkerStateType, "node" | "prereqs" | "ctx">;

/**
 * Runs one branch. The subgraph is invoked under a run named for its DAG node and tagged
 * with `node_id`, so every run below it (planner, executor, act, evaluator and their LLM
 * calls) is filed under that sub-task in a trace: a TDP trace reads as the DAG. Only the
 * four channels shared with the parent go back up.
 */
export function makeNodeWorker(worker: ReturnType<typeof compileWorker>) {
  return async function nodeWorker(input: WorkerInput, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const out = await worker.invoke(input, {
      ...config,
      // The worker loop's depth follows the budgets, whatever limit the caller gave the parent.
      recursionLimit: Math.max(config.recursionLimit ?? 0, recursionLimitFor(ensureConfiguration(config))),
      runName: `nodeWorker:${input.node.id}`,
      metadata: {
        ...config.metadata,
        arch: "tdp",
        role: "sub_task",
        node_id: input.node.id,
        env: input.ctx.env,
        task_id: input.ctx.taskId,
      },
    });
    return { dag: out.dag, stepsUsed: out.stepsUsed, replans: out.replans, usage: out.usage };
  };
}

function compileWorker(runtime: Runtime) {
  return buildWorkerGraph(runtime).compile({ name: "nodeWorker" });
}

/** The uncompiled TDP graph, for callers that compile it with their own checkpointer. */
export function buildTdpGraph(options: AgentOptions = {}) {
  const runtime = new Runtime(options);
  const worker = compileWorker(runtime);
  const dispatch = makeDispatchEdge(runtime);
  // After construction: pause for a reviewer when configured, else dispatch straight away.
  const afterConstruct = async (state: TdpStateType, config: LangGraphRunnableConfig) =>
    ensureConfiguration(config).approvePlan ? ("approvePlan" as const) : dispatch(state, config);
  return new StateGraph(TdpState, { input: GraphInput, context: ConfigurationSchema })
    .addNode("supervisor", makeSupervisorNode(runtime), nodeMeta("supervisor"))
    .addNode("approvePlan", approvePlanNode, nodeMeta("approve_plan"))
    .addNode("nodeWorker", makeNodeWorker(worker), { ...nodeMeta("sub_task"), subgraphs: [worker] })
    .addNode("selfRevision", makeSelfRevisionNode(runtime), nodeMeta("self_revision"))
    .addNode("deliver", makeDeliverNode(runtime, resolveMaxSteps), nodeMeta("deliver"))
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

export function createTdpGraph(options: AgentOptions = {}, compile: CompileOptions = {}) {
  return buildTdpGraph(options).compile({ name: "tdp", checkpointer: compile.checkpointer });
}

/**
 * The graph langgraph.json serves (Studio, `langgraph dev`, LangGraph Platform). LangGraph's
 * default recursion limit (25 supersteps) is too low for the worker loop, so the served graph
 * carries the limit the default budgets need. The server calls this per run with the run's
 * config, so budgets raised in Studio's form get a matching limit; an explicit
 * `recursion_limit` on a run still wins.
 */
export function graph(config: LangGraphRunnableConfig = {}) {
  return withDefaultRecursionLimit(createTdpGraph(), recursionLimitFor(ensureConfiguration(config)));
}
