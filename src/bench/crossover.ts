/**
 * The crossover study (`npm run bench:crossover`, docs/crossover.md): where does decoupling
 * pay? Every architecture runs the crossover tasks of a (width, depth, coupling, observation
 * size) grid with the offline simulator, at noise 0 and at noise > 0. With the simulator every
 * architecture takes the same actions, so the differences in tokens, calls and latency are
 * the architecture's structural costs, never accuracy.
 *
 * Latency is scripted, not measured (the simulator answers in microseconds): each LLM call
 * costs LLM_MS and each environment tool call TOOL_MS, and a run takes the time of its
 * critical path. A single-thread architecture's calls are all sequential. TDP's calls outside
 * sub-tasks (construction, Self-Revision, delivery) are sequential; each sub-task's calls are
 * sequential within it; sub-tasks overlap as the schedule allows:
 * - `batch` (the paper's loop, the current graph): round r runs the sub-tasks whose longest
 *   dependency chain has r links, and lasts as long as its slowest sub-task;
 * - `critical` (dependency-driven dispatch): a sub-task starts when its own prerequisites
 *   finish, so the run takes its longest dependency path.
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import type { LLMResult } from "@langchain/core/outputs";
import { coupledCount, parseTaskId, type CrossoverParams } from "../tools/crossover/ids.js";
import type { Environment } from "../tools/types.js";
import { registerEnvironment } from "../tools/registry.js";
import { ARCH_LABELS, type ArchName } from "../graph/archs.js";
import { createCountingOfflineModel, type InjectionCounts } from "./countingModel.js";
import type { BenchRecord } from "./record.js";
import { runTask } from "./runTask.js";
import { heatmap } from "./svg.js";

/**
 * The scripted latency model: milliseconds per LLM call and per environment tool call, plus
 * optional per-token terms (decode time per output token, prefill time per prompt token),
 * which are 0 by default.
 */
export interface LatencyModel {
  llmMs: number;
  toolMs: number;
  outputTokenMs: number;
  promptTokenMs: number;
}

export const LATENCY_MODEL: LatencyModel = { llmMs: 150, toolMs: 100, outputTokenMs: 0, promptTokenMs: 0 };

/** One LLM call as the latency model sees it: who made it and how many environment actions it emitted. */
export interface CallShape {
  role: string;
  /** DAG node of a TDP worker call; null for calls outside sub-tasks (and for every baseline call). */
  nodeId: string | null;
  /** Environment tool calls in the reply (each one is executed). */
  tools: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** A DAG node as the latency model needs it. */
export interface DagShape {
  id: string;
  deps: string[];
}

export interface ModelledLatency {
  /** Every call one after another (a single-thread architecture's latency). */
  sequentialMs: number;
  /** TDP under the batch schedule; = sequential for baselines. */
  batchMs: number;
  /** TDP under dependency-driven dispatch (critical path); = sequential for baselines. */
  criticalMs: number;
}

/**
 * The scripted latency of one run from its recorded calls and its DAG (empty for baselines).
 * Calls naming a node that is not in `dag` count as sequential.
 */
export function modelLatency(
  calls: CallShape[],
  dag: DagShape[],
  model: LatencyModel = LATENCY_MODEL,
): ModelledLatency {
  const cost = (c: CallShape) =>
    model.llmMs +
    model.toolMs * c.tools +
    model.outputTokenMs * (c.outputTokens ?? 0) +
    model.promptTokenMs * (c.inputTokens ?? 0);
  const ids = new Set(dag.map((n) => n.id));
  const own = new Map<string, number>();
  let global = 0;
  let sequential = 0;
  for (const c of calls) {
    sequential += cost(c);
    if (c.nodeId !== null && ids.has(c.nodeId)) own.set(c.nodeId, (own.get(c.nodeId) ?? 0) + cost(c));
    else global += cost(c);
  }
  const byId = new Map(dag.map((n) => [n.id, n]));
  const level = new Map<string, number>();
  const finish = new Map<string, number>();
  const visit = (id: string, stack: Set<string>): void => {
    if (finish.has(id)) return;
    if (stack.has(id)) throw new Error(`the DAG has a cycle through ${id}`);
    stack.add(id);
    const deps = (byId.get(id)?.deps ?? []).filter((d) => byId.has(d));
    for (const d of deps) visit(d, stack);
    stack.delete(id);
    level.set(id, deps.length ? 1 + Math.max(...deps.map((d) => level.get(d) as number)) : 0);
    finish.set(id, (own.get(id) ?? 0) + (deps.length ? Math.max(...deps.map((d) => finish.get(d) as number)) : 0));
  };
  for (const n of dag) visit(n.id, new Set());
  const rounds = new Map<number, number>();
  for (const n of dag) {
    const l = level.get(n.id) as number;
    rounds.set(l, Math.max(rounds.get(l) ?? 0, own.get(n.id) ?? 0));
  }
  const batch = [...rounds.values()].reduce((a, b) => a + b, 0);
  const critical = finish.size ? Math.max(...finish.values()) : 0;
  return { sequentialMs: sequential, batchMs: global + batch, criticalMs: global + critical };
}

/**
 * Records the shape of every LLM call of one model: role and node from the call metadata
 * every graph attaches (never from prompt text), and the environment tool calls in the reply.
 */
export class CallShapeRecorder extends BaseCallbackHandler {
  name = "crossover_call_shapes";
  readonly calls: CallShape[] = [];
  private readonly pending = new Map<string, { role: string; nodeId: string | null }>();

