/**
 * Supervisor.construct: turns the task into a validated DAG of sub-tasks. An invalid DAG
 * gets one re-ask quoting the validation errors; if that fails too, the whole task runs as
 * one node, so a run never dies on a bad decomposition.
 *
 * The Supervisor only ever runs at the start of a run: a resumed run continues from its
 * checkpoint, past it. So a DAG already in the state means new input on a thread whose earlier
 * run ended (completed, failed or cancelled): that run's DAG, counters, log and answer are
 * replaced wholesale (reducers bypassed with `Overwrite`), and the new task starts fresh.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { Overwrite, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { fillPrompt } from "../prompts/fill.js";
import { renderTools } from "../prompts/render.js";
import { SUPERVISOR_CONSTRUCT_PROMPT } from "../prompts/tdp.js";
import { dagFromProposal, sizeOnly, validateProposal, type ProposedNode } from "../state/dag.js";
import type { RevisionRecord, TdpStateType, TdpUpdate } from "../state/state.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { callWithReask } from "./shared/structured.js";
import { resolveTaskInput } from "./shared/taskInput.js";
import { ConstructDag, ConstructStagedDag } from "./schemas.js";

/** A value that replaces a reducer channel outright on a re-used thread, else merges as usual. */
function over<T>(reused: boolean, value: T): T {
  return reused ? (new Overwrite(value) as unknown as T) : value;
}

/** The channels a new run on a re-used thread starts afresh (the chat history stays). */
function freshRun(): TdpUpdate {
  return {
    round: 0,
    revisedRound: 0,
    revising: false,
    reviewQueue: new Overwrite([]) as unknown as TdpUpdate["reviewQueue"],
    stepsUsed: new Overwrite(0) as unknown as number,
    replans: new Overwrite(0) as unknown as number,
    answer: null,
    scores: null,
    reason: null,
  };
}

export function supervisorNode(agent: AgentOptions) {
  return async function supervisor(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const reused = Object.keys(state.dag).length > 0;
    const { task, runId } = await resolveTaskInput(state, config);
    const fresh = reused ? freshRun() : {};
    const run = await runContext(agent, config, { runId, env: state.env, taskId: state.taskId });
    const deliveryRule = run.submitTool
      ? `The final sub-task must deliver the result by calling ${run.submitTool}; make it depend on every sub-task whose result it uses.`
      : `The results of the sub-tasks will be combined into the final answer (${run.deliveryFormat}).`;
    const toolNames = run.tools("supervisor").map((t) => t.name);
    const system = fillPrompt(SUPERVISOR_CONSTRUCT_PROMPT, {
      maxNodes: run.cfg.maxNodes,
      stagedRule: run.cfg.staged
        ? '\n- A large sub-task may be left coarse with "expand": true: it is split into smaller sub-tasks when it becomes ready. Otherwise set "expand" to null.'
        : "",
      deliveryRule,
      tools: renderTools(run.tools("supervisor")),
    });
    let lastProposal: ProposedNode[] | null = null;
    let out;
    try {
      out = await callWithReask({
        run,
        model: await run.model("supervisor"),
        spec: run.cfg.staged ? ConstructStagedDag : ConstructDag,
        messages: [new SystemMessage(system), new HumanMessage(`Task:\n${task}\n\nReturn the DAG.`)],
        method: run.cfg.structuredOutputMethod,
        meta: { arch: "tdp", role: "supervisor" },
        what: "DAG",
        check: (v) => {
          const errors = validateProposal(v.nodes, run.cfg.maxNodes, toolNames);
          lastProposal = sizeOnly(errors) ? v.nodes : null;
          return errors.length ? { ok: false, errors } : { ok: true, value: v.nodes };
        },
      });
    } catch (err) {
      // Without a DAG there is nothing to run: the run ends here, saying why.
      const reason = `Supervisor could not build the DAG: ${modelFault(err)}`;
      return { ...fresh, task, runId, status: "error", reason, usage: over(reused, { supervisor: faultUsage(err) }) };
    }
    // Both attempts invalid. A plan that is sound but over the size cap is run as proposed (never
    // collapsed: that would lose all its parallelism); anything else falls back to one node.
    const last = out.value ?? lastProposal;
    const nodes: ProposedNode[] = last ?? [{ id: "task", spec: task, deps: [] }];
    const record: RevisionRecord = {
      round: 0,
      stage: "construct",
      accepted: last !== null,
      changes: nodes.length,
      errors: out.errors,
    };
    return {
      ...fresh,
      task,
      runId,
      dag: over(reused, dagFromProposal(nodes)),
      usage: over(reused, out.usage),
      revisions: over(reused, [record]),
      status: "running",
    };
  };
}
