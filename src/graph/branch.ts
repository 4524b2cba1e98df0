/**
 * How a branch moves between the role nodes. Each role node receives one branch (the `Send`
 * payload: one sub-task's scoped state), runs its role, and hands the updated branch to the
 * next role with another `Send`; only usage and step counts go to the global state on the
 * way. When the branch stops, its result becomes one DAG node update and control goes back
 * to dispatch, which may start dependants in the very next superstep while other branches
 * keep running.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { Command, Send, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration, type Configuration } from "../configuration.js";
import { reportBranch } from "../nodes/reportNode.js";
import { needsEvaluation, nextAfterEvaluation, stopOnFault } from "../nodes/stopRules.js";
import { applyBranchUpdate, type TdpUpdate, type WorkerStateType, type WorkerUpdate } from "../state/state.js";

export const BRANCH_ROLES = ["planner", "executor", "act", "evaluator"] as const;
export type BranchRole = (typeof BRANCH_ROLES)[number];
type Next = BranchRole | "end";

type RoleFn = (branch: WorkerStateType, config: LangGraphRunnableConfig) => Promise<WorkerUpdate> | WorkerUpdate;

/** Where a branch goes after each role. */
export function nextRole(role: BranchRole, b: WorkerStateType, cfg: Pick<Configuration, "evaluate">): Next {
  switch (role) {
    case "planner":
      // Under on_signal the first plan may come with the first action (see planWithFirstStep).
      return stopOnFault(b) ? "end" : b.pending ? "act" : "executor";
    case "executor":
      return stopOnFault(b) ? "end" : "act";
    case "act":
      return cfg.evaluate === "on_signal" && !needsEvaluation(b) ? "executor" : "evaluator";
    case "evaluator": {
      const next = nextAfterEvaluation(b);
      return next.stop ? "end" : next.next;
    }
  }
}

/** The part of a role's update that the run as a whole counts. */
function globalPart(u: WorkerUpdate): TdpUpdate {
  const out: TdpUpdate = {};
  if (u.usage) out.usage = u.usage;
  if (u.stepsUsed) out.stepsUsed = u.stepsUsed;
  if (u.replans) out.replans = u.replans;
  return out;
}

/**
 * Wraps one role as a graph node that advances a branch by one role call. The role runs as a
 * child run named for its sub-task (`planner:n2`) with `node_id` in its metadata, so in a
 * LangSmith trace every LLM and tool call of a sub-task is filed under a run that names it.
 */
export function branchStep(role: BranchRole, fn: RoleFn) {
  const scoped = RunnableLambda.from((b: WorkerStateType, c?: LangGraphRunnableConfig) => fn(b, c ?? {}));
  return async function step(branch: WorkerStateType, config: LangGraphRunnableConfig): Promise<Command> {
    const cfg = ensureConfiguration(config);
    const u = await scoped.invoke(branch, {
      ...config,
      runName: `${role}:${branch.node.id}`,
      metadata: {
        ...config.metadata,
        arch: "tdp",
        role,
        node_id: branch.node.id,
        env: branch.scope.env,
        task_id: branch.scope.taskId,
      },
    });
    const next = applyBranchUpdate(branch, u);
    const to = nextRole(role, next, cfg);
    const update = globalPart(u);
    if (to === "end")
      return new Command({ update: { ...update, ...reportBranch(next, config, cfg.schedule) }, goto: "dispatch" });
    return new Command({ update, goto: new Send(to, next) });
  };
}
