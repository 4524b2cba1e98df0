/**
 * Renders state into prompt text. Everything that is not the developer's own wording (other
 * sub-tasks' outcomes, the DAG under review) is rendered as `<data>` blocks; DAG views are
 * JSON lines, a format a model reads easily and a machine reader can parse without regexes
 * on wording.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { topologicalOrder, type Dag, type SubTask } from "../state/dag.js";
import type { PrereqOutcome } from "../state/state.js";
import type { TraceEntry } from "../state/trace.js";
import { dataBlock } from "./data.js";

export function renderPrereqs(prereqs: PrereqOutcome[]): string {
  if (prereqs.length === 0) return "(none)";
  return prereqs.map((p) => `- [${p.id}] ${p.spec}\n  Outcome: ${p.outcome}`).join("\n");
}

export function renderPlan(plan: string[]): string {
  if (plan.length === 0) return "(no plan)";
  return plan.map((s, i) => `${i + 1}. ${s}`).join("\n");
}

export function renderTools(tools: StructuredToolInterface[]): string {
  return tools.map((t) => `- ${t.name}: ${t.description.split("\n")[0]}`).join("\n");
}

/** The scoped data of one sub-task: its prerequisites' outcomes (and, when set, its plan and guidance). */
export function subTaskData(p: { prereqs: PrereqOutcome[]; plan?: string[]; guidance?: string | null }): string {
  const blocks = [dataBlock("prerequisite_outcomes", renderPrereqs(p.prereqs))];
  if (p.plan) blocks.push(`Plan:\n${renderPlan(p.plan)}`);
  if (p.guidance) blocks.push(dataBlock("evaluator_guidance", p.guidance));
  return blocks.join("\n\n");
}

/** One sub-task as Self-Revision sees it: spec, status, deps, attempts and outcome. */
function revisionLine(n: SubTask): string {
  return JSON.stringify({
    id: n.id,
    status: n.status,
    deps: n.deps,
    attempts: n.attempts,
    spec: n.spec,
    outcome: n.outcome ?? null,
  });
}

/** One JSON object per sub-task, in dependency order: the Self-Revision view (specs, statuses, outcomes). */
export function renderDagData(dag: Dag): string {
  return dataBlock("dag", topologicalOrder(dag).map(revisionLine).join("\n"));
}

/**
 * The view of a scoped Self-Revision: the sub-tasks it may change (`affected`), then the
 * other sub-tasks they depend on (status and outcome, which is what they need), as JSON
 * lines; the rest of the DAG is one line of counts. Its size follows the affected part,
 * not the DAG.
 */
export function renderScopedDagData(dag: Dag, affected: Set<string>): { data: string; rest: string } {
  const shown = topologicalOrder(Object.fromEntries([...affected].filter((id) => dag[id]).map((id) => [id, dag[id]])));
  const needed = new Set<string>();
  for (const n of shown) for (const d of n.deps) if (!affected.has(d) && dag[d]) needed.add(d);
  const lines = [
    ...shown.map(revisionLine),
    ...[...needed]
      .sort()
      .map((id) =>
        JSON.stringify({ id, status: dag[id].status, spec: dag[id].spec, outcome: dag[id].outcome ?? null }),
      ),
  ];
  const counts = new Map<string, number>();
  for (const n of Object.values(dag))
    if (!affected.has(n.id) && !needed.has(n.id)) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const rest = counts.size
    ? `Other sub-tasks (not shown, not to be changed): ${[...counts].map(([k, v]) => `${v} ${k}`).join(", ")}.`
    : "There are no other sub-tasks.";
  return { data: dataBlock("dag", lines.join("\n")), rest };
}

/** What delivery may build on: every sub-task's status and outcome. */
export function renderOutcomesData(dag: Dag): string {
  const lines = topologicalOrder(dag).map((n) =>
    JSON.stringify({ id: n.id, status: n.status, spec: n.spec, outcome: n.outcome ?? null }),
  );
  return dataBlock("sub_task_outcomes", lines.length ? lines.join("\n") : "");
}

/** A branch's (or a baseline run's) steps as data: one JSON object per step, oldest first. */
export function renderStepsData(trace: TraceEntry[]): string {
  const lines = trace.map((t, i) =>
    JSON.stringify({
      step: i + 1,
      tool: t.action?.tool ?? null,
      args: t.action?.args ?? null,
      observation: t.observation,
    }),
  );
  return dataBlock("steps", lines.length ? lines.join("\n") : "(none yet)");
}
