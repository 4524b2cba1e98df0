/**
 * `npm run bench:crossover`: the crossover study (docs/crossover.md). Offline simulator,
 * crossover tasks over a grid of width W, depth D, coupling C and observation size, TDP,
 * ReAct and Plan-and-Act at noise 0 and at noise > 0. Prints every TDP / ReAct ratio per cell
 * and where each ratio crosses 1, writes the grid as JSON and SVG heatmaps (default
 * results/crossover).
 *
 *   npm run bench:crossover -- [--quick] [--widths 1,2,4,8] [--depths 1,2,4,8,16] [--couplings 0,0.5,1]
 *     [--obs 60,500] [--task-seed 1] [--noise 0.1] [--seed 7] [--archs tdp,react,plan_and_act]
 *     [--schedules dependency,batch] [--evaluate every_step,on_signal] [--jobs 2] [--out DIR]
 *
 * TDP runs once per schedule and evaluation mode (`configurable.schedule`, `.evaluate`): by
 * default under both schedules with the graph's default evaluation (on_signal). With two cores the cells are split between two processes
 * (`--jobs 1` runs everything here); each process generates the same tasks from the same ids.
 *
 * The numbers are structural (real prompt text, counted with cl100k_base; latency from the
 * scripted model in src/bench/crossover.ts), never accuracy.
 */
import { spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ArchName } from "../src/graph/archs.js";
import {
  crossoverHeatmaps,
  formatCrossoverSummary,
  LATENCY_MODEL,
  runCrossoverBenchmark,
  summarizeCrossover,
  variantLabel,
  type CrossoverCell,
  type CrossoverRun,
  type LatencyModel,
  type Variant,
} from "../src/bench/crossover.js";
import { floatOption, intOption, listOption, parseOptions } from "../src/cli/args.js";
import {
  coupledCount,
  CROSSOVER_TOOL_NAMES,
  crossoverEnv,
  DEFAULT_GRID,
  formatTaskId,
  LIMITS,
  type CrossoverParams,
} from "../src/tools/crossover/index.js";
import { UsageError } from "../src/errors.js";
import { EVALUATE_MODES, SCHEDULES, type Configuration } from "../src/configuration.js";

type Schedule = Configuration["schedule"];
type Evaluate = Configuration["evaluate"];

const QUICK = { widths: [1, 4], depths: [2, 8], couplings: [0, 1], obs: [60, 500] };

