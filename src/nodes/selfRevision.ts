/**
 * Self-Revision (Supervisor.update): after each batch, repairs and refines the unfinished
 * part of the DAG. It sees specs, statuses and outcome summaries, never traces. Completed
 * nodes are immutable and the result must stay a valid DAG; an invalid revision gets one
 * re-ask quoting the errors, then is dropped (DAG unchanged, rejection recorded).
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderDagData } from "../prompts/render.js";
import { SELF_REVISION_PROMPT } from "../prompts/tdp.js";
import { applyRevision, dagDiff, type Dag } from "../state/dag.js";
import type { RevisionRecord, TdpStateType, TdpUpdate } from "../state/state.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "./shared/runContext.js";
import { callWithReask } from "./shared/structured.js";
import { ReviseDag } from "./schemas.js";

/** Nothing left to revise: every node is completed, or nothing is pending or failed. */
export function needsRevision(state: Pick<TdpStateType, "dag">): boolean {
  return Object.values(state.dag).some((n) => n.status === "pending" || n.status === "failed");
}

export function selfRevisionNode(agent: AgentOptions) {
  return async function selfRevision(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const round = state.round + 1;
    if (!needsRevision(state)) return { round };
    const run = await runContext(agent, config, scopeOf(state));
    const messages = [
      new SystemMessage(fillPrompt(SELF_REVISION_PROMPT, { maxNodes: run.cfg.maxNodes, dataRule: DATA_RULE })),
      new HumanMessage(
        `Task:\n${state.task}\n\nSub-tasks (JSON, one per line):\n${renderDagData(state.dag)}\n\nReturn the revision.`,
      ),
    ];
    let changes = 0;
    let out;
    try {
      out = await callWithReask({
        run,
        model: await run.model("supervisor"),
        spec: ReviseDag,
        messages,
        method: run.cfg.structuredOutputMethod,
        meta: { arch: "tdp", role: "self_revision" },
        what: "revision",
        check: (v): { ok: true; value: Dag } | { ok: false; errors: string[] } => {
          const result = applyRevision(
            state.dag,
            {
              update: v.update.map((u) => ({ id: u.id, spec: u.spec ?? undefined, deps: u.deps ?? undefined })),
              add: v.add,
              remove: v.remove,
            },
            run.cfg.maxNodes,
          );
          if (!result.ok) return { ok: false, errors: result.errors };
          changes = result.changes;
          return { ok: true, value: result.dag };
        },
      });
    } catch (err) {
      // The DAG stays as it is; the failure is on record.
      const failed: RevisionRecord = { round, stage: "revise", accepted: false, changes: 0, errors: [modelFault(err)] };
      return { round, revisions: [failed], usage: { self_revision: faultUsage(err) } };
    }
    const record: RevisionRecord = {
      round,
      stage: "revise",
      accepted: out.value !== null,
      changes: out.value ? changes : 0,
      errors: out.errors,
    };
    const dag = out.value ? dagDiff(state.dag, out.value) : {};
    return { round, usage: out.usage, revisions: [record], ...(Object.keys(dag).length ? { dag } : {}) };
  };
}
