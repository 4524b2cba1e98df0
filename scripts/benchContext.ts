/**
 * `npm run bench:context`: the structural benchmark. Offline simulator, travel tasks stretched
 * to about 10, 20, 40, 80 and 160 environment steps, every architecture at noise 0 and at
 * noise 0.1. Prints the tables and writes them as JSON (default results/context/context.json).
 *
 *   npm run bench:context -- [--horizons 10,20,40,80,160] [--noise 0.1] [--seed 7] [--archs tdp,react,cot,plan_and_act] [--jobs 2] [--out DIR]
 *
 * With two or more cores the noise-0 and the noisy pass run in two processes (`--jobs 1` to
 * run both here); each process builds the same world and tasks from the same seeds.
 *
 * The numbers are structural (real prompt text, counted with cl100k_base), never accuracy.
 */
import { UsageError } from "../src/errors.js";
import { spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ARCH_LABELS, ARCH_NAMES, type ArchName } from "../src/graph/archs.js";
import {
  formatContextSummary,
  runContextBenchmark,
  summarizeContext,
  type ContextRun,
  type Horizon,
} from "../src/bench/context.js";
import { floatOption, intOption, listOption, parseOptions } from "../src/cli/args.js";
import { createTravelEnvironment, DEFAULT_SEED, generateWorld, makeTravelTask } from "../src/tools/travel/index.js";
import type { TravelTask, World } from "../src/tools/travel/types.js";

/** Candidate (days, cities) shapes per nominal horizon; the one whose reference is closest to the horizon is used. */
const SHAPES: Record<number, [number, number][]> = {
  10: [
    [4, 2],
    [3, 1],
    [5, 2],
  ],
  20: [
    [10, 4],
    [9, 4],
    [8, 4],
  ],
  40: [
    [19, 9],
    [18, 8],
    [17, 8],
  ],
  80: [
    [36, 18],
    [34, 18],
    [35, 17],
  ],
  160: [
    [61, 34],
    [61, 36],
    [61, 35],
  ],
};

function referenceSteps(world: World, task: TravelTask): number {
  const env = createTravelEnvironment({ world, tasks: [task], name: "probe" });
  return env.reference(task.id).subtasks.reduce((a, s) => a + s.actions.length, 0);
}

/** The travel task closest to `target` steps among the candidate shapes (or a scaled guess for other horizons). */
function taskFor(world: World, target: number, seed: number): { task: TravelTask; steps: number } {
  const guess: [number, number] = [
    Math.min(61, Math.max(3, Math.round(target / 2.6))),
    Math.max(1, Math.round(target / 4.6)),
  ];
  let best: { task: TravelTask; steps: number } | null = null;
  for (const [days, cityCount] of SHAPES[target] ?? [guess]) {
    let task: TravelTask;
    try {
      task = makeTravelTask(world, seed, { days, cityCount, level: "hard", id: `context-h${target}` });
    } catch {
      continue;
    }
    const steps = referenceSteps(world, task);
    if (!best || Math.abs(steps - target) < Math.abs(best.steps - target)) best = { task, steps };
  }
  if (!best) throw new Error(`no travel task could be generated for a horizon of ${target} steps`);
  return best;
}

interface Setup {
  env: ReturnType<typeof createTravelEnvironment>;
  horizons: Horizon[];
  describe: string;
}

function setup(targets: number[]): Setup {
  const world = generateWorld(DEFAULT_SEED);
  const picked = targets.map((h) => ({ h, ...taskFor(world, h, 11) }));
  const env = createTravelEnvironment({ world, tasks: picked.map((p) => p.task), name: "travel-context" });
  const horizons: Horizon[] = picked.map((p) => ({
    target: p.h,
    taskId: p.task.id,
    level: p.task.query.level,
    referenceSteps: p.steps,
  }));
  const describe = picked
    .map((p) => `h${p.h}=${p.task.query.days}d/${p.task.query.visiting_city_number}c/${p.steps} steps`)
    .join(", ");
  return { env, horizons, describe };
}

