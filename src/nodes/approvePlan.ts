/**
 * Plan approval (human in the loop): with `approvePlan: true` the run pauses right after the
 * Supervisor built the DAG and shows it. A reviewer resumes with `{ approve: true }` or with
 * an edited DAG `{ dag: [{ id, spec, deps }] }`. An edit is validated by the same rules as a
 * model's proposal (`validateProposal`); an invalid one is not applied: the run pauses again
 * showing the errors next to the DAG still in force, so the reviewer can fix the edit.
 *
 * Resuming re-runs this node from the top; LangGraph replays the earlier resume values to the
 * earlier `interrupt()` calls, so the loop below sees every answer in order.
 */
import { interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { ensureConfiguration } from "../configuration.js";
import {
  dagDiff,
  dagFromProposal,
  topologicalOrder,
  validateProposal,
  type Dag,
  type ProposedNode,
} from "../state/dag.js";
import type { TdpStateType, TdpUpdate } from "../state/state.js";

/** What a paused run shows the reviewer. */
export interface PlanApprovalRequest {
  kind: "approve_plan";
  task: string;
  /** The DAG as it would run, in dependency order. */
  dag: ProposedNode[];
  /** Why the previous answer was not applied (empty on the first pause). */
  errors: string[];
  /** How to answer, in one line. */
  instructions: string;
}

const EditedNode = z.object({
  id: z.string(),
  spec: z.string(),
  deps: z.array(z.string()).default([]),
});

/** The answers a reviewer may give. */
export const PlanApprovalAnswer = z.union([
  z.object({ approve: z.literal(true) }).strict(),
  z.object({ dag: z.array(EditedNode) }).strict(),
]);
export type PlanApprovalAnswer = z.infer<typeof PlanApprovalAnswer>;

export const APPROVE_INSTRUCTIONS =
  'Resume with { "approve": true } to run this DAG, or { "dag": [{ "id", "spec", "deps" }] } to replace it.';

/** The DAG as a reviewer sees and edits it: ids, specs and deps only. */
export function proposalOf(dag: Dag): ProposedNode[] {
  return topologicalOrder(dag).map((n) => ({ id: n.id, spec: n.spec, deps: [...n.deps] }));
}

export type ApprovalOutcome =
  { kind: "approved" } | { kind: "edited"; nodes: ProposedNode[] } | { kind: "invalid"; errors: string[] };

/** Judges one answer: approval, a valid edit, or the errors to show on the next pause. */
export function judgeAnswer(answer: unknown, maxNodes: number): ApprovalOutcome {
  const parsed = PlanApprovalAnswer.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    return {
      kind: "invalid",
      errors: [
        `unreadable answer${where}: expected { "approve": true } or { "dag": [...] } (${JSON.stringify(answer)?.slice(0, 200)})`,
      ],
    };
  }
  if ("approve" in parsed.data) return { kind: "approved" };
  const nodes = parsed.data.dag.map((n) => ({ id: n.id, spec: n.spec, deps: n.deps }));
  const errors = validateProposal(nodes, maxNodes);
  return errors.length ? { kind: "invalid", errors } : { kind: "edited", nodes };
}

export function approvePlanNode(state: TdpStateType, config: LangGraphRunnableConfig): TdpUpdate {
  const cfg = ensureConfiguration(config);
  let errors: string[] = [];
  // Every rejected answer is kept, so the run's `revisions` log shows what the reviewer tried.
  const rejected: string[] = [];
  for (;;) {
    const request: PlanApprovalRequest = {
      kind: "approve_plan",
      task: state.task,
      dag: proposalOf(state.dag),
      errors,
      instructions: APPROVE_INSTRUCTIONS,
    };
    const outcome = judgeAnswer(interrupt(request), cfg.maxNodes);
    if (outcome.kind === "approved") {
      return { revisions: [{ round: state.round, stage: "approve", accepted: true, changes: 0, errors: rejected }] };
    }
    if (outcome.kind === "edited") {
      const dag = dagDiff(state.dag, dagFromProposal(outcome.nodes));
      const record = {
        round: state.round,
        stage: "approve" as const,
        accepted: true,
        changes: Object.keys(dag).length,
        errors: rejected,
      };
      return Object.keys(dag).length ? { dag, revisions: [record] } : { revisions: [record] };
    }
    errors = outcome.errors;
    rejected.push(...errors);
  }
}
