/**
 * `npm run bench:scale`: how TDP's schedule and state behave as DAGs get wide, deep and large.
 * Offline simulator behind a scripted latency (src/bench/scale): each LLM call waits --llm-ms
 * and each tool call --tool-ms, so wall time shows what the schedule overlaps.
 *
 *   npm run bench:scale -- [--only shapes,react,overhead,nodes,growth,checkpoints] [--repeats 3]
 *     [--llm-ms 150] [--tool-ms 100] [--nodes 1000,10000] [--growth 250,500,1000,2000] [--out DIR]
 *
 * Parts (each prints its table and one HOLDS/FAILS line per target):
 * - shapes: wall / critical path on the uniform, skewed, chain and wide DAGs, for both
 *   schedules and both evaluation modes (median of --repeats). The critical path is the longest
 *   chain of the calls the run made (see modelLatency): what a perfect scheduler would take.
 * - react: TDP wall / wall of prebuilt ReAct with parallel tool calls, uniform DAG.
 * - overhead: graph time per LLM call with no latency: (wall - the simulator's own compute) / calls.
 * - nodes and growth: layered DAGs of N one-step sub-tasks, 2% of them failing once (so scoped
 *   Self-Revision runs), no latency, each N in a fresh process: wall, peak RSS, revision tokens,
 *   and the log-log growth exponents against N.
 * - checkpoints: bytes each superstep's checkpoint holds at 50 and 200 nodes, split into the DAG
 *   (which fills in as sub-tasks complete) and everything else (history must not accumulate).
 *
 * Numbers are structural (simulated model and latency), never accuracy. Writes scale.json
 * (default results/scale).
 */
import { spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { intOption, listOption, parseOptions } from "../src/cli/args.js";
import { UsageError } from "../src/errors.js";
import { MeasuringSaver, runScale, type ScaleRun } from "../src/bench/scale/measure.js";
import {
  chain,
  CHAIN,
  layered,
  SKEWED,
  SMALL_SHAPES,
  UNIFORM,
  WIDE,
  type ScaleShape,
} from "../src/bench/scale/shapes.js";
import { fitLine, growthExponent, median } from "../src/bench/scale/stats.js";

setMaxListeners(10_000);
const PARTS = ["shapes", "react", "overhead", "nodes", "growth", "checkpoints"] as const;
const HELP = `Usage: npm run bench:scale -- [options]

  --only LIST       parts to run: ${PARTS.join(",")} (default all)
  --repeats N       runs per latency measurement, median reported (default 3)
  --llm-ms MS       scripted latency of an LLM call (default 150)
  --tool-ms MS      scripted latency of a tool call (default 100)
  --nodes LIST      DAG sizes for the time and memory targets (default 1000,10000)
  --growth LIST     DAG sizes for the growth exponents (default 500,1000,2000,4000)
  --out DIR         where scale.json goes (default results/scale)
`;

let values: ReturnType<typeof parse>;
function parse() {
  return parseOptions(process.argv.slice(2), {
    only: { type: "string" },
    repeats: { type: "string" },
    "llm-ms": { type: "string" },
    "tool-ms": { type: "string" },
    nodes: { type: "string" },
    growth: { type: "string" },
    out: { type: "string" },
    child: { type: "string" },
    help: { type: "boolean", short: "h" },
  }).values;
}
const sizes = (v: string | undefined, name: string, dflt: number[]) => {
  if (v === undefined) return dflt;
  const xs = v.split(",").map((s) => intOption(s.trim(), name, { min: 2 }) as number);
  if (xs.length === 0) throw new UsageError(`--${name} needs at least one size`);
  return xs;
};
let only: Set<string>;
let repeats: number;
let latency: { llmMs: number; toolMs: number };
let nodeSizes: number[];
let growthSizes: number[];
try {
  values = parse();
  only = new Set(listOption(values.only, "only", PARTS) ?? PARTS);
  repeats = intOption(values.repeats, "repeats", { min: 1 }) ?? 3;
  latency = {
    llmMs: intOption(values["llm-ms"], "llm-ms", { min: 0 }) ?? 150,
    toolMs: intOption(values["tool-ms"], "tool-ms", { min: 0 }) ?? 100,
  };
  nodeSizes = sizes(values.nodes, "nodes", [1000, 10000]);
  growthSizes = sizes(values.growth, "growth", [500, 1000, 2000, 4000]);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`bench:scale: ${err.message}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const FAIL_SHARE = 0.02;
const VARIANTS = [
  { label: "dependency, on_signal (default)", cfg: { schedule: "dependency", evaluate: "on_signal" } },
  { label: "dependency, every_step", cfg: { schedule: "dependency", evaluate: "every_step" } },
  { label: "batch, on_signal", cfg: { schedule: "batch", evaluate: "on_signal" } },
  { label: "batch, every_step (the paper)", cfg: { schedule: "batch", evaluate: "every_step" } },
] as const;

const verdict = (ok: boolean) => (ok ? "HOLDS" : "FAILS");
const pad = (s: string, n: number) => s.padEnd(n);
const f = (x: number, d = 2) => x.toFixed(d);
const targets: { target: string; value: string; holds: boolean }[] = [];
function target(name: string, value: string, holds: boolean) {
  targets.push({ target: name, value, holds });
  console.log(`${verdict(holds)}  ${name}: ${value}`);
}

/** The median run of `repeats` (by wall time). */
async function measured(run: () => Promise<ScaleRun>, atLeast = 1): Promise<ScaleRun> {
  const runs: ScaleRun[] = [];
  for (let i = 0; i < Math.max(repeats, atLeast); i++) runs.push(await run());
  const mid = median(runs.map((r) => r.wallMs));
  return runs.reduce((best, r) => (Math.abs(r.wallMs - mid) < Math.abs(best.wallMs - mid) ? r : best));
}

/** One layered run at N nodes in this process, as JSON on stdout (the parent reads it). */
async function child(n: number) {
  const shape = layered(n);
  // Warm-up (module loading, the tokenizer, JIT) off the clock.
  await runScale({ arch: "tdp", shape: layered(20), latency: { llmMs: 0, toolMs: 0 }, failShare: FAIL_SHARE });
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  let peakRss = 0;
  let peakHeap = 0;
  const timer = setInterval(sample, 50);
  const r = await runScale({
    arch: "tdp",
    shape,
    latency: { llmMs: 0, toolMs: 0 },
    failShare: FAIL_SHARE,
    configurable: { maxStepsPerNode: 4 },
  });
  clearInterval(timer);
  sample();
  process.stdout.write(
    `${JSON.stringify({ n, ...r, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 })}\n`,
  );
}

type ChildResult = ScaleRun & { n: number; peakRssMb: number; peakHeapMb: number };
function inChild(n: number): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, script, "--child", String(n)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("error", reject);
    p.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as ChildResult);
      else reject(new Error(`the ${n}-node run exited with ${code}`));
    });
  });
}

async function shapesPart(report: Record<string, unknown>) {
  console.log(`\n## wall / critical path (LLM ${latency.llmMs} ms, tool ${latency.toolMs} ms, median of ${repeats})\n`);
  console.log(`${pad("variant", 34)}${SMALL_SHAPES.map((s) => pad(s.name, 24)).join("")}`);
  const rows: Record<string, Record<string, ScaleRun>> = {};
  for (const v of VARIANTS) {
    rows[v.label] = {};
    const cells: string[] = [];
    for (const shape of SMALL_SHAPES) {
      const r = await measured(() =>
        runScale({ arch: "tdp", shape, latency, configurable: v.cfg, estimateTokens: true }),
      );
      rows[v.label][shape.name] = r;
      cells.push(pad(`${f(r.wallMs / r.criticalMs, 3)} (${Math.round(r.wallMs)}/${r.criticalMs})`, 24));
    }
    console.log(`${pad(v.label, 34)}${cells.join("")}`);
  }
  console.log("");
  const def = rows[VARIANTS[0].label];
  for (const shape of SMALL_SHAPES) {
    const r = def[shape.name];
    target(
      `wall / critical path, ${shape.name} (default schedule)`,
      f(r.wallMs / r.criticalMs, 3),
      r.wallMs / r.criticalMs <= 1.15,
    );
  }
  const wide = def[WIDE.name];
  // The Supervisor's and delivery's calls cannot overlap anything; the width is in the sub-tasks.
  // The 16 sub-tasks are identical: sequential = G + 16 S and critical = G + S give S and G.
  const subTaskMs = (wide.sequentialMs - wide.criticalMs) / (WIDE.nodes.length - 1);
  const globalMs = wide.criticalMs - subTaskMs;
  const phase = (WIDE.nodes.length * subTaskMs) / (wide.wallMs - globalMs);
  target(
    `speedup of the sub-task phase on ${WIDE.name} (${WIDE.nodes.length} sub-tasks one after another / their wall) >= 0.8 x ${WIDE.width}`,
    `${f(phase)} (whole run, Supervisor and delivery included: ${f(wide.sequentialMs / wide.wallMs)} of at most ${f(wide.sequentialMs / wide.criticalMs)})`,
    phase >= 0.8 * WIDE.width,
  );
  const skewBatch = rows[VARIANTS[2].label][SKEWED.name];
  console.log(
    `(skewed DAG under the batch schedule, same evaluation mode: ${f(skewBatch.wallMs / skewBatch.criticalMs, 3)} of its own critical path, ` +
      `${f(skewBatch.wallMs / def[SKEWED.name].wallMs)}x the dependency schedule's wall)`,
  );
  report.shapes = rows;
}

async function reactPart(report: Record<string, unknown>) {
  console.log(`\n## TDP vs prebuilt ReAct with parallel tool calls, ${UNIFORM.name}\n`);
  const react = await measured(() => runScale({ arch: "react", shape: UNIFORM, latency, estimateTokens: true }));
  const rows: Record<string, { wallMs: number; calls: number; ratio: number }> = {
    react: { wallMs: react.wallMs, calls: react.llmCalls, ratio: 1 },
  };
  console.log(`${pad("ReAct (parallel tool calls)", 40)}${Math.round(react.wallMs)} ms, ${react.llmCalls} LLM calls`);
  for (const v of VARIANTS) {
    const r = await measured(() =>
      runScale({ arch: "tdp", shape: UNIFORM, latency, configurable: v.cfg, estimateTokens: true }),
    );
    rows[v.label] = { wallMs: r.wallMs, calls: r.llmCalls, ratio: r.wallMs / react.wallMs };
    console.log(
      `${pad(`TDP ${v.label}`, 40)}${Math.round(r.wallMs)} ms, ${r.llmCalls} LLM calls, ${f(r.wallMs / react.wallMs)}x`,
    );
  }
  console.log("");
  for (const v of [VARIANTS[0], VARIANTS[1]])
    target(`TDP (${v.label}) / ReAct wall, ${UNIFORM.name} <= 1.2`, f(rows[v.label].ratio), rows[v.label].ratio <= 1.2);
  report.react = rows;
}

async function overheadPart(report: Record<string, unknown>) {
  console.log(`\n## graph overhead per LLM call, no latency (ms; median of at least 5)\n`);
  // Short runs are dominated by per-run costs and the JIT's warm-up: each shape runs once
  // unmeasured, then at least five times; the long chain and the layered DAG amortise both.
  const shapes: ScaleShape[] = [UNIFORM, SKEWED, CHAIN, WIDE, chain(30), layered(100)];
  const modes = [
    { key: "tdp", arch: "tdp", cfg: {} },
    { key: "tdp every_step", arch: "tdp", cfg: { evaluate: "every_step" } },
    { key: "react", arch: "react", cfg: {} },
  ] as const;
  const rows: Record<string, Record<string, { perCall: number; calls: number }>> = {};
  const perCall = (r: ScaleRun) => Math.max(0, r.wallMs - r.responderMs) / r.llmCalls;
  const zero = { llmMs: 0, toolMs: 0 };
  console.log(`${pad("", 14)}${pad("TDP (default)", 24)}${pad("TDP every_step", 24)}ReAct`);
  for (const shape of shapes) {
    rows[shape.name] = {};
    const cells: string[] = [];
    for (const m of modes) {
      const once = () => runScale({ arch: m.arch, shape, latency: zero, configurable: m.cfg });
      await once();
      const r = await measured(once, 5);
      rows[shape.name][m.key] = { perCall: perCall(r), calls: r.llmCalls };
      cells.push(pad(`${f(perCall(r))} over ${r.llmCalls} calls`, 24));
    }
    console.log(`${pad(shape.name, 14)}${cells.join("")}`);
  }
  console.log("");
  for (const key of ["tdp", "tdp every_step"] as const) {
    const label = key === "tdp" ? "TDP (default on_signal)" : "TDP (every_step)";
    const worst = Math.max(...Object.values(rows).map((r) => r[key].perCall));
    target(`${label} graph overhead per LLM call <= 2 ms (worst shape)`, `${f(worst)} ms`, worst <= 2);
    const above = Object.entries(rows).filter(([, r]) => r[key].perCall > r.react.perCall);
    target(
      `${label} overhead per call <= ReAct's, same shapes`,
      above.length ? `above on ${above.map(([k]) => k).join(", ")}` : "on every shape",
      above.length === 0,
    );
  }
  report.overhead = rows;
}

async function nodesPart(report: Record<string, unknown>) {
  console.log(`\n## large DAGs (layered, one step each, ${FAIL_SHARE * 100}% failing once, no latency)\n`);
  const rows: ChildResult[] = [];
  for (const n of nodeSizes) {
    const r = await inChild(n);
    rows.push(r);
    console.log(
      `${pad(`${n} nodes`, 14)}${r.status}, ${f(r.wallMs / 1000, 1)} s, peak RSS ${Math.round(r.peakRssMb)} MB, ` +
        `${r.llmCalls} LLM calls, ${r.revisionCalls} revisions (${r.revisionTokens} prompt tokens)`,
    );
  }
  console.log("");
  for (const r of rows) {
    const limit = r.n <= 1000 ? { s: 30, mb: 400 } : r.n <= 10000 ? { s: 120, mb: 1024 } : null;
    if (!limit) continue;
    target(
      `${r.n} nodes < ${limit.s} s and < ${limit.mb} MB`,
      `${f(r.wallMs / 1000, 1)} s, ${Math.round(r.peakRssMb)} MB, ${r.status}`,
      r.wallMs < limit.s * 1000 && r.peakRssMb < limit.mb && r.status === "completed",
    );
  }
  report.nodes = rows;
}

async function growthPart(report: Record<string, unknown>) {
  console.log(`\n## growth against N (${growthSizes.join(", ")} nodes)\n`);
  const rows: ChildResult[] = [];
  for (const n of growthSizes) {
    const r = await inChild(n);
    rows.push(r);
    console.log(
      `${pad(`${n} nodes`, 14)}${f(r.wallMs / 1000, 2)} s, ${r.revisionCalls} revisions, ${r.revisionTokens} revision prompt tokens`,
    );
  }
  const ns = rows.map((r) => r.n);
  const wall = growthExponent(
    ns,
    rows.map((r) => r.wallMs),
  );
  const rev = growthExponent(
    ns,
    rows.map((r) => r.revisionTokens),
  );
  const pairs = rows
    .slice(1)
    .map((r, i) => `${rows[i].n}->${r.n} ${f(growthExponent([rows[i].n, r.n], [rows[i].wallMs, r.wallMs]) ?? NaN)}`);
  console.log(`wall-time exponent between consecutive sizes: ${pairs.join(", ")}`);
  console.log("");
  target(
    "growth exponent of wall time against N <= 1.1",
    wall === null ? "n/a" : f(wall),
    wall !== null && wall <= 1.1,
  );
  target(
    "growth exponent of Self-Revision tokens per run against N <= 1.1",
    rev === null ? "n/a (no revisions)" : f(rev),
    rev !== null && rev <= 1.1,
  );
  report.growth = { rows, wallExponent: wall, revisionTokenExponent: rev };
}

async function checkpointsPart(report: Record<string, unknown>) {
  console.log("\n## checkpoint bytes per superstep (layered DAG, two steps per sub-task, MemorySaver)\n");
  const out: Record<string, unknown> = {};
  for (const n of [50, 200]) {
    const saver = new MeasuringSaver();
    const r = await runScale({
      arch: "tdp",
      shape: layered(n, 2),
      latency: { llmMs: 0, toolMs: 0 },
      failShare: FAIL_SHARE,
      checkpointer: saver,
    });
    const cps = saver.checkpoints;
    const idx = cps.map((_, i) => i);
    const other = cps.map((c) => c.otherBytes);
    const dag = cps.map((c) => c.dagBytes);
    const meanOther = other.reduce((a, b) => a + b, 0) / other.length;
    const growth = (fitLine(idx, other).slope * cps.length) / meanOther;
    const q = Math.max(1, Math.floor(cps.length / 4));
    const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    console.log(
      `${pad(`${n} nodes`, 12)}${r.status}, ${cps.length} checkpoints; outside the DAG: first quarter ${avg(other.slice(0, q))} B, ` +
        `last quarter ${avg(other.slice(-q))} B (fitted change over the run ${f(growth * 100, 1)}%: it follows the branches in flight); ` +
        `DAG: ${avg(dag.slice(0, q))} B -> ${avg(dag.slice(-q))} B (fills in as sub-tasks complete)`,
    );
    target(
      `checkpoint bytes outside the DAG do not grow over the supersteps at ${n} nodes (fitted change < +10%)`,
      `${f(growth * 100, 1)}%`,
      growth < 0.1,
    );
    out[String(n)] = { checkpoints: cps.length, other, dag, writeBytes: saver.writeBytes, growth };
  }
  report.checkpoints = out;
}

if (values.child) {
  await child(intOption(values.child, "child", { min: 1 }) as number);
} else {
  const report: Record<string, unknown> = { latency, repeats };
  // Warm-up: module loading and JIT, so the first measured run is not the slowest.
  for (const arch of ["tdp", "react"] as const)
    await runScale({ arch, shape: UNIFORM, latency: { llmMs: 0, toolMs: 0 }, estimateTokens: true });
  const parts: Record<(typeof PARTS)[number], (r: Record<string, unknown>) => Promise<void>> = {
    shapes: shapesPart,
    react: reactPart,
    overhead: overheadPart,
    nodes: nodesPart,
    growth: growthPart,
    checkpoints: checkpointsPart,
  };
  for (const p of PARTS) if (only.has(p)) await parts[p](report);
  report.targets = targets;
  const dir = values.out ?? join("results", "scale");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "scale.json"), `${JSON.stringify(report, null, 1)}\n`);
  const held = targets.filter((t) => t.holds).length;
  console.log(`\n${held} of ${targets.length} targets hold; results in ${join(dir, "scale.json")}`);
}