  constructor(private readonly envTools: ReadonlySet<string>) {
    super();
    this.awaitHandlers = true;
  }

  override async handleChatModelStart(
    _llm: Serialized,
    _messages: unknown,
    runId: string,
    _parentRunId?: string,
    _extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    const str = (k: string) => (typeof metadata?.[k] === "string" ? (metadata[k] as string) : null);
    this.pending.set(runId, { role: str("role") ?? "unknown", nodeId: str("node_id") });
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const p = this.pending.get(runId);
    if (!p) return;
    this.pending.delete(runId);
    const gen = output.generations[0]?.[0] as
      | {
          message?: {
            tool_calls?: { name: string }[];
            usage_metadata?: { input_tokens?: number; output_tokens?: number };
          };
        }
      | undefined;
    const tools = (gen?.message?.tool_calls ?? []).filter((c) => this.envTools.has(c.name)).length;
    const usage = gen?.message?.usage_metadata;
    this.calls.push({
      role: p.role,
      nodeId: p.nodeId,
      tools,
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
    });
  }
}

/** One cell of the grid: a crossover task and what the latency model needs of its structure. */
export interface CrossoverCell {
  taskId: string;
  width: number;
  depth: number;
  coupling: number;
  /** Chains whose start needs another chain's result. */
  coupled: number;
  obs: number;
  /** Actions of the reference solution: what every architecture takes at noise 0. */
  referenceSteps: number;
  dag: DagShape[];
}

/** An architecture as the study runs it: TDP may run under several schedules. */
export interface Variant {
  /** Key in tables and JSON: "tdp[dependency]", "tdp[batch]", "tdp[dependency+on_signal]", "react", "plan_and_act". */
  key: string;
  arch: ArchName;
  /** Extra LangGraph configurable, e.g. { schedule: "batch" }. */
  configurable: Record<string, unknown>;
}

export interface CrossoverRun {
  taskId: string;
  width: number;
  depth: number;
  coupling: number;
  coupled: number;
  obs: number;
  variant: string;
  arch: ArchName;
  noise: number;
  status: string;
  error: string | null;
  /** The environment's exact-answer score (1 = the right sum was submitted), or null when unscored. */
  correct: number | null;
  steps: number;
  referenceSteps: number;
  calls: number;
  promptTotal: number;
  outputTotal: number;
  promptMax: number;
  injected: InjectionCounts;
  latency: ModelledLatency;
  /** Prompt and output tokens and calls by role (supervisor, planner, executor, evaluator, self_revision, react, ...). */
  byRole: Record<string, { input: number; output: number; calls: number }>;
  wallS: number;
}

export interface CrossoverBenchOptions {
  env: Environment;
  cells: CrossoverCell[];
  variants: Variant[];
  noises: number[];
  /** Offline simulator seed (injected errors). */
  seed: number;
  /** Names of the environment's tools (the latency model counts them as tool calls). */
  envTools: string[];
  configurableFor: (cell: CrossoverCell) => Record<string, unknown>;
  /** Default LATENCY_MODEL. */
  latencyModel?: LatencyModel;
  onRun?: (r: CrossoverRun) => void;
}

/** Runs every (cell, noise, variant) once, in that order. */
export async function runCrossoverBenchmark(opts: CrossoverBenchOptions): Promise<CrossoverRun[]> {
  registerEnvironment(opts.env);
  const envTools = new Set(opts.envTools);
  const runs: CrossoverRun[] = [];
  for (const cell of opts.cells) {
    const ref = opts.env.reference(cell.taskId);
    for (const noise of opts.noises) {
      for (const v of opts.variants) {
        const { model, counts } = createCountingOfflineModel(ref, { noise, seed: opts.seed });
        const recorder = new CallShapeRecorder(envTools);
        model.callbacks = [recorder];
        const rec = await runTask({
          env: opts.env.name,
          taskId: cell.taskId,
          level: `w${cell.width}-d${cell.depth}`,
          arch: v.arch,
          model: "offline",
          configurable: { ...opts.configurableFor(cell), ...v.configurable, noise, seed: opts.seed },
          options: { llm: model },
        });
        const run: CrossoverRun = {
          taskId: cell.taskId,
          width: cell.width,
          depth: cell.depth,
          coupling: cell.coupling,
          coupled: cell.coupled,
          obs: cell.obs,
          variant: v.key,
          arch: v.arch,
          noise,
          status: rec.status,
          error: rec.error,
          correct: typeof rec.metrics.correct === "number" ? rec.metrics.correct : null,
          steps: rec.steps,
          referenceSteps: cell.referenceSteps,
          calls: rec.prompt_tokens.length,
          promptTotal: rec.prompt_tokens.reduce((a, b) => a + b, 0),
          outputTotal: rec.tokens_out,
          promptMax: rec.prompt_tokens.length ? Math.max(...rec.prompt_tokens) : 0,
          injected: { ...counts },
          latency: modelLatency(recorder.calls, v.arch === "tdp" ? cell.dag : [], opts.latencyModel),
          byRole: rec.tokens_by_role,
          wallS: rec.wall_s,
        };
        runs.push(run);
        opts.onRun?.(run);
      }
    }
  }
  return runs;
}

/** The ratios reported per cell, each TDP (variant) over ReAct. */
export const METRICS = ["prompt", "output", "calls", "latencyBatch", "latencyCritical", "recovery"] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  prompt: "prompt tokens",
  output: "output tokens",
  calls: "LLM calls",
  latencyBatch: "latency (batch schedule)",
  latencyCritical: "latency (dependency-driven)",
  recovery: "recovery tokens per injected error",
};