/** Runs the given noise levels in this process. */
async function runHere(s: Setup, archs: ArchName[], noises: number[], seed: number): Promise<ContextRun[]> {
  const subtasksOf = (h: Horizon) => s.env.reference(h.taskId).subtasks.length;
  return runContextBenchmark({
    env: s.env,
    horizons: s.horizons,
    archs,
    noises,
    seed,
    // Budgets and caps large enough that every architecture finishes at noise 0, the same for all.
    configurableFor: (h) => ({
      maxSteps: 4 * h.referenceSteps + 20,
      maxStepsPerNode: 12,
      maxNodes: subtasksOf(h) + 20,
      maxRounds: 40,
    }),
    onRun: (r) =>
      process.stderr.write(
        `  h${r.horizon} noise ${r.noise} ${ARCH_LABELS[r.arch]}: ${r.status}${r.error ? ` (${r.error})` : ""}, ${r.steps} steps, ${r.calls} calls, prompt ${r.promptTotal} (max ${r.promptMax}), injected ${r.injected.total}, ${r.wallS.toFixed(1)}s\n`,
      ),
  });
}

/** Runs one noise level in a child process (same script, `--pass`), returning its runs. */
function runChild(args: string[], noise: number, dir: string): Promise<ContextRun[]> {
  const file = join(dir, `runs-${noise}.json`);
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, script, ...args, "--pass", String(noise), "--pass-out", file],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(readFileSync(file, "utf8")) as ContextRun[])
        : reject(new Error(`the noise ${noise} pass exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  // A TDP batch of 100+ parallel branches adds one abort listener per branch: expected here, not a leak.
  setMaxListeners(0);
  const argv = process.argv.slice(2);
  const { values } = parseOptions(argv, {
    horizons: { type: "string" },
    noise: { type: "string" },
    seed: { type: "string" },
    archs: { type: "string" },
    jobs: { type: "string" },
    out: { type: "string" },
    pass: { type: "string" },
    "pass-out": { type: "string" },
  });
  const targets = (values.horizons ?? "10,20,40,80,160")
    .split(",")
    .map((s) => intOption(s.trim(), "horizons") as number);
  const noise = floatOption(values.noise, "noise", 0, 1) ?? 0.1;
  const seed = intOption(values.seed, "seed", { min: 0 }) ?? 7;
  const archs = (listOption(values.archs, "archs", ARCH_NAMES) ?? [...ARCH_NAMES]) as ArchName[];
  const jobs = intOption(values.jobs, "jobs", { max: 2 }) ?? Math.min(2, cpus().length);
  const outDir = values.out ?? "results/context";

  if (values.pass !== undefined) {
    // Child process: one noise level, runs written to --pass-out.
    const runs = await runHere(setup(targets), archs, [Number(values.pass)], seed);
    writeFileSync(values["pass-out"] as string, JSON.stringify(runs));
    return;
  }

  const started = Date.now();
  const s = setup(targets);
  process.stderr.write(
    `bench:context: travel tasks ${s.describe}; ${jobs === 2 ? "two processes (noise 0 | noise " + noise + ")" : "one process"}\n`,
  );
  let runs: ContextRun[];
  if (jobs >= 2 && noise > 0) {
    const dir = mkdtempSync(join(tmpdir(), "bench-context-"));
    try {
      const childArgs = argv.filter(
        (a, i) => !["--jobs", "--out"].includes(a) && !["--jobs", "--out"].includes(argv[i - 1]),
      );
      const [clean, noisy] = await Promise.all([runChild(childArgs, 0, dir), runChild(childArgs, noise, dir)]);
      runs = [...clean, ...noisy];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    runs = await runHere(s, archs, noise > 0 ? [0, noise] : [0], seed);
  }
  const summary = summarizeContext(runs, { noise });
  console.log(`Structural benchmark: offline simulator on travel tasks ${s.describe}`);
  console.log(
    `(token counts are structural, never accuracy; budgets: 4 x reference steps + 20 for every architecture)\n`,
  );
  console.log(formatContextSummary(summary, noise));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, "context.json");
  writeFileSync(
    file,
    JSON.stringify(
      {
        note: "Offline simulator: every architecture takes the reference actions; prompt-token differences come from the architecture. Not accuracy.",
        generatedAt: new Date().toISOString(),
        noise,
        seed,
        horizons: s.horizons,
        runs,
        summary: { ratios: summary.ratios, recovery: summary.recovery, targets: summary.targets },
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  // A bad flag is one line and exit 2; anything else one line and exit 1.
  process.stderr.write(`bench:context: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
});
