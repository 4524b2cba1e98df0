/**
 * Dispatch: the scheduler's node. It runs whenever a branch ended, a revision or an expansion
 * finished, or the plan was built, and applies the rules of `./schedule.ts`: start the
 * sub-tasks that became ready (one `Send` each, carrying only that sub-task's scoped state),
 * complete expanded sub-tasks whose children are done, call Self-Revision, or deliver. It
 * makes no model call, so its superstep costs nothing but bookkeeping.
 */
import { Command, Send, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { completeJoins, type DagUpdate } from "../state/dag.js";
import { mergeDag } from "../state/reducers.js";
import { newBranch, type PrereqOutcome, type TdpStateType, type TdpUpdate } from "../state/state.js";
import { decideDispatch, roundLimit, type Start } from "./schedule.js";
import { emitSubTaskEvent } from "./progress.js";
import { runContext, scopeOf, type AgentOptions, type RunContext } from "./shared/runContext.js";
import type { Dag } from "../state/dag.js";

function branchFor(start: Start, dag: Dag, run: RunContext) {
  const prereqs: PrereqOutcome[] = start.node.deps.map((d) => ({
    id: d,
    spec: dag[d].spec,
    outcome: dag[d].outcome ?? "",
  }));
  return newBranch({
    node: { ...start.node, status: "running", budget: start.stepBudget },
    prereqs,
    scope: run.scope,
    limits: { stepBudget: start.stepBudget, maxReplans: run.cfg.maxReplans },
  });
}

/**
 * The round limit for this decision. `roundLimit` walks the DAG for its depth; below a bound
 * it cannot be under (the configured limit, and under the dependency schedule the DAG's
 * size), the exact value changes no decision, so the walk is skipped.
 */
function roundsAllowed(round: number, dag: Dag, run: RunContext): number {
  const floor =
    run.cfg.schedule === "dependency" ? Math.max(run.cfg.maxRounds, Object.keys(dag).length) : run.cfg.maxRounds;
  return round < floor ? floor : roundLimit(run.cfg.maxRounds, dag, run.cfg.schedule);
}

export function dispatchNode(agent: AgentOptions) {
  return async function dispatch(state: TdpStateType, config: LangGraphRunnableConfig): Promise<Command> {
    const run = await runContext(agent, config, scopeOf(state));
    // The branches that ended since the last dispatch, folded in once for this superstep.
    const reported: DagUpdate = {};
    for (const n of state.finished) reported[n.id] = n;
    const { dag, joined } = completeJoins(state.finished.length ? mergeDag(state.dag, reported) : state.dag);
    const decision = decideDispatch(
      {
        dag,
        round: state.round,
        revisedRound: state.revisedRound,
        reviewQueue: state.reviewQueue,
        revising: state.revising,
        lastRevision: [...state.revisions].reverse().find((r) => r.stage === "revise") ?? null,
      },
      {
        schedule: run.cfg.schedule,
        maxSteps: run.maxSteps,
        maxStepsPerNode: run.cfg.maxStepsPerNode,
        maxRounds: roundsAllowed(state.round, dag, run),
        exclusive: run.exclusive,
      },
    );
    const dagUpdate: DagUpdate = { ...reported };
    for (const n of joined) {
      dagUpdate[n.id] = n;
      emitSubTaskEvent(config, { node_id: n.id, status: "completed", attempt: 0, steps: 0, outcome: n.outcome ?? "" });
    }
    const sends = decision.starts.map((s) => {
      const branch = branchFor(s, dag, run);
      dagUpdate[s.node.id] = branch.node;
      return new Send(s.node.expand ? "expand" : "planner", branch);
    });
    const update: TdpUpdate = {};
    if (Object.keys(dagUpdate).length) update.dag = dagUpdate;
    if (state.finished.length) update.finished = { consumed: state.finished.map((n) => n.id) };
    if (decision.round !== state.round) update.round = decision.round;
    if (decision.dropQueue.length) update.reviewQueue = { remove: decision.dropQueue };
    if (decision.revise) update.revising = true;
    const goto: (Send | string)[] = [...sends];
    if (decision.revise) goto.push("selfRevision");
    if (decision.deliver) goto.push("deliver");
    return new Command({ update, goto });
  };
}