export interface CellSummary {
  taskId: string;
  width: number;
  depth: number;
  coupling: number;
  coupled: number;
  obs: number;
  referenceSteps: number;
  /** The TDP variant compared with ReAct. */
  variant: string;
  /** Every noise-0 run of the cell completed with the right answer. */
  clean: boolean;
  ratios: Record<Metric, number | null>;
  /** TDP prompt tokens over Plan-and-Act's (noise 0). */
  promptVsPlanAndAct: number | null;
  /** Extra tokens (prompt + output) at noise > 0 over noise 0, per injected error, by variant. */
  recoveryPerError: Record<string, number | null>;
}

/** Where a row's ratio crosses 1 as depth grows. */
export interface Crossing {
  metric: Metric;
  variant: string;
  width: number;
  coupling: number;
  obs: number;
  /** The row's ratios by depth, in depth order. */
  byDepth: { depth: number; ratio: number | null }[];
  /** Consecutive depths between which the ratio moves from one side of 1 to the other. */
  crossings: { from: number; to: number; direction: "down" | "up" }[];
}

/** For one metric and observation size: the fewest reference steps from which TDP is cheaper in every cell. */
export interface StepThreshold {
  metric: Metric;
  variant: string;
  obs: number;
  /** Smallest reference-step count s such that every cell with >= s steps has ratio < 1; null if none. */
  cheaperFrom: number | null;
  /** Cells where TDP is cheaper / measured cells. */
  cheaperCells: number;
  cells: number;
}

