/**
 * The measurements behind docs/platform.md "Scaling out": what one run costs, so a deployment
 * can be sized on paper. Offline simulator, bundled travel tasks.
 *
 *   node --expose-gc --import tsx scripts/measureScale.ts [--pg postgres://USER@HOST:PORT/DB] [--server URL]
 *     [--tasks N] [--latency MS] [--archs tdp,react] [--concurrency 1,10,50] [--only calls,depth,memory,checkpoints,server]
 *
 * - calls: LLM calls, tokens and environment steps per run (every architecture, noise 0 and 0.1,
 *   N tasks of each level);
 * - depth: one run alone on the waiting model described next: wall time / latency = the number of
 *   model calls it waits for one after another (parallel branches overlap), so a run lasts about
 *   depth x latency;
 * - memory: retained JS heap and RSS per in-flight run. N runs start at once in this process on
 *   an offline model that waits `--latency` ms before every reply (as a real model does), so all
 *   N are in flight together; every 500 ms a full GC runs and the heap is read. Per run =
 *   (highest post-GC heap while all N are in flight - heap before) / N;
 * - checkpoint bytes (with --pg): each run is a `tdp run --checkpoint postgres://...` process on
 *   its own thread (PostgresSaver); the rows of that thread are summed (checkpoints JSONB +
 *   metadata, blobs, writes), and the growth of the four tables on disk (pg_total_relation_size,
 *   indexes and TOAST included) is divided by the number of runs;
 * - server (with --server URL): the same 12 runs (tdp and react on 6 tasks, concurrency 4)
 *   in process and through serverTaskRunner, wall time of each and the ratio.
 *
 * Numbers are structural (simulated model), never accuracy.
 */
import { execFile } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { ARCH_NAMES, type ArchName } from "../src/graph/archs.js";
import { runBench, type BenchPair } from "../src/bench/harness.js";
import type { BenchRecord } from "../src/bench/record.js";
import { runTask, type TaskRunSpec } from "../src/bench/runTask.js";
import { serverTaskRunner } from "../src/bench/serverRunner.js";
import { intOption, listOption, parseOptions } from "../src/cli/args.js";
import { OfflineSimulator } from "../src/models/offline.js";
import { ResponderChatModel } from "../src/models/responder.js";
import { getEnvironment } from "../src/tools/registry.js";

setMaxListeners(1000);
const { values } = parseOptions(process.argv.slice(2), {
  pg: { type: "string" },
  server: { type: "string" },
  tasks: { type: "string" },
  latency: { type: "string" },
  archs: { type: "string" },
  concurrency: { type: "string" },
  only: { type: "string" },
});
const PARTS = ["calls", "depth", "memory", "checkpoints", "server"] as const;
const only = new Set(listOption(values.only, "only", PARTS) ?? PARTS);
const perLevel = intOption(values.tasks, "tasks") ?? 3;
const latency = intOption(values.latency, "latency", { min: 0 }) ?? 300;
const memArchs = (listOption(values.archs, "archs", ARCH_NAMES) ?? ["tdp", "react"]) as ArchName[];
const widths = (values.concurrency ?? "1,10,50").split(",").map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const env = await getEnvironment("travel");
const byLevel = ["easy", "medium", "hard"].map((level) =>
  env
    .tasks()
    .filter((t) => t.level === level)
    .slice(0, perLevel),
);
const tasks = byLevel.flat();
const mb = (b: number) => Math.round(b / 1e5) / 10;
const kb = (b: number) => Math.round(b / 1024);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const spec = (arch: ArchName, taskId: string, level: string, extra: Record<string, unknown> = {}): TaskRunSpec => ({
  env: "travel",
  taskId,
  level,
  arch,
  model: "offline",
  configurable: { model: "offline", ...extra },
});

// 1. LLM calls, tokens, steps per run.
if (only.has("calls")) console.log(`## calls per run (travel, ${tasks.length} tasks: ${perLevel} per level)`);
if (only.has("calls"))
  console.log("arch | noise | level | llm calls | tokens in | tokens out | env steps | final pass");
