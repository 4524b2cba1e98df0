/**
 * `tdp compare A.jsonl B.jsonl`: two local traces side by side (typically TDP beside ReAct on
 * the same task): calls, tokens and the largest prompt, by role. The largest prompt is where
 * the architectures differ most: ReAct's grows with the whole history, TDP's stays node-sized.
 */
import type { LlmCallRecord } from "./callRecorder.js";

export interface RoleSummary {
  calls: number;
  input: number;
  output: number;
  /** Prompt tokens of the largest single call. */
  maxPrompt: number;
}

export interface TraceSummary {
  /** Architecture named in the trace (the most common `arch`), or null. */
  arch: string | null;
  byRole: Record<string, RoleSummary>;
  total: RoleSummary;
}

const empty = (): RoleSummary => ({ calls: 0, input: 0, output: 0, maxPrompt: 0 });

function add(s: RoleSummary, r: LlmCallRecord): void {
  s.calls += 1;
  s.input += r.inputTokens;
  s.output += r.outputTokens;
  s.maxPrompt = Math.max(s.maxPrompt, r.inputTokens);
}

export function summarizeTrace(records: LlmCallRecord[]): TraceSummary {
  const byRole: Record<string, RoleSummary> = {};
  const total = empty();
  const archCount = new Map<string, number>();
  // Failed calls (lines with `error`) carry no tokens: they are not calls that were answered.
  for (const r of records.filter((x) => !x.error)) {
    const role = r.role ?? "(unknown)";
    byRole[role] ??= empty();
    add(byRole[role], r);
    add(total, r);
    if (r.arch) archCount.set(r.arch, (archCount.get(r.arch) ?? 0) + 1);
  }
  const arch = [...archCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { arch, byRole, total };
}

const n = (x: number) => x.toLocaleString("en-US");

/** Role order: the TDP pipeline first, then anything else alphabetically. */
const ROLE_ORDER = ["supervisor", "planner", "executor", "evaluator", "self_revision", "react", "replanner", "deliver"];

export function formatComparison(a: TraceSummary, b: TraceSummary, labels: [string, string]): string {
  const roles = [...new Set([...Object.keys(a.byRole), ...Object.keys(b.byRole)])].sort((x, y) => {
    const ix = ROLE_ORDER.indexOf(x);
    const iy = ROLE_ORDER.indexOf(y);
    if (ix !== iy) return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy);
    return x.localeCompare(y);
  });
  const cell = (s: RoleSummary | undefined) =>
    s
      ? `${n(s.calls).padStart(6)} ${n(s.input).padStart(10)} ${n(s.output).padStart(8)} ${n(s.maxPrompt).padStart(8)}`
      : `${"-".padStart(6)} ${"-".padStart(10)} ${"-".padStart(8)} ${"-".padStart(8)}`;
  const head = `${"calls".padStart(6)} ${"tokens in".padStart(10)} ${"out".padStart(8)} ${"largest".padStart(8)}`;
  const width = head.length;
  const lines = [
    `${"".padEnd(14)}  ${labels[0].slice(0, width).padEnd(width)}  |  ${labels[1].slice(0, width)}`,
    `${"role".padEnd(14)}  ${head}  |  ${head}`,
    ...roles.map((role) => `${role.padEnd(14)}  ${cell(a.byRole[role])}  |  ${cell(b.byRole[role])}`),
    `${"total".padEnd(14)}  ${cell(a.total)}  |  ${cell(b.total)}`,
    "",
    `Largest prompt: ${labels[0]} ${n(a.total.maxPrompt)} tokens, ${labels[1]} ${n(b.total.maxPrompt)} tokens` +
      (a.total.maxPrompt > 0 && b.total.maxPrompt > 0
        ? ` (${(b.total.maxPrompt / a.total.maxPrompt).toFixed(1)}x)`
        : ""),
    `Total prompt tokens: ${labels[0]} ${n(a.total.input)}, ${labels[1]} ${n(b.total.input)}`,
  ];
  return lines.join("\n");
}
