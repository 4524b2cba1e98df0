/**
 * Self-Revision (Supervisor.update): repairs and refines the unfinished part of the DAG. It
 * sees specs, statuses and outcome summaries, never traces. Completed nodes are immutable
 * and the result must stay a valid DAG; an invalid revision gets one re-ask quoting the
 * errors, then is dropped (DAG unchanged, rejection recorded).
 *
 * - `batch` schedule (the paper): after every batch, over the whole DAG.
 * - `dependency` schedule: when dispatch asks for it, scoped to the sub-tasks in the review
 *   queue (failed ones, or completed ones whose outcome changes downstream work) and what
 *   depends on them; when nothing can run but work is left, to everything unfinished. It may
 *   change only those sub-tasks (and add new ones); branches it cannot affect keep running.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderDagData, renderScopedDagData } from "../prompts/render.js";
import { SCOPED_REVISION_PROMPT, SELF_REVISION_PROMPT } from "../prompts/tdp.js";
import { applyRevision, dagDiff, dependantsOf, type Dag, type DagRevision } from "../state/dag.js";
import type { RevisionRecord, RevisionTrigger, TdpStateType, TdpUpdate } from "../state/state.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "./shared/runContext.js";
import { callWithReask } from "./shared/structured.js";
import { ReviseDag } from "./schemas.js";

/** Nothing left to revise: every node is completed, or nothing is pending or failed. */
export function needsRevision(state: Pick<TdpStateType, "dag">): boolean {
  return Object.values(state.dag).some((n) => n.status === "pending" || n.status === "failed");
}

export interface RevisionScope {
  trigger: RevisionTrigger;
  /** The sub-tasks the revision is about (the review queue, or everything unfinished). */
  scope: string[];
  /** Ids it may update or remove; null: any unfinished one (batch). */
  editable: Set<string> | null;
}

/** What a revision is about and may change, from the state dispatch left. */
export function revisionScope(
  state: Pick<TdpStateType, "dag" | "reviewQueue">,
  schedule: "dependency" | "batch",
): RevisionScope {
  const dag = state.dag;
  if (schedule === "batch") return { trigger: "batch", scope: [], editable: null };
  const unfinished = (id: string) => dag[id] && dag[id].status !== "completed" && dag[id].status !== "running";
  const queued = state.reviewQueue.filter((id) => dag[id]);
  if (queued.length === 0) {
    const stuck = Object.values(dag)
      .filter((n) => n.status === "pending" || n.status === "failed")
      .map((n) => n.id);
    return { trigger: "stuck", scope: stuck, editable: new Set(stuck) };
  }
  const trigger = queued.some((id) => dag[id].status === "failed") ? "failed" : "downstream";
  // The affected sub-tasks and their direct dependants: O(affected), however far the DAG goes on.
  const editable = new Set([...queued, ...dependantsOf(dag, queued)].filter(unfinished));
  return { trigger, scope: queued, editable };
}

/** Edits outside the scope: a scoped revision may only touch what it was shown as changeable. */
function outOfScope(rev: DagRevision, editable: Set<string> | null): string[] {
  if (!editable) return [];
  return [...rev.update.map((u) => u.id), ...rev.remove]
    .filter((id) => !editable.has(id))
    .map((id) => `sub-task "${id}" is outside this revision: only ${[...editable].join(", ") || "(none)"} may change`);
}

export function selfRevisionNode(agent: AgentOptions) {
  return async function selfRevision(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const run = await runContext(agent, config, scopeOf(state));
    const schedule = run.cfg.schedule;
    const { trigger, scope, editable } = revisionScope(state, schedule);
    // Whatever happens below, the revision is over: dispatch may go on.
    const done: TdpUpdate = {
      revising: false,
      ...(schedule === "batch" ? { revisedRound: state.round } : { reviewQueue: { remove: scope } }),
    };
    if (!needsRevision(state) && trigger !== "downstream") return done;
    const view = editable
      ? renderScopedDagData(state.dag, new Set([...editable, ...scope]))
      : { data: renderDagData(state.dag), rest: "" };
    const system = editable ? SCOPED_REVISION_PROMPT : SELF_REVISION_PROMPT;
    const why = {
      batch: "A batch of sub-tasks has finished.",
      failed: `Sub-task(s) ${scope.join(", ")} failed.`,
      downstream: `The outcome of ${scope.join(", ")} changes what later sub-tasks should do.`,
      stuck: "No sub-task can run, but work is left.",
    }[trigger];
    const messages = [
      new SystemMessage(fillPrompt(system, { maxNodes: run.cfg.maxNodes, dataRule: DATA_RULE })),
      new HumanMessage(
        `Task:\n${state.task}\n\n${why}\n\nSub-tasks (JSON, one per line):\n${view.data}${view.rest ? `\n${view.rest}` : ""}\n\nReturn the revision.`,
      ),
    ];
    const base = { round: state.round, stage: "revise" as const, trigger, ...(scope.length ? { scope } : {}) };
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
          const rev: DagRevision = {
            update: v.update.map((u) => ({ id: u.id, spec: u.spec ?? undefined, deps: u.deps ?? undefined })),
            add: v.add,
            remove: v.remove,
          };
          const scoped = outOfScope(rev, editable);
          if (scoped.length) return { ok: false, errors: scoped };
          const result = applyRevision(state.dag, rev, run.cfg.maxNodes);
          if (!result.ok) return { ok: false, errors: result.errors };
          changes = result.changes;
          return { ok: true, value: result.dag };
        },
      });
    } catch (err) {
      // The DAG stays as it is; the failure is on record.
      const failed: RevisionRecord = { ...base, accepted: false, changes: 0, errors: [modelFault(err)] };
      return { ...done, revisions: [failed], usage: { self_revision: faultUsage(err) } };
    }
    const record: RevisionRecord = {
      ...base,
      accepted: out.value !== null,
      changes: out.value ? changes : 0,
      errors: out.errors,
    };
    const dag = out.value ? dagDiff(state.dag, out.value) : {};
    return { ...done, usage: out.usage, revisions: [record], ...(Object.keys(dag).length ? { dag } : {}) };
  };
}