if (only.has("calls"))
  for (const arch of ARCH_NAMES)
    for (const noise of [0, 0.1])
      for (const level of byLevel) {
        const recs = [];
        for (const t of level) recs.push(await runTask(spec(arch, t.id, t.level, { noise })));
        console.log(
          [
            arch,
            noise,
            level[0].level,
            mean(recs.map((r) => r.llm_calls)).toFixed(1),
            Math.round(mean(recs.map((r) => r.tokens_in))),
            Math.round(mean(recs.map((r) => r.tokens_out))),
            mean(recs.map((r) => r.steps)).toFixed(1),
            mean(recs.map((r) => r.metrics.final_pass ?? 0)).toFixed(2),
          ].join(" | "),
        );
      }

// 2. Memory per in-flight run.
function slowOffline(taskId: string): ResponderChatModel {
  const sim = new OfflineSimulator(env.reference(taskId), { noise: 0, seed: 7 });
  return new ResponderChatModel(
    async (req) => {
      await new Promise((r) => setTimeout(r, latency));
      return sim.respond(req);
    },
    "offline",
    false,
  );
}

async function memoryFor(arch: ArchName, n: number) {
  gc!();
  const before = process.memoryUsage();
  let inFlight = 0;
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    if (inFlight < n) return; // only while all n are running
    gc!();
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 500);
  const started = performance.now();
  const recs = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t = tasks[i % tasks.length];
      inFlight++;
      try {
        return await runTask({ ...spec(arch, t.id, t.level), options: { llm: slowOffline(t.id) } });
      } finally {
        inFlight--;
      }
    }),
  );
  clearInterval(sampler);
  const wall = (performance.now() - started) / 1000;
  return {
    heapPerRun: (peakHeap - before.heapUsed) / n,
    rssPerRun: (peakRss - before.rss) / n,
    baseHeap: before.heapUsed,
    baseRss: before.rss,
    wall,
    calls: mean(recs.map((r) => r.llm_calls)),
  };
}

if (only.has("depth")) {
  console.log(`\n## sequential model calls per run (one run alone, model latency ${latency} ms per call)`);
  console.log("arch | level | llm calls | wall s | depth (wall / latency)");
  for (const arch of memArchs)
    for (const level of byLevel) {
      const t = level[0];
      const t0 = performance.now();
      const r = await runTask({ ...spec(arch, t.id, t.level), options: { llm: slowOffline(t.id) } });
      const wall = (performance.now() - t0) / 1000;
      console.log([arch, t.level, r.llm_calls, wall.toFixed(1), ((wall * 1000) / latency).toFixed(1)].join(" | "));
    }
}

if (only.has("memory"))
  console.log(`\n## memory per in-flight run (model latency ${latency} ms per call, post-GC samples every 500 ms)`);
if (only.has("memory"))
  console.log(
    "arch | concurrent runs | heap per run KB | RSS per run KB | process heap before MB | process RSS before MB | wall s",
  );
for (const arch of only.has("memory") ? memArchs : []) {
  await runTask(spec(arch, tasks[0].id, tasks[0].level)); // warm up: modules, world, tokenizer
  for (const n of widths) {
    const m = await memoryFor(arch, n);
    console.log(
      [arch, n, kb(m.heapPerRun), kb(m.rssPerRun), mb(m.baseHeap), mb(m.baseRss), m.wall.toFixed(1)].join(" | "),
    );
  }
}

