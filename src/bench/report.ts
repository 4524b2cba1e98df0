/**
 * The benchmark report: a Markdown file and a self-contained HTML page (inline SVG, no
 * scripts, no external assets) written next to the results, plus the charts as SVG files
 * the Markdown links to. Measured rows and the paper's published rows are kept apart.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import {
  compact,
  contextGrowth,
  crashGroups,
  costTable,
  headline,
  metricTable,
  type CostRow,
  type CrashGroup,
  type MetricTable,
} from "./aggregate.js";
import { ARCH_LABELS } from "../graph/archs.js";
import { PAPER_REFERENCE, paperColumns, type PaperReference } from "./paperReference.js";
import { crashed, readResults, RESULTS_FILE, type BenchRecord } from "./record.js";
import { barChart, escapeXml, lineChart, scatterChart } from "./svg.js";
import { crossoverHeatmaps, crossoverReportCharts, type CrossoverSummary } from "./crossover.js";

export interface EnvSection {
  env: string;
  headline: string;
  table: MetricTable;
  cost: CostRow[];
  /** The main metric per task level and architecture; null when the runs cover one level. */
  byLevel: LevelTable | null;
}

/** The main metric of an environment's table, per task level (rows) and architecture (columns). */
export interface LevelTable {
  main: string;
  scale: MetricTable["scale"];
  columns: string[];
  rows: { level: string; n: number; values: (number | null)[] }[];
}

/** Each level's runs through the same metric table, keeping only its main column. */
export function levelTable(env: string, records: BenchRecord[], whole: MetricTable): LevelTable | null {
  const levels = [...new Set(records.map((r) => r.level))];
  if (levels.length < 2) return null;
  return {
    main: whole.main,
    scale: whole.scale,
    columns: whole.rows.map((r) => r.label),
    rows: levels.map((level) => {
      const rs = records.filter((r) => r.level === level);
      const t = metricTable(env, rs);
      return {
        level,
        n: new Set(rs.map((r) => r.task_id)).size,
        values: whole.rows.map((w) => mainValue(t, w.arch, w.model)),
      };
    }),
  };
}

function levelCells(t: LevelTable): string[][] {
  return t.rows.map((r) => [r.level, String(r.n), ...r.values.map((v) => fmtValue(v, t.scale))]);
}

export interface Chart {
  file: string;
  title: string;
  svg: string;
}

export interface ReportData {
  title: string;
  generatedAt: string;
  models: string[];
  offline: boolean;
  runs: number;
  errors: number;
  /** Why runs crashed, most frequent first: the report shows the text, not only a count. */
  crashes: CrashGroup[];
  sections: EnvSection[];
  charts: Chart[];
  notes: string[];
  /** The paper's published numbers, shown apart from every measured table. */
  paper: PaperReference;
}

export const OFFLINE_NOTE =
  "Measured with the offline simulator. Its scores are NOT model accuracy: the simulator replays each task's reference solution (with seeded errors when noise > 0), so scores check the environments, the reference solutions and the graph mechanics. Its token numbers are structural: the real prompt text of every call, counted with the cl100k_base tokenizer.";

function mainValue(t: MetricTable, arch: string, model: string): number | null {
  const row = t.rows.find((r) => r.arch === arch && r.model === model);
  const v = row?.values[t.columns.indexOf(t.main)];
  return v === undefined ? null : v;
}

