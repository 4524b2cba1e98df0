/**
 * The structural benchmark (`npm run bench:context`): with the offline simulator every
 * architecture takes the same actions on the same tasks, so differences in prompt tokens come
 * from the architecture alone. Tasks are stretched to longer and longer horizons; each
 * architecture runs each horizon at noise 0 and at noise > 0. From the per-call prompt tokens
 * it reports total and maximum prompt tokens, TDP's ratios to ReAct and Plan-and-Act, and the
 * recovery cost: extra tokens at noise > 0 over noise 0, per error the simulator injected
 * (counted exactly, see countingModel.ts).
 */
import type { Environment } from "../tools/types.js";
import { registerEnvironment } from "../tools/registry.js";
import { ARCH_LABELS, type ArchName } from "../graph/archs.js";
import { createCountingOfflineModel, type InjectionCounts } from "./countingModel.js";
import { runTask } from "./runTask.js";

export interface Horizon {
  /** Nominal horizon (environment steps), e.g. 10, 20, 40, 80, 160. */
  target: number;
  taskId: string;
  level: string;
  /** Actions of the task's reference solution: the steps every architecture takes at noise 0. */
  referenceSteps: number;
}

export interface ContextRun {
  horizon: number;
  arch: ArchName;
  noise: number;
  status: string;
  error: string | null;
  steps: number;
  referenceSteps: number;
  calls: number;
  promptTotal: number;
  promptMax: number;
  /** Median prompt per call: the typical context an LLM call sees. */
  promptMedian: number;
  /** Largest prompt per role: where the maximum comes from. */
  promptMaxByRole: Record<string, number>;
  outputTotal: number;
  injected: InjectionCounts;
  wallS: number;
}

export interface ContextBenchOptions {
  env: Environment;
  horizons: Horizon[];
  archs: ArchName[];
  /** Noise levels to run, e.g. [0, 0.1] (two processes may each run one). */
  noises: number[];
  seed: number;
  /** LangGraph configurable for one horizon: budgets and caps large enough for every architecture at noise 0. */
  configurableFor: (h: Horizon) => Record<string, unknown>;
  onRun?: (r: ContextRun) => void;
}

/** Runs every (horizon, noise, architecture) once, in that order. */
export async function runContextBenchmark(opts: ContextBenchOptions): Promise<ContextRun[]> {
  registerEnvironment(opts.env);
  const runs: ContextRun[] = [];
  for (const h of opts.horizons) {
    const ref = opts.env.reference(h.taskId);
    for (const noise of opts.noises) {
      for (const arch of opts.archs) {
        const { model, counts } = createCountingOfflineModel(ref, { noise, seed: opts.seed });
        const rec = await runTask({
          env: opts.env.name,
          taskId: h.taskId,
          level: h.level,
          arch,
          model: "offline",
          configurable: { ...opts.configurableFor(h), noise, seed: opts.seed },
          options: { llm: model },
        });
        const maxByRole: Record<string, number> = {};
        rec.prompt_tokens.forEach((t, i) => {
          const role = rec.call_roles[i];
          maxByRole[role] = Math.max(maxByRole[role] ?? 0, t);
        });
        const run: ContextRun = {
          horizon: h.target,
          arch,
          noise,
          status: rec.status,
          error: rec.error,
          steps: rec.steps,
          referenceSteps: h.referenceSteps,
          calls: rec.prompt_tokens.length,
          promptTotal: rec.prompt_tokens.reduce((a, b) => a + b, 0),
          promptMax: rec.prompt_tokens.length ? Math.max(...rec.prompt_tokens) : 0,
          promptMedian: median(rec.prompt_tokens),
          promptMaxByRole: maxByRole,
          outputTotal: rec.tokens_out,
          injected: { ...counts },
          wallS: rec.wall_s,
        };
        runs.push(run);
        opts.onRun?.(run);
      }
    }
  }
  return runs;
}

export interface ArchHorizonRow {
  horizon: number;
  referenceSteps: number;
  arch: ArchName;
  clean: ContextRun;
  noisy: ContextRun | null;
  /** Extra tokens (prompt + output) at noise > 0 over noise 0. */
  extraTokens: number | null;
  /** `extraTokens` per injected error; null when no error was injected. */
  recoveryPerError: number | null;
}

export interface TargetCheck {
  name: string;
  holds: boolean | null;
  detail: string;
}

export interface ContextSummary {
  rows: ArchHorizonRow[];
  /** Per horizon, at noise 0: TDP's total prompt tokens over ReAct's and over Plan-and-Act's. */
  ratios: { horizon: number; referenceSteps: number; tdpOverReact: number | null; tdpOverPlanAndAct: number | null }[];
  /** Per architecture, over the comparable horizons: sum of extra tokens / sum of injected errors. */
  recovery: { arch: ArchName; extraTokens: number; injected: number; perError: number | null }[];
  /** Horizons where every architecture finished both runs (the recovery comparison uses only these). */
  comparable: number[];
  /** The other horizons: some run there did not complete. */
  excluded: number[];
  targets: TargetCheck[];
}