// 3. Checkpoint bytes per run on PostgreSQL.
if (values.pg && only.has("checkpoints")) {
  const db = new pg.Client({ connectionString: values.pg });
  await db.connect();
  const tableBytes = async () =>
    Number(
      (
        await db.query<{ b: string }>(
          `SELECT coalesce(sum(pg_total_relation_size(to_regclass(t))), 0)::text AS b FROM unnest(ARRAY['checkpoints','checkpoint_blobs','checkpoint_writes','checkpoint_migrations']) t`,
        )
      ).rows[0].b,
    );
  console.log(`\n## checkpoint bytes per run (PostgresSaver, noise 0)`);
  console.log(
    "arch | level | checkpoints | checkpoint+metadata KB | blobs KB | writes KB | rows total KB | on disk KB",
  );
  for (const arch of ARCH_NAMES)
    for (const level of byLevel) {
      const rows: number[][] = [];
      const disk0 = await tableBytes();
      for (const t of level) {
        // Through the CLI exactly as a user runs it (tdp run --checkpoint postgres://...).
        const thread = `measure-${arch}-${t.id}-${Date.now()}`;
        await promisify(execFile)(
          process.execPath,
          ["--import", "tsx", "src/cli.ts", "run", "--env", "travel", "--task", t.id, "--arch", arch].concat([
            "--checkpoint",
            values.pg,
            "--thread",
            thread,
            "--quiet",
          ]),
          { env: { ...process.env, OPENAI_API_KEY: "", LANGSMITH_TRACING: "false" } },
        );
        const q = async (sql: string) => Number((await db.query<{ v: string }>(sql, [thread])).rows[0].v ?? 0);
        rows.push([
          await q(`SELECT count(*)::text AS v FROM checkpoints WHERE thread_id = $1`),
          await q(
            `SELECT sum(pg_column_size(checkpoint) + pg_column_size(metadata))::text AS v FROM checkpoints WHERE thread_id = $1`,
          ),
          await q(`SELECT coalesce(sum(octet_length(blob)), 0)::text AS v FROM checkpoint_blobs WHERE thread_id = $1`),
          await q(`SELECT coalesce(sum(octet_length(blob)), 0)::text AS v FROM checkpoint_writes WHERE thread_id = $1`),
        ]);
      }
      const disk = ((await tableBytes()) - disk0) / level.length;
      const col = (i: number) => mean(rows.map((r) => r[i]));
      console.log(
        [
          arch,
          level[0].level,
          col(0).toFixed(0),
          (col(1) / 1024).toFixed(1),
          (col(2) / 1024).toFixed(1),
          (col(3) / 1024).toFixed(1),
          ((col(1) + col(2) + col(3)) / 1024).toFixed(1),
          (disk / 1024).toFixed(0),
        ].join(" | "),
      );
    }
  await db.end();
}

// 4. In process vs on a LangGraph server: the same 12 runs at the same concurrency.
if (values.server && only.has("server")) {
  const pairs: BenchPair[] = (["tdp", "react"] as ArchName[]).flatMap((arch) =>
    tasks.slice(0, 6).map((t) => ({ env: "travel", taskId: t.id, level: t.level, arch })),
  );
  const plan = { pairs, model: "offline", configurable: { model: "offline" } };
  const time = async (runner?: (s: TaskRunSpec) => Promise<BenchRecord>) => {
    const out = mkdtempSync(join(tmpdir(), "tdp-measure-"));
    const t0 = performance.now();
    await runBench(plan, { outDir: out, concurrency: 4, runner });
    rmSync(out, { recursive: true, force: true });
    return (performance.now() - t0) / 1000;
  };
  await time(); // warm up both sides
  await time(serverTaskRunner(values.server));
  const local = await time();
  const served = await time(serverTaskRunner(values.server));
  const wait = await time(serverTaskRunner(values.server, { callLog: false }));
  console.log(`\n## 12 runs (tdp + react on 6 travel tasks), concurrency 4`);
  console.log(`in process: ${local.toFixed(2)} s`);
  console.log(`--server (event stream, per-call log): ${served.toFixed(2)} s, ratio ${(served / local).toFixed(2)}`);
  console.log(`--server (runs.wait, no call log): ${wait.toFixed(2)} s, ratio ${(wait / local).toFixed(2)}`);
}
