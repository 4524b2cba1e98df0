/**
 * Human-readable output of a run: the DAG, usage by role and scores. Kept apart from the
 * commands so `run`, `resume` and `bench` print the same way.
 */
import { topologicalOrder, type Dag, type SubTaskStatus } from "../state/dag.js";
import { totalUsage, type Usage } from "../state/reducers.js";

const MARK: Record<SubTaskStatus | "running", string> = { pending: "·", running: "▸", completed: "✓", failed: "✗" };

export function statusMark(status: SubTaskStatus | "running"): string {
  return MARK[status];
}

export function formatDag(dag: Dag, running: Set<string> = new Set()): string {
  const width = Math.max(4, ...Object.keys(dag).map((id) => id.length));
  return topologicalOrder(dag)
    .map((n) => {
      const status = running.has(n.id) && n.status === "pending" ? "running" : n.status;
      const deps = n.deps.length ? ` ← ${n.deps.join(", ")}` : "";
      const stats = n.attempts
        ? `  (${n.stepsUsed} steps, ${n.replans} replans${n.attempts > 1 ? `, ${n.attempts} attempts` : ""})`
        : "";
      return `  ${statusMark(status)} ${n.id.padEnd(width)} ${status.padEnd(9)} ${truncate(n.spec, 72)}${deps}${stats}`;
    })
    .join("\n");
}

export function formatUsage(usage: Usage): string {
  const rows = Object.entries(usage);
  const total = totalUsage(usage);
  const lines = rows.map(
    ([role, u]) =>
      `  ${role.padEnd(14)} ${String(u.calls).padStart(5)} calls ${String(u.input).padStart(9)} in ${String(u.output).padStart(8)} out`,
  );
  lines.push(
    `  ${"total".padEnd(14)} ${String(total.calls).padStart(5)} calls ${String(total.input).padStart(9)} in ${String(total.output).padStart(8)} out`,
  );
  return lines.join("\n");
}

export function formatScores(scores: Record<string, number> | null): string {
  if (!scores) return "  (no scores: not a bundled task)";
  return Object.entries(scores)
    .map(([k, v]) => `  ${k.padEnd(14)} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join("\n");
}

export function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > n ? one.slice(0, n - 1) + "…" : one;
}
