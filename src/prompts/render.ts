/**
 * Renders state into prompt text. The formats here are the ones every model (and the
 * offline simulator) reads, so they are defined once.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { topologicalOrder, type Dag } from "../state/dag.js";
import type { PrereqOutcome, TraceEntry } from "../state/state.js";

/** `Action i: Tool {json}` / `Observation i: ...` lines. */
export function renderTrace(trace: TraceEntry[]): string {
  if (trace.length === 0) return "(none yet)";
  return trace
    .map((t, i) => {
      const action = t.action ? `${t.action.tool} ${JSON.stringify(t.action.args)}` : "(no tool call)";
      return `Action ${i + 1}: ${action}\nObservation ${i + 1}: ${t.observation}`;
    })
    .join("\n");
}

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

/** `- id [status] deps: a, b` then indented spec and outcome; the Self-Revision view. */
export function renderDag(dag: Dag): string {
  return topologicalOrder(dag)
    .map((n) => {
      const deps = n.deps.length ? n.deps.join(", ") : "none";
      const outcome = n.outcome ? `\n  outcome: ${n.outcome}` : "";
      return `- ${n.id} [${n.status}] deps: ${deps}; attempts: ${n.attempts}\n  spec: ${n.spec}${outcome}`;
    })
    .join("\n");
}

/** Only finished outcomes: what delivery may build on. */
export function renderOutcomes(dag: Dag): string {
  const lines = topologicalOrder(dag).map(
    (n) => `- ${n.id} [${n.status}] ${n.spec}\n  outcome: ${n.outcome ?? "(none)"}`,
  );
  return lines.length ? lines.join("\n") : "(no sub-tasks)";
}