export interface CrossoverSummary {
  cells: CellSummary[];
  crossings: Crossing[];
  thresholds: StepThreshold[];
  /** Per variant over the cells where every run completed: sum of extra tokens / sum of injected errors. */
  recovery: { variant: string; extraTokens: number; injected: number; perError: number | null }[];
  /** Cells with a run that did not complete correctly at noise 0 (their ratios are still shown). */
  unclean: string[];
}

const div = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** The arithmetic of the study, apart from running it so it can be checked by hand. */
export function summarizeCrossover(runs: CrossoverRun[], opts: { noise: number }): CrossoverSummary {
  const find = (taskId: string, variant: string, noise: number) =>
    runs.find((r) => r.taskId === taskId && r.variant === variant && r.noise === noise) ?? null;
  const taskIds = [...new Set(runs.map((r) => r.taskId))];
  const tdpVariants = [...new Set(runs.filter((r) => r.arch === "tdp").map((r) => r.variant))];
  const variants = [...new Set(runs.map((r) => r.variant))];
  const ok = (r: CrossoverRun | null) => !!r && r.status === "completed" && !r.error && r.correct === 1;
  const extraOf = (taskId: string, variant: string) => {
    const clean = find(taskId, variant, 0);
    const noisy = opts.noise > 0 ? find(taskId, variant, opts.noise) : null;
    if (!clean || !noisy || !ok(clean) || !ok(noisy)) return null;
    return {
      extra: noisy.promptTotal + noisy.outputTotal - (clean.promptTotal + clean.outputTotal),
      injected: noisy.injected.total,
    };
  };
  const perError = (taskId: string, variant: string) => {
    const e = extraOf(taskId, variant);
    return e ? div(e.extra, e.injected) : null;
  };
  const cells: CellSummary[] = [];
  const unclean = new Set<string>();
  for (const taskId of taskIds) {
    const any = runs.find((r) => r.taskId === taskId) as CrossoverRun;
    const cleanRuns = runs.filter((r) => r.taskId === taskId && r.noise === 0);
    const clean = cleanRuns.every(ok);
    if (!clean) unclean.add(taskId);
    const react = find(taskId, "react", 0);
    const pa = find(taskId, "plan_and_act", 0);
    const recoveryPerError = Object.fromEntries(variants.map((v) => [v, perError(taskId, v)]));
    for (const variant of tdpVariants) {
      const tdp = find(taskId, variant, 0);
      const r = (f: (x: CrossoverRun) => number) => (tdp && react ? div(f(tdp), f(react)) : null);
      const rt = recoveryPerError[variant];
      const rr = recoveryPerError.react;
      cells.push({
        taskId,
        width: any.width,
        depth: any.depth,
        coupling: any.coupling,
        coupled: any.coupled,
        obs: any.obs,
        referenceSteps: any.referenceSteps,
        variant,
        clean,
        ratios: {
          prompt: r((x) => x.promptTotal),
          output: r((x) => x.outputTotal),
          calls: r((x) => x.calls),
          latencyBatch: tdp && react ? div(tdp.latency.batchMs, react.latency.sequentialMs) : null,
          latencyCritical: tdp && react ? div(tdp.latency.criticalMs, react.latency.sequentialMs) : null,
          recovery: rt !== null && rr !== null && rr !== undefined && rr > 0 ? rt / rr : null,
        },
        promptVsPlanAndAct: tdp && pa ? div(tdp.promptTotal, pa.promptTotal) : null,
        recoveryPerError,
      });
    }
  }
  const crossings: Crossing[] = [];
  const thresholds: StepThreshold[] = [];
  const key = (c: CellSummary) => `${c.variant}|${c.width}|${c.coupling}|${c.obs}`;
  for (const metric of METRICS) {
    const rows = new Map<string, CellSummary[]>();
    for (const c of cells) rows.set(key(c), [...(rows.get(key(c)) ?? []), c]);
    for (const row of rows.values()) {
      const sorted = [...row].sort((a, b) => a.depth - b.depth);
      const byDepth = sorted.map((c) => ({ depth: c.depth, ratio: c.ratios[metric] }));
      const measured = byDepth.filter((x): x is { depth: number; ratio: number } => x.ratio !== null);
      const cross: Crossing["crossings"] = [];
      for (let i = 1; i < measured.length; i++) {
        const a = measured[i - 1].ratio >= 1;
        const b = measured[i].ratio >= 1;
        if (a !== b) cross.push({ from: measured[i - 1].depth, to: measured[i].depth, direction: a ? "down" : "up" });
      }
      const first = sorted[0];
      crossings.push({
        metric,
        variant: first.variant,
        width: first.width,
        coupling: first.coupling,
        obs: first.obs,
        byDepth,
        crossings: cross,
      });
    }
    for (const variant of tdpVariants) {
      for (const obs of [...new Set(cells.map((c) => c.obs))].sort((a, b) => a - b)) {
        const cs = cells.filter((c) => c.variant === variant && c.obs === obs && c.ratios[metric] !== null);
        const steps = [...new Set(cs.map((c) => c.referenceSteps))].sort((a, b) => a - b);
        let cheaperFrom: number | null = null;
        for (let i = steps.length - 1; i >= 0; i--) {
          if (cs.filter((c) => c.referenceSteps >= steps[i]).every((c) => (c.ratios[metric] as number) < 1))
            cheaperFrom = steps[i];
          else break;
        }
        thresholds.push({
          metric,
          variant,
          obs,
          cheaperFrom,
          cheaperCells: cs.filter((c) => (c.ratios[metric] as number) < 1).length,
          cells: cs.length,
        });
      }
    }
  }
  const comparable = taskIds.filter((t) => variants.every((v) => extraOf(t, v) !== null));
  const recovery = variants.map((variant) => {
    let extra = 0;
    let injected = 0;
    for (const t of comparable) {
      const e = extraOf(t, variant) as { extra: number; injected: number };
      extra += e.extra;
      injected += e.injected;
    }
    return { variant, extraTokens: extra, injected, perError: div(extra, injected) };
  });
  return { cells, crossings, thresholds, recovery, unclean: [...unclean] };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const fmt = (n: number | null, digits = 2) => (n === null ? "–" : n.toFixed(digits));

export function variantLabel(key: string): string {
  const m = /^(\w+)(\[.*\])?$/.exec(key);
  return m ? `${ARCH_LABELS[m[1]] ?? m[1]}${m[2] ?? ""}` : key;
}

/** One line per row: the ratios by depth and where they cross 1. */
function crossingLine(c: Crossing): string {
  const values = c.byDepth.map((x) => `d${x.depth} ${fmt(x.ratio)}`).join("  ");
  const where = c.crossings.length
    ? c.crossings
        .map((x) => `${x.direction === "down" ? "below" : "above"} 1 between d${x.from} and d${x.to}`)
        .join("; ")
    : c.byDepth.every((x) => x.ratio === null)
      ? "not measured"
      : c.byDepth.every((x) => x.ratio === null || x.ratio < 1)
        ? "below 1 at every depth"
        : c.byDepth.every((x) => x.ratio === null || x.ratio >= 1)
          ? "at or above 1 at every depth"
          : "no crossing";
  return `  ${pad(`w${c.width} c${c.coupling} obs${c.obs}`, 18)} ${values}  -> ${where}`;
}

/** The tables `npm run bench:crossover` prints. */
export function formatCrossoverSummary(s: CrossoverSummary, noise: number): string {
  const out: string[] = [];
  const variants = [...new Set(s.cells.map((c) => c.variant))];
  for (const variant of variants) {
    const label = variantLabel(variant);
    out.push(`${label} / ReAct per cell (noise 0; recovery at noise ${noise}); < 1 means ${label} is cheaper:`);
    const header =
      pad("cell", 26) +
      lpad("steps", 6) +
      lpad("prompt", 8) +
      lpad("output", 8) +
      lpad("calls", 7) +
      lpad("lat.bat", 8) +
      lpad("lat.crit", 9) +
      lpad("recov", 7) +
      lpad("vs P&A", 8);
    out.push(header, "-".repeat(header.length));
    for (const c of s.cells.filter((x) => x.variant === variant)) {
      out.push(
        pad(c.taskId + (c.clean ? "" : " !"), 26) +
          lpad(String(c.referenceSteps), 6) +
          lpad(fmt(c.ratios.prompt), 8) +
          lpad(fmt(c.ratios.output), 8) +
          lpad(fmt(c.ratios.calls), 7) +
          lpad(fmt(c.ratios.latencyBatch), 8) +
          lpad(fmt(c.ratios.latencyCritical), 9) +
          lpad(fmt(c.ratios.recovery), 7) +
          lpad(fmt(c.promptVsPlanAndAct), 8),
      );
    }
    out.push("");
    out.push(`Where ${label} / ReAct crosses 1 (rows: width, coupling, observation size; columns: depth):`);
    for (const metric of METRICS) {
      out.push(`${METRIC_LABELS[metric]}:`);
      for (const c of s.crossings.filter((x) => x.metric === metric && x.variant === variant))
        out.push(crossingLine(c));
    }
    out.push("");
    out.push(`Reference steps from which ${label} is cheaper than ReAct in every cell:`);
    for (const t of s.thresholds.filter((x) => x.variant === variant)) {
      out.push(
        `  ${pad(METRIC_LABELS[t.metric], 36)} obs${pad(String(t.obs), 5)} ${t.cheaperFrom === null ? "never in every cell" : `from ${t.cheaperFrom} steps`} (cheaper in ${t.cheaperCells}/${t.cells} cells)`,
      );
    }
    out.push("");
  }
  out.push(
    `Recovery cost (extra tokens at noise ${noise} over noise 0 / injected errors), over the cells where every run completed:`,
  );
  for (const r of s.recovery)
    out.push(
      `  ${pad(variantLabel(r.variant), 16)} ${lpad(Math.round(r.extraTokens).toLocaleString("en-US"), 12)} extra / ${lpad(String(r.injected), 5)} errors = ${lpad(r.perError === null ? "–" : Math.round(r.perError).toLocaleString("en-US"), 8)} tokens per error`,
    );
  if (s.unclean.length)
    out.push(
      "",
      `! ${s.unclean.length} cell(s) had a noise-0 run that did not complete with the right answer: ${s.unclean.join(", ")}`,
    );
  return out.join("\n");
}

/** A chart file as `tdp report` writes them. */
export interface CrossoverChart {
  file: string;
  title: string;
  svg: string;
}

/** One value at one grid position, for a heatmap. */
interface GridValue {
  width: number;
  coupling: number;
  coupled: number;
  depth: number;
  obs: number;
  value: number | null;
}

/** Rows are (width, coupling), columns depth, one panel per observation size. */
function gridHeatmap(
  values: GridValue[],
  opts: { title: string; scale: "ratio" | "difference"; better: "low" | "high"; legend: string },
): string {
  const rows = [...new Map(values.map((c) => [`${c.width}|${c.coupling}`, c])).values()].sort(
    (a, b) => a.width - b.width || a.coupling - b.coupling,
  );
  const depths = [...new Set(values.map((c) => c.depth))].sort((a, b) => a - b);
  const obs = [...new Set(values.map((c) => c.obs))].sort((a, b) => a - b);
  const at = (r: GridValue, d: number, o: number) =>
    values.find((c) => c.width === r.width && c.coupling === r.coupling && c.depth === d && c.obs === o)?.value ?? null;
  return heatmap({
    title: opts.title,
    rowLabels: rows.map((r) => `W${r.width} C${r.coupling} (${r.coupled})`),
    colLabels: depths.map((d) => `D${d}`),
    xLabel: "chain depth D",
    yLabel: "width W, coupling C (coupled chains)",
    panels: obs.map((o) => ({
      title: `observation ${o} tokens`,
      values: rows.map((r) => depths.map((d) => at(r, d, o))),
    })),
    scale: opts.scale,
    better: opts.better,
    legend: opts.legend,
  });
}

const HEATMAP_FILES: Partial<Record<Metric, string>> = {
  prompt: "tokens",
  latencyBatch: "latency",
  latencyCritical: "latency-critical",
};

/**
 * Heatmaps of the study (`npm run bench:crossover`): one chart per metric and TDP variant.
 * Green cells: TDP cheaper than ReAct.
 */
export function crossoverHeatmaps(
  s: CrossoverSummary,
  metrics: Metric[] = ["prompt", "latencyBatch", "latencyCritical"],
): CrossoverChart[] {
  const charts: CrossoverChart[] = [];
  for (const variant of [...new Set(s.cells.map((c) => c.variant))]) {
    const cs = s.cells.filter((c) => c.variant === variant);
    const label = variantLabel(variant);
    const suffix = variant === "tdp" ? "" : `-${variant.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
    // A run under one schedule is charted with that schedule's latency model only.
    const own = metrics.filter(
      (m) =>
        !(m === "latencyCritical" && variant.includes("[batch")) &&
        !(m === "latencyBatch" && variant.includes("[dependency")),
    );
    for (const metric of own) {
      charts.push({
        file: `crossover-${HEATMAP_FILES[metric] ?? metric}${suffix}.svg`,
        title: `${label} / ReAct: ${METRIC_LABELS[metric]}`,
        svg: gridHeatmap(
          cs.map((c) => ({ ...c, value: c.ratios[metric] })),
          {
            title: `${label} / ReAct: ${METRIC_LABELS[metric]} · offline simulator, structural`,
            scale: "ratio",
            better: "low",
            legend: `green: ${label} cheaper (ratio < 1); orange: ReAct cheaper; grey: not measured`,
          },
        ),
      });
    }
  }
  return charts;
}

/**
 * Heatmaps for `tdp report` from `tdp bench --env crossover` result lines (any model): TDP's
 * accuracy minus ReAct's (the `correct` score), and TDP / ReAct total tokens and wall time, per
 * grid cell. Empty when the lines hold no crossover runs of both TDP and ReAct. With the offline
 * model the accuracy chart only checks the mechanics (it is all zeros when every run succeeds).
 */
export function crossoverReportCharts(records: BenchRecord[]): CrossoverChart[] {
  const rs = records.filter((r) => r.env === "crossover");
  const byCell = new Map<string, { p: CrossoverParams; tdp: BenchRecord[]; react: BenchRecord[] }>();
  for (const r of rs) {
    if (r.arch !== "tdp" && r.arch !== "react") continue;
    let p: CrossoverParams;
    try {
      p = parseTaskId(r.task_id);
    } catch {
      continue;
    }
    const cell = byCell.get(r.task_id) ?? { p, tdp: [], react: [] };
    cell[r.arch].push(r);
    byCell.set(r.task_id, cell);
  }
  const cells = [...byCell.values()].filter((c) => c.tdp.length && c.react.length);
  if (cells.length === 0) return [];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const grid = (f: (c: (typeof cells)[number]) => number | null): GridValue[] =>
    cells.map((c) => ({
      width: c.p.width,
      coupling: c.p.coupling,
      coupled: coupledCount(c.p),
      depth: c.p.depth,
      obs: c.p.obs,
      value: f(c),
    }));
  const accuracy = (xs: BenchRecord[]) => mean(xs.map((r) => r.metrics.correct ?? 0));
  const tokens = (xs: BenchRecord[]) => mean(xs.map((r) => r.tokens_in + r.tokens_out));
  const wall = (xs: BenchRecord[]) => mean(xs.map((r) => r.wall_s));
  const models = [...new Set(rs.map((r) => r.model))].join(", ");
  return [
    {
      file: "crossover-accuracy.svg",
      title: "Crossover: TDP accuracy minus ReAct accuracy",
      svg: gridHeatmap(
        grid((c) => accuracy(c.tdp) - accuracy(c.react)),
        {
          title: `TDP − ReAct accuracy (correct answer) · ${models}`,
          scale: "difference",
          better: "high",
          legend: "green: TDP more accurate; orange: ReAct more accurate",
        },
      ),
    },
    {
      file: "crossover-bench-tokens.svg",
      title: "Crossover: TDP / ReAct tokens per task",
      svg: gridHeatmap(
        grid((c) => div(tokens(c.tdp), tokens(c.react))),
        {
          title: `TDP / ReAct tokens (prompt + output) · ${models}`,
          scale: "ratio",
          better: "low",
          legend: "green: TDP cheaper (ratio < 1); orange: ReAct cheaper",
        },
      ),
    },
    {
      file: "crossover-bench-wall.svg",
      title: "Crossover: TDP / ReAct wall time per task",
      svg: gridHeatmap(
        grid((c) => div(wall(c.tdp), wall(c.react))),
        {
          title: `TDP / ReAct wall time · ${models}`,
          scale: "ratio",
          better: "low",
          legend: "green: TDP faster (ratio < 1); orange: ReAct faster",
        },
      ),
    },
  ];
}