const OPTIONS = {
  quick: { type: "boolean" },
  widths: { type: "string" },
  depths: { type: "string" },
  couplings: { type: "string" },
  obs: { type: "string" },
  "task-seed": { type: "string" },
  noise: { type: "string" },
  seed: { type: "string" },
  archs: { type: "string" },
  schedules: { type: "string" },
  evaluate: { type: "string" },
  latency: { type: "string" },
  jobs: { type: "string" },
  out: { type: "string" },
  shard: { type: "string" },
  "shard-out": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const HELP = `Usage: npm run bench:crossover -- [options]

  --quick             small grid (W 1,4; D 2,8; C 0,1; obs 60,500)
  --widths LIST       chain counts W (default ${DEFAULT_GRID.widths.join(",")})
  --depths LIST       chain depths D (default ${DEFAULT_GRID.depths.join(",")})
  --couplings LIST    couplings C in 0..1 (default ${DEFAULT_GRID.couplings.join(",")})
  --obs LIST          observation sizes in tokens (default ${DEFAULT_GRID.obs.join(",")})
  --task-seed N       seed in the task ids (default ${DEFAULT_GRID.seed})
  --noise P           error probability of the noisy pass, 0 < P <= 1 (default 0.1; 0 skips it)
  --seed N            offline simulator seed (default 7)
  --archs LIST        tdp,react,plan_and_act (default all three; react is needed for the ratios)
  --schedules LIST    TDP schedules to run: dependency,batch (default both)
  --evaluate LIST     TDP evaluation modes: on_signal,every_step (default on_signal, the graph's default)
  --latency L,T[,O[,P]]  latency model: ms per LLM call, per tool call, per output token, per prompt token
                      (default ${LATENCY_MODEL.llmMs},${LATENCY_MODEL.toolMs},${LATENCY_MODEL.outputTokenMs},${LATENCY_MODEL.promptTokenMs})
  --jobs N            processes, 1 or 2 (default: min(2, cores))
  --out DIR           results directory (default results/crossover)`;

function numbers(value: string | undefined, name: string, fallback: readonly number[], parse: (s: string) => number) {
  if (value === undefined) return [...fallback];
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${name} is empty`);
  return [...new Set(items.map(parse))].sort((a, b) => a - b);
}

interface Plan {
  cells: CrossoverCell[];
  latency: LatencyModel;
  variants: Variant[];
  noise: number;
  seed: number;
  jobs: number;
  outDir: string;
  /** Set in a child process: which half of the cells to run, and where to write its runs. */
  shard: { index: number; out: string } | null;
  grid: { widths: number[]; depths: number[]; couplings: number[]; obs: number[]; taskSeed: number };
}

/** Every flag checked before any run starts: a mistake is one line and exit 2. */
function parsePlan(argv: string[]): Plan | "help" {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) return "help";
  const quick = !!values.quick;
  const int = (name: string, l: { min: number; max: number }) => (s: string) =>
    intOption(s, name, { min: l.min, max: l.max }) as number;
  const widths = numbers(
    values.widths,
    "widths",
    quick ? QUICK.widths : DEFAULT_GRID.widths,
    int("widths", LIMITS.width),
  );
  const depths = numbers(
    values.depths,
    "depths",
    quick ? QUICK.depths : DEFAULT_GRID.depths,
    int("depths", LIMITS.depth),
  );
  const couplings = numbers(
    values.couplings,
    "couplings",
    quick ? QUICK.couplings : DEFAULT_GRID.couplings,
    (s) => floatOption(s, "couplings", 0, 1) as number,
  );
  const obs = numbers(values.obs, "obs", quick ? QUICK.obs : DEFAULT_GRID.obs, int("obs", LIMITS.obs));
  const taskSeed = intOption(values["task-seed"], "task-seed", { min: 0, max: LIMITS.seed.max }) ?? DEFAULT_GRID.seed;
  const noise = floatOption(values.noise, "noise", 0, 1) ?? 0.1;
  const seed = intOption(values.seed, "seed", { min: 0 }) ?? 7;
  const archs = (listOption(values.archs, "archs", ["tdp", "react", "plan_and_act"]) ?? [
    "tdp",
    "react",
    "plan_and_act",
  ]) as ArchName[];
  if (!archs.includes("react")) throw new UsageError("--archs must include react: every ratio is TDP / ReAct");
  if (!archs.includes("tdp")) throw new UsageError("--archs must include tdp: every ratio is TDP / ReAct");
  const schedules = (listOption(values.schedules, "schedules", SCHEDULES) ?? ["dependency", "batch"]) as Schedule[];
  const evaluations = (listOption(values.evaluate, "evaluate", EVALUATE_MODES) ?? ["on_signal"]) as Evaluate[];
  const jobs = intOption(values.jobs, "jobs", { max: 2 }) ?? Math.min(2, cpus().length);
  const latency = latencyOption(values.latency);
  const variants: Variant[] = [];
  for (const arch of archs) {
    if (arch === "tdp")
      for (const schedule of schedules)
        for (const evaluate of evaluations)
          variants.push({
            key: evaluate === "on_signal" ? `tdp[${schedule}]` : `tdp[${schedule}+${evaluate}]`,
            arch,
            configurable: { schedule, evaluate },
          });
    else variants.push({ key: arch, arch, configurable: {} });
  }
  const cells: CrossoverCell[] = [];
  for (const width of widths)
    for (const depth of depths)
      for (const coupling of couplings)
        for (const o of obs) {
          const p: CrossoverParams = { width, depth, coupling, obs: o, seed: taskSeed };
          const taskId = formatTaskId(p);
          const ref = crossoverEnv.reference(taskId);
          cells.push({
            taskId,
            width,
            depth,
            coupling,
            coupled: coupledCount(p),
            obs: o,
            referenceSteps: ref.subtasks.reduce((a, s) => a + s.actions.length, 0),
            dag: ref.subtasks.map((s) => ({ id: s.id, deps: s.deps })),
          });
        }
  return {
    cells,
    latency,
    variants,
    noise,
    seed,
    jobs,
    outDir: values.out ?? "results/crossover",
    shard:
      values.shard !== undefined && values["shard-out"] !== undefined
        ? { index: values.shard === "1" ? 1 : 0, out: values["shard-out"] }
        : null,
    grid: { widths, depths, couplings, obs, taskSeed },
  };
}

async function runHere(plan: Plan, cells: CrossoverCell[]): Promise<CrossoverRun[]> {
  return runCrossoverBenchmark({
    env: crossoverEnv,
    cells,
    variants: plan.variants,
    noises: plan.noise > 0 ? [0, plan.noise] : [0],
    seed: plan.seed,
    envTools: [...CROSSOVER_TOOL_NAMES],
    latencyModel: plan.latency,
    // Budgets and caps large enough that every architecture finishes at noise 0, the same for all.
    configurableFor: (c) => ({
      maxSteps: 3 * c.referenceSteps + 20,
      maxStepsPerNode: 12,
      maxNodes: c.dag.length + 20,
      maxRounds: 2 * c.dag.length + 10,
    }),
    onRun: (r) =>
      process.stderr.write(
        `  ${r.taskId} noise ${r.noise} ${variantLabel(r.variant)}: ${r.status}${r.error ? ` (${r.error})` : ""}${r.correct === 1 ? "" : " WRONG"}, ${r.steps} steps, ${r.calls} calls, prompt ${r.promptTotal}, injected ${r.injected.total}, ${r.wallS.toFixed(1)}s\n`,
      ),
  });
}

/** Runs shard `index` of 2 in a child process (same script), returning its runs. */
function runChild(argv: string[], index: number, dir: string): Promise<CrossoverRun[]> {
  const file = join(dir, `runs-${index}.json`);
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, script, ...argv, "--shard", String(index), "--shard-out", file],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(readFileSync(file, "utf8")) as CrossoverRun[])
        : reject(new Error(`shard ${index} exited with ${code}`)),
    );
  });
}

/**
 * The cells of shard `index` of 2: largest first, each to the shard with less work so far.
 * Work is estimated as steps^2 x (obs + 150) (Plan-and-Act re-reads its whole history every
 * step, which dominates the run time).
 */
function shardOf(cells: CrossoverCell[], index: number): CrossoverCell[] {
  const work = (c: CrossoverCell) => c.referenceSteps ** 2 * (c.obs + 150);
  const order = [...cells].sort((a, b) => work(b) - work(a) || a.taskId.localeCompare(b.taskId));
  const load = [0, 0];
  const mine: CrossoverCell[] = [];
  for (const c of order) {
    const to = load[0] <= load[1] ? 0 : 1;
    load[to] += work(c);
    if (to === index) mine.push(c);
  }
  return mine;
}

function latencyOption(value: string | undefined): LatencyModel {
  if (value === undefined) return { ...LATENCY_MODEL };
  const parts = value.split(",").map((s) => s.trim());
  const nums = parts.map(Number);
  if (
    parts.length < 2 ||
    parts.length > 4 ||
    parts.some((p) => p === "") ||
    nums.some((n) => !Number.isFinite(n) || n < 0)
  )
    throw new UsageError(
      `--latency takes 2 to 4 non-negative numbers (LLM ms, tool ms, ms per output token, ms per prompt token), got "${value}"`,
    );
  return { llmMs: nums[0], toolMs: nums[1], outputTokenMs: nums[2] ?? 0, promptTokenMs: nums[3] ?? 0 };
}

function describeLatency(m: LatencyModel): string {
  const parts = [`${m.llmMs} ms per LLM call`, `${m.toolMs} ms per tool call`];
  if (m.outputTokenMs) parts.push(`${m.outputTokenMs} ms per output token`);
  if (m.promptTokenMs) parts.push(`${m.promptTokenMs} ms per prompt token`);
  return parts.join(", ");
}

async function main(): Promise<number> {
  // A TDP batch of many parallel branches adds one abort listener per branch: expected, not a leak.
  setMaxListeners(0);
  const argv = process.argv.slice(2);
  const plan = parsePlan(argv);
  if (plan === "help") {
    console.log(HELP);
    return 0;
  }
  if (plan.shard) {
    writeFileSync(plan.shard.out, JSON.stringify(await runHere(plan, shardOf(plan.cells, plan.shard.index))));
    return 0;
  }
  const started = Date.now();
  process.stderr.write(
    `bench:crossover: ${plan.cells.length} cells x ${plan.variants.length} architectures x ${plan.noise > 0 ? 2 : 1} noise levels; ${plan.jobs === 2 ? "two processes" : "one process"}\n`,
  );
  let runs: CrossoverRun[];
  if (plan.jobs >= 2 && plan.cells.length > 1) {
    const dir = mkdtempSync(join(tmpdir(), "bench-crossover-"));
    try {
      const childArgs = argv.filter(
        (a, i) => !["--jobs", "--out"].includes(a) && !["--jobs", "--out"].includes(argv[i - 1]),
      );
      const parts = await Promise.all([runChild(childArgs, 0, dir), runChild(childArgs, 1, dir)]);
      const order = new Map(plan.cells.map((c, i) => [c.taskId, i]));
      runs = parts.flat().sort((a, b) => (order.get(a.taskId) as number) - (order.get(b.taskId) as number));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    runs = await runHere(plan, plan.cells);
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = summarizeCrossover(runs, { noise: plan.noise });
  console.log(
    `Crossover study: offline simulator, ${plan.cells.length} cells (W ${plan.grid.widths.join(",")}; D ${plan.grid.depths.join(",")}; C ${plan.grid.couplings.join(",")}; obs ${plan.grid.obs.join(",")})`,
  );
  console.log(
    `(structural costs, never accuracy; latency model: ${describeLatency(plan.latency)}, along the run's critical path)\n`,
  );
  console.log(formatCrossoverSummary(summary, plan.noise));
  mkdirSync(plan.outDir, { recursive: true });
  const file = join(plan.outDir, "crossover.json");
  writeFileSync(
    file,
    JSON.stringify(
      {
        note: "Offline simulator: every architecture takes the reference actions; differences in tokens, calls and latency come from the architecture. Not accuracy.",
        generatedAt: new Date().toISOString(),
        seconds: Math.round(seconds),
        grid: plan.grid,
        noise: plan.noise,
        seed: plan.seed,
        variants: plan.variants,
        latencyModel: {
          ...plan.latency,
          description:
            "Each LLM call costs llmMs (+ outputTokenMs per output token + promptTokenMs per prompt token) and each environment tool call toolMs. Baselines: all calls sequential. TDP: calls outside sub-tasks sequential; each sub-task's calls sequential; batch = sum over dependency levels of the slowest sub-task; critical = longest dependency path.",
        },
        summary,
        runs,
      },
      null,
      2,
    ),
  );
  const charts = crossoverHeatmaps(summary);
  for (const c of charts) writeFileSync(join(plan.outDir, c.file), c.svg);
  console.log(`\nwrote ${file} and ${charts.map((c) => c.file).join(", ")} (${seconds.toFixed(0)} s)`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`bench:crossover: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench:crossover: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