export function buildReport(
  records: BenchRecord[],
  opts: { generatedAt?: string; reference?: PaperReference; crossover?: CrossoverSummary } = {},
): ReportData {
  const paper = opts.reference ?? PAPER_REFERENCE;
  const envs = [...new Set(records.map((r) => r.env))];
  const sections: EnvSection[] = envs.map((env) => {
    const rs = records.filter((r) => r.env === env);
    const table = metricTable(env, rs);
    const cost = costTable(rs);
    // When nothing in the environment ran, its headline carries the reason.
    const why = rs.every(crashed) ? `: ${crashGroups(rs)[0].error}` : "";
    return {
      env,
      table,
      cost,
      headline: headline(table, cost) + why,
      byLevel: levelTable(env, rs, table),
    };
  });
  const charts: Chart[] = [];
  if (records.length) charts.push(...standardCharts(records, sections));
  // `tdp bench --env crossover` lines (any model): accuracy, token and wall-time heatmaps per cell.
  charts.push(...crossoverReportCharts(records));
  // A `npm run bench:crossover` grid in the same directory: its structural heatmaps.
  if (opts.crossover) charts.push(...crossoverHeatmaps(opts.crossover));
  const models = [...new Set(records.map((r) => r.model))];
  const offline = models.includes("offline");
  const notes: string[] = [];
  if (offline) notes.push(OFFLINE_NOTE);
  notes.push(
    "Every architecture ran with the same tools, model configuration, global step budget and delivery (a submission through the environment's submit tool wins; otherwise the final answer text is submitted), and was scored by the same environment scorer.",
  );
  return {
    title: "TDP benchmark report",
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    models,
    offline,
    runs: records.length,
    errors: records.filter(crashed).length,
    crashes: crashGroups(records),
    sections,
    charts,
    notes,
    paper,
  };
}

/** The token bar chart, the context-growth lines and the score/tokens scatter of the results. */
function standardCharts(records: BenchRecord[], sections: EnvSection[]): Chart[] {
  const charts: Chart[] = [];
  charts.push({
    file: "chart-tokens.svg",
    title: "Tokens per task by architecture",
    svg: barChart({
      title: "Tokens per task (input, output lighter)",
      yLabel: "tokens per task",
      segmentOpacity: [1, 0.45],
      groups: sections.map((s) => ({
        label: s.env,
        bars: s.cost.map((c) => ({
          key: c.arch,
          label: c.label,
          segments: [
            { value: c.tokensIn, name: "input" },
            { value: c.tokensOut, name: "output" },
          ],
        })),
      })),
    }),
  });
  for (const s of sections) {
    const growth = contextGrowth(records.filter((r) => r.env === s.env)).filter((g) => g.points.length > 0);
    if (growth.length === 0) continue;
    charts.push({
      file: `chart-context-${s.env}.svg`,
      title: `Context growth on ${s.env}: prompt tokens per LLM call by environment step`,
      svg: lineChart({
        title: `Prompt tokens per LLM call (${s.env})`,
        xLabel: "environment steps taken when the call was made",
        yLabel: "prompt tokens per call (mean)",
        series: growth.map((g) => ({ key: g.arch, label: g.label, points: g.points })),
      }),
    });
  }
  const points = sections.flatMap((s) =>
    s.cost.map((c) => {
      const v = mainValue(s.table, c.arch, c.model) ?? 0;
      return {
        key: c.arch,
        label: c.label,
        group: s.env,
        x: c.tokensIn + c.tokensOut,
        y: s.table.scale === "percent" ? v * 100 : v,
      };
    }),
  );
  const allPercent = sections.every((s) => s.table.scale === "percent");
  charts.push({
    file: "chart-score-tokens.svg",
    title: "Main score against tokens per task (up and to the left is better; shape = environment)",
    svg: scatterChart({
      title: "Main score against tokens per task",
      xLabel: "tokens per task (input + output)",
      yLabel: allPercent ? "main metric (%)" : "main metric",
      points,
      yMax: allPercent ? 100 : undefined,
    }),
  });
  return charts;
}

function fmtValue(v: number | null, scale: MetricTable["scale"]): string {
  if (v === null) return "–";
  return scale === "percent" ? (v * 100).toFixed(1) : v.toFixed(3);
}

/** Index of the best row per column (ties all marked), for bolding. */
function bestRows(t: MetricTable): Set<string> {
  const out = new Set<string>();
  t.columns.forEach((_c, ci) => {
    const vals = t.rows.map((r) => r.values[ci]).filter((v): v is number => v !== null);
    if (vals.length < 2) return;
    const best = Math.max(...vals);
    if (vals.every((v) => Math.abs(v - best) < 1e-9)) return;
    t.rows.forEach((r, ri) => {
      if (r.values[ci] !== null && Math.abs((r.values[ci] as number) - best) < 1e-9) out.add(`${ri}:${ci}`);
    });
  });
  return out;
}

