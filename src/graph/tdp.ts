/**
 * Wiring of the TDP graph. Nodes live in src/nodes; this file only connects them.
 *
 *   START -> supervisor [-> approvePlan] -> dispatch -(Send per ready sub-task)-> planner
 *   planner -> executor -> act -> evaluator -> (executor | planner | back to dispatch)
 *   dispatch -> expand (staged construction) | selfRevision | deliver -> END
 *
 * Every role is a node of this one graph, and a branch (one sub-task attempt) moves between
 * them as `Send` payloads carrying only its scoped state (src/graph/branch.ts). Each role
 * call is one superstep, so a branch that ends hands over to dispatch at once and the
 * sub-tasks that became ready start while other branches are still running. `schedule:
 * "batch"` gives the paper's loop on the same nodes (src/nodes/schedule.ts).
 *
 * `graph` (bottom) is what langgraph.json serves to Studio and LangGraph Platform.
 */
import { START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { ConfigurationForm, ensureConfiguration } from "../configuration.js";
import { actNode } from "../nodes/act.js";
import { approvePlanNode } from "../nodes/approvePlan.js";
import { deliverNode } from "../nodes/deliver.js";
import { dispatchNode } from "../nodes/dispatch.js";
import { evaluatorNode } from "../nodes/evaluator.js";
import { executorNode } from "../nodes/executor.js";
import { expandSubTaskNode } from "../nodes/expand.js";
import { plannerNode } from "../nodes/planner.js";
import { selfRevisionNode } from "../nodes/selfRevision.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { supervisorNode } from "../nodes/supervisor.js";
import { TdpInput } from "../state/input.js";
import { TdpOutput } from "../state/output.js";
import { TdpState, type TdpStateType } from "../state/state.js";
import { branchStep, type BranchRole } from "./branch.js";
import { tdpRecursionLimit } from "./limits.js";
import { withDefaultRecursionLimit } from "./serve.js";

/** Static run metadata of a graph node, so a LangSmith trace says which role each node plays. */
export function nodeMeta(role: string): { metadata: Record<string, string> } {
  return { metadata: { arch: "tdp", role } };
}

/** Where each role node may send a branch next (for the drawn graph: Studio, Mermaid). */
const BRANCH_ENDS: Record<BranchRole, string[]> = {
  planner: ["executor", "dispatch"],
  executor: ["act", "dispatch"],
  act: ["evaluator", "executor", "dispatch"],
  evaluator: ["executor", "planner", "dispatch"],
};

/** The uncompiled TDP graph, for callers that compile it with their own checkpointer. */
export function buildTdpGraph(agent: AgentOptions = {}) {
  // After construction: pause for a reviewer when configured, else dispatch straight away.
  // A Supervisor that could not build a DAG (status `error`) goes straight to delivery.
  const afterConstruct = (state: TdpStateType, config: LangGraphRunnableConfig) => {
    if (state.status === "error") return "deliver" as const;
    return ensureConfiguration(config).approvePlan ? ("approvePlan" as const) : ("dispatch" as const);
  };
  const role = (name: BranchRole, fn: Parameters<typeof branchStep>[1]) =>
    // A role node's input is a branch (its Send payload), not the global state.
    branchStep(name, fn) as unknown as (
      s: TdpStateType,
      c: LangGraphRunnableConfig,
    ) => ReturnType<ReturnType<typeof branchStep>>;
  const expand = expandSubTaskNode(agent) as unknown as (
    s: TdpStateType,
    c: LangGraphRunnableConfig,
  ) => ReturnType<ReturnType<typeof expandSubTaskNode>>;
  return new StateGraph(TdpState, { input: TdpInput, output: TdpOutput, context: ConfigurationForm })
    .addNode("supervisor", supervisorNode(agent), nodeMeta("supervisor"))
    .addNode("approvePlan", approvePlanNode, nodeMeta("approve_plan"))
    .addNode("dispatch", dispatchNode(agent), {
      ...nodeMeta("dispatch"),
      ends: ["planner", "expand", "selfRevision", "deliver"],
    })
    .addNode("planner", role("planner", plannerNode(agent)), { ...nodeMeta("planner"), ends: BRANCH_ENDS.planner })
    .addNode("executor", role("executor", executorNode(agent)), { ...nodeMeta("executor"), ends: BRANCH_ENDS.executor })
    .addNode("act", role("act", actNode(agent)), { ...nodeMeta("act"), ends: BRANCH_ENDS.act })
    .addNode("evaluator", role("evaluator", evaluatorNode(agent)), {
      ...nodeMeta("evaluator"),
      ends: BRANCH_ENDS.evaluator,
    })
    .addNode("expand", expand, { ...nodeMeta("expand"), ends: ["dispatch"] })
    .addNode("selfRevision", selfRevisionNode(agent), nodeMeta("self_revision"))
    .addNode("deliver", deliverNode(agent), nodeMeta("deliver"))
    .addEdge(START, "supervisor")
    .addConditionalEdges("supervisor", afterConstruct, ["approvePlan", "dispatch", "deliver"])
    .addEdge("approvePlan", "dispatch")
    .addEdge("selfRevision", "dispatch")
    .addEdge("deliver", "__end__");
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
