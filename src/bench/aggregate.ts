/**
 * Turns result lines into the numbers a report shows: one metric table per environment in the
 * layout of the paper's Table 1, a cost table, the context-growth curves and a headline.
 *
 * Micro metrics are dataset-level (sum of passed constraints over sum of constraints, from
 * the `*_passed` / `*_total` columns); macro metrics and rates are means of per-task values.
 * A run that crashed counts as 0 in every rate (like an undelivered plan); micro rates use the
 * constraint counts of the runs that were scored.
 */
import { ARCH_LABELS, ARCH_NAMES } from "../graph/archs.js";
import { crashed, type BenchRecord } from "./record.js";

/**
 * Which evaluator made a travel table's numbers: every line records `scoring_official` (1 =
 * TravelPlanner's eval.py verdicts, 0 = this project's strict scorer), and the report says so.
 */
export function travelScoringNote(records: BenchRecord[]): string {
  const official = records.filter((r) => r.metrics.scoring_official === 1).length;
  if (official === 0)
    return "Strict scoring (the default): this project's evaluator, stricter than TravelPlanner's eval.py in places (exact names, flights on their dates, every attraction read); see docs/travel.md.";
  const note =
    "Official scoring (--scoring official): the per-constraint verdicts of TravelPlanner's eval.py, quirks included (substring names, flights by number and route only, ...); where the official code would crash, that constraint is counted as failed.";
  return official === records.length
    ? note
    : `${note} Mixed with strict lines: ${records.length - official} of ${records.length}.`;
}

export interface MetricTable {
  env: string;
  columns: string[];
  /** Values are fractions (0-1) shown as percentages, or raw numbers. */
  scale: "percent" | "raw";
  /** Column that decides "who won". */
  main: string;
  rows: MetricRow[];
  /** Footnotes specific to this table. */
  notes: string[];
}

export interface MetricRow {
  arch: string;
  model: string;
  label: string;
  n: number;
  errors: number;
  values: (number | null)[];
}

export interface CostRow {
  arch: string;
  model: string;
  label: string;
  n: number;
  errors: number;
  completed: number;
  budgetExhausted: number;
  failed: number;
  tokensIn: number;
  tokensOut: number;
  calls: number;
  steps: number;
  replans: number;
  revisions: number;
  wall: number;
  meanPromptPerCall: number;
  maxPromptPerCall: number;
}

/** One distinct crash text, how many runs it ended, and which ("env/task Architecture"). */
export interface CrashGroup {
  error: string;
  count: number;
  runs: string[];
}