function costCells(c: CostRow): string[] {
  return [
    c.label,
    String(c.n),
    `${c.completed}/${c.budgetExhausted}/${c.failed}${c.errors ? ` (${c.errors} err)` : ""}`,
    compact(c.tokensIn),
    compact(c.tokensOut),
    c.calls.toFixed(1),
    c.steps.toFixed(1),
    c.replans.toFixed(1),
    compact(c.meanPromptPerCall),
    compact(c.maxPromptPerCall),
    c.wall.toFixed(2),
  ];
}

const COST_HEADER = [
  "Architecture",
  "Tasks",
  "Done/Budget/Failed",
  "Tokens in/task",
  "Tokens out/task",
  "LLM calls/task",
  "Steps/task",
  "Replans/task",
  "Mean prompt/call",
  "Max prompt/call",
  "Wall s/task",
];

/** A table cell that cannot break the Markdown table (error texts may hold pipes). */
function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** The runs a crash text ended, the first few named. */
function whichRuns(runs: string[], max = 6): string {
  return runs.slice(0, max).join(", ") + (runs.length > max ? `, and ${runs.length - max} more` : "");
}

const CRASH_HEADER = ["Error", "Runs", "Which"];
const crashCells = (c: CrashGroup) => [c.error, String(c.count), whichRuns(c.runs)];

function mdTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map((_h, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

function metricCells(t: MetricTable, bold: boolean): string[][] {
  const best = bestRows(t);
  return t.rows.map((r, ri) => [
    r.label + (r.errors ? ` (${r.errors} err)` : ""),
    String(r.n),
    ...r.values.map((v, ci) => {
      const s = fmtValue(v, t.scale);
      return bold && best.has(`${ri}:${ci}`) ? `**${s}**` : s;
    }),
  ]);
}

/** The paper's Table 1 for one model: method, then every printed column. */
function paperCells(p: PaperReference, model: string): string[][] {
  return (p.tables.find((t) => t.model === model)?.rows ?? []).map((r) => [r.method, ...r.values]);
}

const PAPER_COST_HEADER = ["Benchmark", "Model", "TDP output tokens / task", "Reduction vs Plan-and-Act"];

function paperCostCells(p: PaperReference): string[][] {
  return p.cost.map((c) => [c.benchmark, c.model, c.tdpOutputTokens, c.reductionVsPlanAndAct]);
}

/** The heading of the paper block (the same in Markdown and HTML). */
export const PAPER_BLOCK_TITLE = "Reported by the paper (not measured here)";

function paperIntro(p: PaperReference): string {
  return `Published numbers of "${p.title}" (arXiv:${p.arxiv}), ${p.source}, copied as printed. They were measured by the paper's authors on the original benchmarks with the setup below; nothing in this block was run by this project.`;
}

export function renderMarkdown(d: ReportData): string {
  const out: string[] = [`# ${d.title}`, ""];
  out.push(
    `Generated ${d.generatedAt} from ${d.runs} runs (model: ${d.models.join(", ")})${d.errors ? `, ${d.errors} of them crashed (see the error column)` : ""}.`,
    "",
  );
  if (d.offline) out.push(`> **${OFFLINE_NOTE}**`, "");
  out.push("## At a glance", "");
  for (const s of d.sections) out.push(`- **${s.env}**: ${s.headline}`);
  out.push("");
  if (d.crashes.length) {
    out.push("## Crashed runs", "", "Counted as 0 in every table below.", "");
    out.push(
      mdTable(
        CRASH_HEADER,
        d.crashes.map((c) => crashCells(c).map(mdCell)),
      ),
      "",
    );
  }
  for (const s of d.sections) {
    out.push(`## ${s.env}`, "");
    out.push(`Measured${s.table.scale === "percent" ? " (%)" : ""}; best value per column in bold.`, "");
    out.push(mdTable(["Architecture", "Tasks", ...s.table.columns], metricCells(s.table, true)), "");
    for (const n of s.table.notes) out.push(`_${n}_`, "");
    if (s.byLevel) {
      out.push(`${s.byLevel.main} by level:`, "");
      out.push(mdTable(["Level", "Tasks", ...s.byLevel.columns], levelCells(s.byLevel)), "");
    }
    out.push("Cost per task (means over the tasks):", "");
    out.push(mdTable(COST_HEADER, s.cost.map(costCells)), "");
  }
  const p = d.paper;
  out.push(`## ${PAPER_BLOCK_TITLE}`, "", paperIntro(p), "", "Setup of the paper:", "");
  for (const line of p.setup) out.push(`- ${line}`);
  out.push("");
  for (const t of p.tables) {
    out.push(`Table 1 of the paper, ${t.model}:`, "");
    out.push(mdTable(["Method", ...paperColumns(p)], paperCells(p, t.model)), "");
  }
  out.push("Section 4.3 of the paper, output tokens:", "");
  out.push(mdTable(PAPER_COST_HEADER, paperCostCells(p)), "");
  for (const n of p.notes) out.push(`_${n}_`, "");
  out.push("## Charts", "");
  for (const c of d.charts) out.push(`### ${c.title}`, "", `![${c.title}](${c.file})`, "");
  out.push("## Notes", "");
  for (const n of d.notes) out.push(`- ${n}`);
  out.push(
    "- Micro rates are dataset-level (sum of passed constraints / sum of constraints); macro rates and the other columns are means of per-task values. Crashed runs count as 0.",
    `- Architectures: ${Object.entries(ARCH_LABELS)
      .map(([k, v]) => `${v} (\`${k}\`)`)
      .join(", ")}.`,
    "",
  );
  return out.join("\n");
}

function htmlTable(header: string[], rows: string[][]): string {
  const cell = (s: string, i: number, tag: string) =>
    `<${tag}${i === 0 ? "" : ' class="num"'}>${s.replace(/\*\*(.*?)\*\*/g, "<strong>$1</strong>")}</${tag}>`;
  return `<div class="scroll"><table><thead><tr>${header.map((h, i) => cell(escapeXml(h), i, "th")).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell(escapeXml(c), i, "td")).join("")}</tr>`).join("")}</tbody></table></div>`;
}

export function renderHtml(d: ReportData): string {
  const parts: string[] = [];
  parts.push(`<h1>${escapeXml(d.title)}</h1>`);
  parts.push(
    `<p>Generated ${escapeXml(d.generatedAt)} from ${d.runs} runs (model: ${escapeXml(d.models.join(", "))})${d.errors ? `, ${d.errors} crashed` : ""}.</p>`,
  );
  if (d.offline) parts.push(`<p class="warn"><strong>${escapeXml(OFFLINE_NOTE)}</strong></p>`);
  parts.push(
    `<h2>At a glance</h2><ul>${d.sections.map((s) => `<li><strong>${escapeXml(s.env)}</strong>: ${escapeXml(s.headline)}</li>`).join("")}</ul>`,
  );
  if (d.crashes.length) {
    parts.push(`<h2>Crashed runs</h2><p>Counted as 0 in every table below.</p>`);
    parts.push(htmlTable(CRASH_HEADER, d.crashes.map(crashCells)));
  }
  for (const s of d.sections) {
    parts.push(`<h2>${escapeXml(s.env)}</h2>`);
    parts.push(`<p>Measured${s.table.scale === "percent" ? " (%)" : ""}; best value per column in bold.</p>`);
    parts.push(htmlTable(["Architecture", "Tasks", ...s.table.columns], metricCells(s.table, true)));
    for (const n of s.table.notes) parts.push(`<p class="note">${escapeXml(n)}</p>`);
    if (s.byLevel) {
      parts.push(`<p>${escapeXml(s.byLevel.main)} by level:</p>`);
      parts.push(htmlTable(["Level", "Tasks", ...s.byLevel.columns], levelCells(s.byLevel)));
    }
    parts.push(`<p>Cost per task (means over the tasks):</p>`);
    parts.push(htmlTable(COST_HEADER, s.cost.map(costCells)));
  }
  const p = d.paper;
  parts.push(`<section class="paper"><h2>${escapeXml(PAPER_BLOCK_TITLE)}</h2><p>${escapeXml(paperIntro(p))}</p>`);
  parts.push(`<p>Setup of the paper:</p><ul>${p.setup.map((l) => `<li>${escapeXml(l)}</li>`).join("")}</ul>`);
  for (const t of p.tables) {
    parts.push(`<p>Table 1 of the paper, ${escapeXml(t.model)}:</p>`);
    parts.push(htmlTable(["Method", ...paperColumns(p)], paperCells(p, t.model)));
  }
  parts.push(`<p>Section 4.3 of the paper, output tokens:</p>`);
  parts.push(htmlTable(PAPER_COST_HEADER, paperCostCells(p)));
  for (const n of p.notes) parts.push(`<p class="note">${escapeXml(n)}</p>`);
  parts.push(`</section>`);
  parts.push(`<h2>Charts</h2>`);
  for (const c of d.charts) parts.push(`<figure>${c.svg}<figcaption>${escapeXml(c.title)}</figcaption></figure>`);
  parts.push(
    `<h2>Notes</h2><ul>${d.notes.map((n) => `<li>${escapeXml(n)}</li>`).join("")}<li>Micro rates are dataset-level (sum of passed constraints / sum of constraints); macro rates and the other columns are means of per-task values. Crashed runs count as 0.</li></ul>`,
  );
  const css = `body{font-family:system-ui,sans-serif;max-width:1040px;margin:2em auto;padding:0 1em;color:#222}.scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.92em}th,td{border:1px solid #ddd;padding:4px 8px}th{background:#f4f4f4}.num{text-align:right}.warn{background:#fff4e5;border-left:4px solid #f0a020;padding:.6em 1em}.note{color:#555;font-style:italic}.paper{border-left:4px solid #888;padding-left:1em;background:#fafafa}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}svg{max-width:100%;height:auto}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(d.title)}</title><style>${css}</style></head><body>${parts.join("\n")}</body></html>\n`;
}

/** What `npm run bench:crossover` writes: its grid, with the summary the heatmaps are drawn from. */
const CROSSOVER_FILE = "crossover.json";

function readCrossoverSummary(path: string): CrossoverSummary {
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as { summary?: CrossoverSummary };
    if (!data.summary || !Array.isArray(data.summary.cells)) throw new Error("no summary");
    return data.summary;
  } catch (err) {
    throw new UsageError(`${path} is not a bench:crossover result (${(err as Error).message})`);
  }
}

/**
 * Reads DIR/results.jsonl (and DIR/crossover.json from `npm run bench:crossover`, if there)
 * and writes report.md, report.html and the chart SVGs into DIR.
 */
export function writeReport(
  dir: string,
  opts: { generatedAt?: string } = {},
): { markdown: string; html: string; charts: string[]; data: ReportData } {
  const file = join(dir, RESULTS_FILE);
  const grid = join(dir, CROSSOVER_FILE);
  const crossover = existsSync(grid) ? readCrossoverSummary(grid) : undefined;
  if (!existsSync(file) && !crossover)
    throw new UsageError(`no results in ${dir} (expected ${file}; run: tdp bench --out ${dir})`);
  const records = existsSync(file) ? readResults(file) : [];
  if (records.length === 0 && !crossover) throw new UsageError(`${file} has no results yet`);
  const data = buildReport(records, { ...opts, crossover });
  const markdown = join(dir, "report.md");
  const html = join(dir, "report.html");
  writeFileSync(markdown, renderMarkdown(data));
  writeFileSync(html, renderHtml(data));
  const charts = data.charts.map((c) => {
    const p = join(dir, c.file);
    writeFileSync(p, c.svg);
    return p;
  });
  return { markdown, html, charts, data };
}
