/**
 * Self-Revision (Supervisor.update): after each batch, repairs and refines the unfinished
 * part of the DAG. It sees specs, statuses and outcome summaries, never traces. Completed
 * nodes are immutable and the result must stay a valid DAG; an invalid revision gets one
 * re-ask quoting the errors, then is dropped (DAG unchanged, rejection recorded).
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import { llmCallConfig, type Runtime } from "../graph/runtime.js";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { renderDag } from "../prompts/render.js";
import { fillPrompt, REASK_PROMPT, SELF_REVISION_PROMPT } from "../prompts/tdp.js";
import { applyRevision, dagDiff, type DagRevision } from "../state/dag.js";
import { addUsage, type Usage } from "../state/reducers.js";
import type { RevisionRecord, TdpStateType, TdpUpdate } from "../state/state.js";
import { ReviseDag } from "./schemas.js";

/** Nothing left to revise: every node is completed, or nothing is pending or failed. */
export function needsRevision(state: Pick<TdpStateType, "dag">): boolean {
  return Object.values(state.dag).some((n) => n.status === "pending" || n.status === "failed");
}

export function makeSelfRevisionNode(runtime: Runtime) {
  return async function selfRevision(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const round = state.round + 1;
    if (!needsRevision(state)) return { round };
    const cfg = ensureConfiguration(config);
    const model = await runtime.model("supervisor", cfg, { runId: state.runId, env: state.env, taskId: state.taskId });
    const messages = [
      new SystemMessage(
        fillPrompt(SELF_REVISION_PROMPT, { maxNodes: cfg.maxNodes, task: state.task, dag: renderDag(state.dag) }),
      ),
      new HumanMessage("Return the revision."),
    ];
    const callCfg = llmCallConfig(config, { arch: "tdp", role: "self_revision", env: state.env, taskId: state.taskId });
    let usage: Usage = {};
    const record: RevisionRecord = { round, stage: "revise", accepted: false, changes: 0, errors: [] };
    for (let attempt = 0; attempt < 2; attempt++) {
      const out = await callStructured(model, ReviseDag, messages, cfg.structuredOutputMethod, callCfg);
      usage = addUsage(usage, usageUpdate("self_revision", out.usage));
      let errors: string[];
      if (out.value) {
        const rev: DagRevision = {
          update: out.value.update.map((u) => ({ id: u.id, spec: u.spec ?? undefined, deps: u.deps ?? undefined })),
          add: out.value.add,
          remove: out.value.remove,
        };
        const result = applyRevision(state.dag, rev, cfg.maxNodes);
        if (result.ok) {
          record.accepted = true;
          record.changes = result.changes;
          const dag = dagDiff(state.dag, result.dag);
          return { round, usage, revisions: [record], ...(Object.keys(dag).length ? { dag } : {}) };
        }
        errors = result.errors;
      } else {
        errors = [out.error ?? "unparseable output"];
      }
      record.errors.push(...errors);
      messages.push(
        new HumanMessage(
          fillPrompt(REASK_PROMPT, {
            what: "revision",
            errors: errors.join("; "),
            previous: JSON.stringify(out.raw).slice(0, 4000),
          }),
        ),
      );
    }
    return { round, usage, revisions: [record] };
  };
}