const div = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The role whose call had the largest prompt. */
export function maxRole(r: Pick<ContextRun, "promptMaxByRole">): string {
  return Object.entries(r.promptMaxByRole).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "?";
}

/**
 * The arithmetic of the structural benchmark, kept apart from running it so it can be checked
 * by hand: totals, ratios, recovery per injected error and the targets for TDP.
 */
export function summarizeContext(
  runs: ContextRun[],
  opts: { noise: number; longHorizonSteps?: number },
): ContextSummary {
  const longSteps = opts.longHorizonSteps ?? 40;
  const find = (h: number, arch: string, noise: number) =>
    runs.find((r) => r.horizon === h && r.arch === arch && r.noise === noise) ?? null;
  const horizons = [...new Set(runs.map((r) => r.horizon))].sort((a, b) => a - b);
  const archs = [...new Set(runs.map((r) => r.arch))];
  const rows: ArchHorizonRow[] = [];
  for (const h of horizons) {
    for (const arch of archs) {
      const clean = find(h, arch, 0);
      if (!clean) continue;
      const noisy = opts.noise > 0 ? find(h, arch, opts.noise) : null;
      const extra = noisy ? noisy.promptTotal + noisy.outputTotal - (clean.promptTotal + clean.outputTotal) : null;
      rows.push({
        horizon: h,
        referenceSteps: clean.referenceSteps,
        arch,
        clean,
        noisy,
        extraTokens: extra,
        recoveryPerError: extra !== null && noisy ? div(extra, noisy.injected.total) : null,
      });
    }
  }
  const ratios = horizons.map((h) => {
    const tdp = find(h, "tdp", 0);
    const react = find(h, "react", 0);
    const pa = find(h, "plan_and_act", 0);
    return {
      horizon: h,
      referenceSteps: tdp?.referenceSteps ?? react?.referenceSteps ?? 0,
      tdpOverReact: tdp && react ? div(tdp.promptTotal, react.promptTotal) : null,
      tdpOverPlanAndAct: tdp && pa ? div(tdp.promptTotal, pa.promptTotal) : null,
    };
  });
  // Recovery is compared over the horizons where every architecture finished both runs: a run that
  // stopped early did not pay for the rest of its task, which would flatter it.
  const finished = (r: ContextRun | null) => !!r && r.status === "completed" && !r.error;
  const comparable = horizons.filter((h) =>
    rows.filter((r) => r.horizon === h).every((r) => finished(r.clean) && finished(r.noisy)),
  );
  const excluded = horizons.filter((h) => !comparable.includes(h));
  const recovery = archs.map((arch) => {
    const rs = rows.filter((r) => r.arch === arch && comparable.includes(r.horizon) && r.extraTokens !== null);
    const extra = rs.reduce((a, r) => a + (r.extraTokens ?? 0), 0);
    const injected = rs.reduce((a, r) => a + (r.noisy?.injected.total ?? 0), 0);
    return { arch, extraTokens: extra, injected, perError: div(extra, injected) };
  });

  const targets: TargetCheck[] = [];
  const long = ratios.filter((r) => r.referenceSteps >= longSteps && r.tdpOverReact !== null);
  targets.push({
    name: `TDP total prompt tokens <= 0.2x ReAct's at ${longSteps}+ steps (noise 0)`,
    holds: long.length ? long.every((r) => (r.tdpOverReact as number) <= 0.2) : null,
    detail: long.length
      ? long.map((r) => `h${r.horizon}: ${(r.tdpOverReact as number).toFixed(3)}`).join(", ")
      : "no horizon that long was run",
  });
  const tdpClean = horizons.map((h) => find(h, "tdp", 0)).filter((r): r is ContextRun => !!r);
  const first = tdpClean[0];
  const lastRun = tdpClean[tdpClean.length - 1];
  const flat = tdpClean.length >= 2 ? div(lastRun.promptMax, first.promptMax) : null;
  targets.push({
    name: "TDP max prompt per call roughly flat (longest / shortest horizon <= 1.5, noise 0)",
    holds: flat === null ? null : flat <= 1.5,
    detail:
      flat === null
        ? "needs two horizons"
        : `h${lastRun.horizon} ${lastRun.promptMax} / h${first.horizon} ${first.promptMax} = ${flat.toFixed(2)}` +
          ` (largest call: ${maxRole(lastRun)}; median per call ${Math.round(lastRun.promptMedian)} vs ${Math.round(first.promptMedian)})`,
  });
  const rt = recovery.find((r) => r.arch === "tdp");
  const rp = recovery.find((r) => r.arch === "plan_and_act");
  const rr = rt?.perError != null && rp?.perError != null && rp.perError > 0 ? rt.perError / rp.perError : null;
  targets.push({
    name: `TDP recovery tokens per injected error <= 0.25x Plan-and-Act's (noise ${opts.noise})`,
    holds: rr === null ? null : rr <= 0.25,
    detail:
      rr === null
        ? "not measurable (no injected errors, or a missing architecture)"
        : `TDP ${Math.round(rt!.perError!)} / Plan-and-Act ${Math.round(rp!.perError!)} tokens per error = ${rr.toFixed(3)}` +
          (excluded.length
            ? ` (over ${comparable.map((h) => `h${h}`).join(", ")}; excluded, a run did not complete: ${excluded.map((h) => `h${h}`).join(", ")})`
            : ""),
  });
  const shortest = ratios.find((r) => r.tdpOverReact !== null);
  targets.push({
    name: "TDP total prompt tokens <= 1.0x ReAct's at the shortest horizon (noise 0)",
    holds: shortest ? (shortest.tdpOverReact as number) <= 1 : null,
    detail: shortest ? `h${shortest.horizon}: ${(shortest.tdpOverReact as number).toFixed(3)}` : "no horizon was run",
  });
  return { rows, ratios, recovery, comparable, excluded, targets };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const num = (n: number | null, digits = 0) =>
  n === null ? "–" : digits ? n.toFixed(digits) : Math.round(n).toLocaleString("en-US");

/** The plain-text tables `npm run bench:context` prints. */
export function formatContextSummary(s: ContextSummary, noise: number): string {
  const out: string[] = [];
  const header =
    pad("horizon", 8) +
    lpad("steps", 6) +
    "  " +
    pad("arch", 13) +
    lpad("prompt total", 13) +
    lpad("max/call", 9) +
    lpad("p50/call", 9) +
    lpad("calls", 7) +
    "  " +
    pad("status", 17) +
    "| " +
    lpad(`total@${noise}`, 12) +
    lpad("steps", 6) +
    lpad("injected", 9) +
    lpad("tok/error", 10) +
    "  status";
  out.push(header, "-".repeat(header.length + 6));
  for (const r of s.rows) {
    out.push(
      pad(`h${r.horizon}`, 8) +
        lpad(String(r.clean.steps), 6) +
        "  " +
        pad(ARCH_LABELS[r.arch] ?? r.arch, 13) +
        lpad(num(r.clean.promptTotal), 13) +
        lpad(num(r.clean.promptMax), 9) +
        lpad(num(r.clean.promptMedian), 9) +
        lpad(String(r.clean.calls), 7) +
        "  " +
        pad(r.clean.error ? "error" : r.clean.status, 17) +
        "| " +
        lpad(r.noisy ? num(r.noisy.promptTotal) : "–", 12) +
        lpad(r.noisy ? String(r.noisy.steps) : "–", 6) +
        lpad(r.noisy ? String(r.noisy.injected.total) : "–", 9) +
        lpad(num(r.recoveryPerError), 10) +
        "  " +
        (r.noisy ? (r.noisy.error ? "error" : r.noisy.status) : ""),
    );
  }
  out.push("", "TDP total prompt tokens relative to (noise 0):");
  out.push(pad("horizon", 8) + lpad("steps", 6) + lpad("TDP/ReAct", 12) + lpad("TDP/P&A", 10));
  for (const r of s.ratios)
    out.push(
      pad(`h${r.horizon}`, 8) +
        lpad(String(r.referenceSteps), 6) +
        lpad(num(r.tdpOverReact, 3), 12) +
        lpad(num(r.tdpOverPlanAndAct, 3), 10),
    );
  out.push(
    "",
    `Recovery cost (extra tokens at noise ${noise} / injected errors) over ${s.comparable.length ? s.comparable.map((h) => `h${h}`).join(", ") : "no horizon"}` +
      (s.excluded.length
        ? ` (excluded: ${s.excluded.map((h) => `h${h}`).join(", ")}, where a run did not complete)`
        : "") +
      ":",
  );
  for (const r of s.recovery)
    out.push(
      `  ${pad(ARCH_LABELS[r.arch] ?? r.arch, 13)} ${lpad(num(r.extraTokens), 10)} extra / ${lpad(String(r.injected), 4)} errors = ${lpad(num(r.perError), 8)} tokens per error`,
    );
  out.push("", "Targets for TDP (reported as measured; prompts were not tuned to meet them):");
  for (const t of s.targets)
    out.push(`  [${t.holds === null ? "n/a " : t.holds ? "HOLDS" : "FAILS"}] ${t.name}: ${t.detail}`);
  return out.join("\n");
}