/** The crashed runs grouped by their error text, most frequent first: a report shows why, not only how many. */
export function crashGroups(records: BenchRecord[]): CrashGroup[] {
  const groups = new Map<string, CrashGroup>();
  for (const r of records.filter(crashed)) {
    const error = r.error ?? "the run ended with status error";
    const g = groups.get(error) ?? { error, count: 0, runs: [] };
    g.count++;
    g.runs.push(`${r.env}/${r.task_id} ${ARCH_LABELS[r.arch] ?? r.arch}`);
    groups.set(error, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Rows grouped by architecture (and model, when a file mixes models), in the canonical architecture order. */
export function groupRuns(
  records: BenchRecord[],
): { arch: string; model: string; label: string; runs: BenchRecord[] }[] {
  const models = [...new Set(records.map((r) => r.model))];
  const groups = new Map<string, BenchRecord[]>();
  for (const r of records) {
    const k = `${r.arch}\u0000${r.model}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const order = (a: string) => ARCH_NAMES.indexOf(a as (typeof ARCH_NAMES)[number]);
  return [...groups.entries()]
    .map(([k, runs]) => {
      const [arch, model] = k.split("\u0000");
      const label = (ARCH_LABELS[arch] ?? arch) + (models.length > 1 ? ` (${model})` : "");
      return { arch, model, label, runs };
    })
    .sort((a, b) => order(a.arch) - order(b.arch) || a.model.localeCompare(b.model));
}

function metricMean(runs: BenchRecord[], key: string): number {
  return mean(runs.map((r) => r.metrics[key] ?? 0));
}

/** Dataset-level rate: sum passed over sum total; the per-task mean of `fallback` when no totals were recorded. */
export function microRate(runs: BenchRecord[], passed: string, total: string, fallback: string): number {
  const tot = sum(runs.map((r) => r.metrics[total] ?? 0));
  if (tot > 0) return sum(runs.map((r) => r.metrics[passed] ?? 0)) / tot;
  return metricMean(runs, fallback);
}

function firstKey(runs: BenchRecord[], candidates: string[]): string | null {
  return candidates.find((k) => runs.some((r) => k in r.metrics)) ?? null;
}

export const TRAVEL_COLUMNS = ["Delivery", "CS Micro", "CS Macro", "HC Micro", "HC Macro", "Final Pass", "Avg"];
/**
 * Cover-EM (the gold answer appears in the prediction) is the headline, named for what it is;
 * EM and F1 are HotpotQA's own (hotpot_evaluate_v1.py). Avg averages the first two, as the
 * paper's Avg averages Accuracy and Deli. Acc. (which the paper has an LLM judge).
 */
export const WIKI_COLUMNS = ["Cover-EM", "Delivered Cover-EM", "Avg", "EM", "F1"];
export const JUDGE_COLUMN = "LLM-Judge Acc";
export const SCIENCE_COLUMNS = ["Reward"];

export function travelValues(runs: BenchRecord[]): number[] {
  const v = [
    metricMean(runs, "delivered"),
    microRate(runs, "cs_passed", "cs_total", "cs_micro"),
    metricMean(runs, "cs_macro"),
    microRate(runs, "hc_passed", "hc_total", "hc_micro"),
    metricMean(runs, "hc_macro"),
    metricMean(runs, "final_pass"),
  ];
  return [...v, mean(v)];
}

const ACCURACY_KEYS = ["accuracy", "acc", "em"];

/**
 * Cover-EM over all runs; Delivered Cover-EM: cover-EM among the runs that delivered an answer
 * (the wiki environment's dataset-level "accurate delivery"; 0 when none delivered); their
 * mean; then HotpotQA's EM and F1 over all runs.
 */
export function wikiValues(all: BenchRecord[], runs: BenchRecord[]): number[] {
  const accKey = firstKey(all, ACCURACY_KEYS) ?? "accuracy";
  const acc = metricMean(runs, accKey);
  const delivered = runs.filter((r) => (r.metrics.delivered ?? 0) > 0);
  const da = delivered.length ? mean(delivered.map((r) => r.metrics[accKey] ?? 0)) : 0;
  return [acc, da, (acc + da) / 2, metricMean(runs, "em"), metricMean(runs, "f1")];
}

export function metricTable(env: string, records: BenchRecord[]): MetricTable {
  const groups = groupRuns(records);
  const row = (g: (typeof groups)[number], values: (number | null)[]): MetricRow => ({
    arch: g.arch,
    model: g.model,
    label: g.label,
    n: g.runs.length,
    errors: g.runs.filter(crashed).length,
    values,
  });
  if (env === "travel") {
    return {
      env,
      columns: TRAVEL_COLUMNS,
      scale: "percent",
      main: "Final Pass",
      rows: groups.map((g) => row(g, travelValues(g.runs))),
      notes: [travelScoringNote(records)],
    };
  }
  if (env === "wiki") {
    const notes = [
      "Cover-EM: the normalised gold answer appears, as whole tokens, in the normalised answer (the accuracy several agent papers use); it is not HotpotQA's EM, and not the paper's LLM-judged Accuracy. Delivered Cover-EM: cover-EM among the runs that delivered an answer (dataset-level, as the wiki environment defines accurate delivery). EM and F1: HotpotQA's official answer metrics (hotpot_evaluate_v1.py), not part of Avg.",
    ];
    // The LLM-judge column appears only when a judge model graded the runs (`tdp bench --judge`); it never enters Avg.
    const judged = records.some((r) => "llm_judge_accuracy" in r.metrics);
    if (judged)
      notes.push(
        `${JUDGE_COLUMN}: accuracy as graded by the configured judge model (exact matches count as correct without asking it); not part of Avg.`,
      );
    const columns = judged ? [...WIKI_COLUMNS, JUDGE_COLUMN] : WIKI_COLUMNS;
    const values = (runs: BenchRecord[]) =>
      judged ? [...wikiValues(records, runs), metricMean(runs, "llm_judge_accuracy")] : wikiValues(records, runs);
    return { env, columns, scale: "percent", main: "Cover-EM", rows: groups.map((g) => row(g, values(g.runs))), notes };
  }
  if (env === "science") {
    // --scoring official adds ScienceWorld's own scale (0-100, -100 on failure), read as a percentage.
    const official = records.some((r) => r.metrics.scoring_official === 1);
    const officialMean = (runs: BenchRecord[]) => metricMean(runs, "reward_official") / 100;
    return {
      env,
      columns: official ? [...SCIENCE_COLUMNS, "Official score"] : SCIENCE_COLUMNS,
      scale: "percent",
      main: "Reward",
      rows: groups.map((g) =>
        row(g, official ? [metricMean(g.runs, "reward"), officialMean(g.runs)] : [metricMean(g.runs, "reward")]),
      ),
      notes: official
        ? [
            "Official score: ScienceWorld's scale (0-100 with the ordered subgoals weighted equally, -100 for a failed task), shown on this table's percent scale; Reward is this project's 0-1 weighted score. Neither is an official ScienceWorld result (docs/science.md).",
          ]
        : [],
    };
  }
  // Any other environment (a user's own, the toy one): the mean of every metric it reports.
  const keys = [...new Set(records.flatMap((r) => Object.keys(r.metrics)))].sort();
  const main = keys.includes("correct") ? "correct" : (keys[0] ?? "delivered");
  const fractions = records.every((r) => Object.values(r.metrics).every((v) => v >= 0 && v <= 1));
  return {
    env,
    columns: keys,
    scale: fractions ? "percent" : "raw",
    main,
    rows: groups.map((g) =>
      row(
        g,
        keys.map((k) => metricMean(g.runs, k)),
      ),
    ),
    notes: [],
  };
}

export function costTable(records: BenchRecord[]): CostRow[] {
  return groupRuns(records).map((g) => {
    const calls = g.runs.flatMap((r) => r.prompt_tokens);
    return {
      arch: g.arch,
      model: g.model,
      label: g.label,
      n: g.runs.length,
      errors: g.runs.filter(crashed).length,
      completed: g.runs.filter((r) => r.status === "completed").length,
      budgetExhausted: g.runs.filter((r) => r.status === "budget_exhausted").length,
      failed: g.runs.filter((r) => r.status === "failed").length,
      tokensIn: mean(g.runs.map((r) => r.tokens_in)),
      tokensOut: mean(g.runs.map((r) => r.tokens_out)),
      calls: mean(g.runs.map((r) => r.llm_calls)),
      steps: mean(g.runs.map((r) => r.steps)),
      replans: mean(g.runs.map((r) => r.replans)),
      revisions: mean(g.runs.map((r) => r.revisions)),
      wall: mean(g.runs.map((r) => r.wall_s)),
      meanPromptPerCall: mean(calls),
      maxPromptPerCall: calls.length ? Math.max(...calls) : 0,
    };
  });
}

/**
 * Context growth: mean prompt tokens of the LLM calls made when `step` environment steps had
 * been taken, per architecture, over all runs of the environment.
 */
export function contextGrowth(records: BenchRecord[]): { arch: string; label: string; points: [number, number][] }[] {
  return groupRuns(records).map((g) => {
    const byStep = new Map<number, number[]>();
    for (const r of g.runs) {
      r.prompt_tokens.forEach((t, i) => {
        const step = r.call_steps[i] ?? 0;
        byStep.set(step, [...(byStep.get(step) ?? []), t]);
      });
    }
    const points = [...byStep.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, ts]) => [s, mean(ts)] as [number, number]);
    return { arch: g.arch, label: g.label, points };
  });
}

/**
 * Who won on the main metric, and what each architecture's tokens were next to TDP's. The
 * zeros of an architecture whose every run crashed are not a score: it is named apart, and a
 * table where every run crashed says so instead of calling it a tie.
 */
export function headline(table: MetricTable, cost: CostRow[]): string {
  const col = table.columns.indexOf(table.main);
  const dead = table.rows.filter((r) => r.n > 0 && r.errors === r.n);
  if (dead.length > 0 && dead.length === table.rows.length)
    return `every run crashed (${sum(dead.map((r) => r.n))} runs)`;
  const scored = table.rows.filter((r) => r.values[col] !== null && !dead.includes(r));
  const fmt = (v: number) => (table.scale === "percent" ? `${(v * 100).toFixed(1)}%` : v.toFixed(3));
  let s: string;
  if (scored.length === 0) s = "no scored runs";
  else {
    const best = Math.max(...scored.map((r) => r.values[col] as number));
    const winners = scored.filter((r) => Math.abs((r.values[col] as number) - best) < 1e-9).map((r) => r.label);
    s =
      winners.length === scored.length && scored.length > 1
        ? `all tie on ${table.main} (${fmt(best)})`
        : `best ${table.main}: ${winners.join(", ")} (${fmt(best)})`;
  }
  if (dead.length) s += `; every run of ${dead.map((r) => r.label).join(", ")} crashed`;
  const tdp = cost.find((c) => c.arch === "tdp");
  if (tdp) {
    const tdpTok = tdp.tokensIn + tdp.tokensOut;
    const others = cost
      .filter((c) => c !== tdp && c.tokensIn + c.tokensOut > 0)
      .map((c) => `${ratio(tdpTok, c.tokensIn + c.tokensOut)}× ${c.label}`);
    s += `; TDP used ${compact(tdpTok)} tokens per task${others.length ? ` (${others.join(", ")})` : ""}`;
  }
  return s;
}

export function ratio(a: number, b: number): string {
  if (!(b > 0)) return "n/a";
  const r = a / b;
  return r >= 10 ? r.toFixed(0) : r.toFixed(2);
}

export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n)}`;
}
