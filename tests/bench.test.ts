/**
 * The benchmark harness: result lines validated by the exported schema, resume, failures
 * recorded without stopping the rest, concurrency, progress output, and argument checks.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARCH_NAMES } from "../src/graph/archs.js";
import { checkCompatible, pendingPairs, runBench, type BenchPair } from "../src/bench/harness.js";
import { estimateRemaining, formatDuration, Progress } from "../src/bench/progress.js";
import { BenchRecordSchema, readResults, RESULTS_FILE, type BenchRecord } from "../src/bench/record.js";
import { runTask } from "../src/bench/runTask.js";
import { allCrashed, parseBenchArgs } from "../src/cli/bench.js";
import { csvOption } from "../src/cli/args.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { type Environment } from "../src/tools/types.js";
import { UsageError } from "../src/errors.js";
import { createToyEnv } from "./helpers/toyEnv.js";
import { scriptedModel } from "./helpers/scripted.js";
import { writeReport } from "../src/bench/report.js";

const ENV = "toy-bench";
const OFFLINE = { model: "offline", noise: 0, seed: 7 };

beforeAll(() => {
  registerEnvironment(createToyEnv({ name: ENV }));
  // Two tasks, the second of which cannot even start (its reference solution is missing): a crash to record.
  const base = createToyEnv({ name: "toy-broken" });
  const tasks = [...base.tasks(), { id: "toy-bad", level: "hard", query: "Look up gamma and submit it." }];
  const broken: Environment = {
    ...base,
    tasks: () => tasks,
    task: (id) => tasks.find((t) => t.id === id) ?? base.task(id),
    reference: (id) => {
      if (id === "toy-bad") throw new Error("no reference for toy-bad");
      return base.reference(id);
    },
  };
  registerEnvironment(broken);
});

const tmp = () => mkdtempSync(join(tmpdir(), "tdp-bench-"));
const pairsFor = (
  env: string,
  taskIds: string[],
  archs: readonly (typeof ARCH_NAMES)[number][] = ARCH_NAMES,
): BenchPair[] =>
  taskIds.flatMap((taskId) =>
    archs.map((arch) => ({ env, taskId, level: taskId === "toy-bad" ? "hard" : "easy", arch })),
  );
const lines = (dir: string) => readFileSync(join(dir, RESULTS_FILE), "utf8").trim().split("\n");

describe("one run -> one result line", () => {
  test.each(ARCH_NAMES)("%s on the toy task with the offline model gives a valid, complete line", async (arch) => {
    const rec = await runTask({
      env: ENV,
      taskId: "toy-1",
      level: "easy",
      arch,
      model: "offline",
      configurable: OFFLINE,
    });
    expect(BenchRecordSchema.safeParse(rec).success).toBe(true);
    expect(rec.error).toBeNull();
    expect(rec.status).toBe("completed");
    expect(rec.metrics).toEqual({ delivered: 1, correct: 1 });
    expect(rec.steps).toBe(3);
    expect(rec.max_steps).toBe(20);
    // Per-call prompt tokens line up with the call count and the token totals.
    expect(rec.prompt_tokens).toHaveLength(rec.llm_calls);
    expect(rec.call_steps).toHaveLength(rec.llm_calls);
    expect(rec.prompt_tokens.reduce((a, b) => a + b, 0)).toBe(rec.tokens_in);
    expect(Object.values(rec.tokens_by_role).reduce((a, u) => a + u.calls, 0)).toBe(rec.llm_calls);
    // Steps are read from the environment as calls return: never decreasing, ending at the run's steps.
    expect([...rec.call_steps].sort((a, b) => a - b)).toEqual(rec.call_steps);
    expect(rec.call_steps[rec.call_steps.length - 1]).toBe(3);
  });

  test("the schema rejects a line with a missing column or a bad status", async () => {
    const rec = await runTask({
      env: ENV,
      taskId: "toy-1",
      level: "easy",
      arch: "cot",
      model: "offline",
      configurable: OFFLINE,
    });
    const { tokens_in: _drop, ...missing } = rec;
    expect(BenchRecordSchema.safeParse(missing).success).toBe(false);
    expect(BenchRecordSchema.safeParse({ ...rec, status: "running" }).success).toBe(false);
    expect(BenchRecordSchema.safeParse({ ...rec, arch: "reflexion" }).success).toBe(false);
  });
});

describe("runBench", () => {
  test("writes one line per pair, resumes by skipping finished pairs, and records a crash without stopping", async () => {
    const dir = tmp();
    const plan = {
      pairs: pairsFor("toy-broken", ["toy-1", "toy-bad"], ["tdp", "react"]),
      model: "offline",
      configurable: OFFLINE,
    };
    const first = await runBench(plan, { outDir: dir, concurrency: 2 });
    expect(first).toMatchObject({ ran: 4, skipped: 0, errors: 2 });
    const recs = lines(dir).map((l) => BenchRecordSchema.parse(JSON.parse(l)));
    expect(recs).toHaveLength(4);
    const bad = recs.filter((r) => r.task_id === "toy-bad");
    expect(bad.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(bad.every((r) => r.error?.includes("no reference for toy-bad"))).toBe(true);
    expect(recs.filter((r) => r.task_id === "toy-1").every((r) => r.status === "completed" && r.error === null)).toBe(
      true,
    );

    // Re-running: finished pairs are skipped, crashed ones are tried again (and their new line replaces the old).
    const second = await runBench(plan, { outDir: dir, concurrency: 2 });
    expect(second).toMatchObject({ ran: 2, skipped: 2, errors: 2 });
    expect(lines(dir)).toHaveLength(6);
    expect(readResults(join(dir, RESULTS_FILE))).toHaveLength(4);
  });

  test("resuming a partly written file runs only the missing pairs", async () => {
    const dir = tmp();
    const done = await runTask({
      env: ENV,
      taskId: "toy-1",
      level: "easy",
      arch: "react",
      model: "offline",
      configurable: OFFLINE,
    });
    writeFileSync(join(dir, RESULTS_FILE), JSON.stringify(done) + "\n");
    const ran: string[] = [];
    const summary = await runBench(
      { pairs: pairsFor(ENV, ["toy-1"]), model: "offline", configurable: OFFLINE },
      { outDir: dir, concurrency: 1, runner: async (spec) => (ran.push(spec.arch), { ...done, arch: spec.arch }) },
    );
    expect(summary).toMatchObject({ ran: 3, skipped: 1 });
    expect(ran.sort()).toEqual(["cot", "plan_and_act", "tdp"]);
  });

  test("runs up to `concurrency` pairs at once", async () => {
    const dir = tmp();
    let running = 0;
    let peak = 0;
    const template = await runTask({
      env: ENV,
      taskId: "toy-1",
      level: "easy",
      arch: "cot",
      model: "offline",
      configurable: OFFLINE,
    });
    const runner = async (spec: { arch: BenchRecord["arch"]; taskId: string }) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return { ...template, arch: spec.arch, task_id: spec.taskId };
    };
    const pairs = ["a", "b", "c"].flatMap((t) =>
      ARCH_NAMES.map((arch) => ({ env: ENV, taskId: t, level: "easy", arch })),
    );
    await runBench({ pairs, model: "offline", configurable: OFFLINE }, { outDir: dir, concurrency: 3, runner });
    expect(peak).toBe(3);
    expect(lines(dir)).toHaveLength(12);
  });

  test("refuses to mix another model's results into a results file", () => {
    const rec = { model: "openai/gpt-4o", noise: 0, seed: 7 } as BenchRecord;
    expect(() => checkCompatible([rec], { pairs: [], model: "offline", configurable: OFFLINE }, "x.jsonl")).toThrow(
      UsageError,
    );
    // Lines without a schedule or evaluation mode were made with the old defaults (dependency, every_step).
    const same = { ...rec, model: "offline", schedule: "dependency", evaluate: "on_signal" } as BenchRecord;
    expect(() =>
      checkCompatible([same], { pairs: [], model: "offline", configurable: OFFLINE }, "x.jsonl"),
    ).not.toThrow();
    expect(() =>
      checkCompatible(
        [{ ...rec, model: "offline" }],
        { pairs: [], model: "offline", configurable: OFFLINE },
        "x.jsonl",
      ),
    ).toThrow(/--evaluate every_step; use another --out for --schedule dependency --evaluate on_signal/);
    expect(() =>
      checkCompatible(
        [{ ...same, schedule: "batch" }],
        { pairs: [], model: "offline", configurable: { ...OFFLINE, schedule: "batch" } },
        "x.jsonl",
      ),
    ).not.toThrow();
  });

  test("when every run ends `error` (the model answers 401), each line, the summary and the report say why", async () => {
    const dir = tmp();
    const failing = scriptedModel(() => {
      throw Object.assign(new Error("invalid api key"), { status: 401 });
    });
    const plan = {
      pairs: pairsFor(ENV, ["toy-1"], ["tdp", "react"]),
      model: "offline",
      configurable: { ...OFFLINE, maxAttempts: 1 },
    };
    const summary = await runBench(plan, { outDir: dir, concurrency: 1, agentOptions: { llm: failing } });
    expect(summary).toMatchObject({ ran: 2, errors: 2 });
    expect(allCrashed(summary)).toBe(true);
    // One group per distinct reason (TDP's Supervisor and ReAct word it differently).
    expect(summary.crashes.map((c) => [c.count, c.error])).toEqual([
      [1, "Supervisor could not build the DAG: model call to scripted failed: 401 invalid api key"],
      [1, "react: model call to scripted failed: 401 invalid api key"],
    ]);
    const recs = readResults(join(dir, RESULTS_FILE));
    expect(recs.map((r) => r.status)).toEqual(["error", "error"]);
    expect(recs.every((r) => /401 invalid api key/.test(r.error ?? ""))).toBe(true);
    // They are not results: a resume runs them again.
    expect(pendingPairs(plan.pairs, recs).todo).toHaveLength(2);

    const report = writeReport(dir);
    expect(report.data.sections[0].headline).toMatch(/^every run crashed \(2 runs\): .*401 invalid api key/);
    const md = readFileSync(report.markdown, "utf8");
    expect(md).not.toMatch(/tie/);
    expect(md).toMatch(/## Crashed runs/);
    expect(md).toContain(
      "| Supervisor could not build the DAG: model call to scripted failed: 401 invalid api key | 1 | toy-bench/toy-1 TDP |",
    );
    expect(md).toContain("| react: model call to scripted failed: 401 invalid api key | 1 | toy-bench/toy-1 ReAct |");
    expect(readFileSync(report.html, "utf8")).toMatch(/<h2>Crashed runs<\/h2>.*401 invalid api key/s);
  });

  test("allCrashed: only when this call ran pairs and none of them produced a result", () => {
    expect(allCrashed({ ran: 3, errors: 3 })).toBe(true);
    expect(allCrashed({ ran: 3, errors: 2 })).toBe(false);
    expect(allCrashed({ ran: 0, errors: 0 })).toBe(false);
  });

  test("pendingPairs keys on (env, task, arch)", () => {
    const pairs = pairsFor(ENV, ["toy-1"], ["tdp", "cot"]);
    const existing = [{ env: ENV, task_id: "toy-1", arch: "tdp", error: null }] as BenchRecord[];
    expect(pendingPairs(pairs, existing)).toEqual({ todo: [pairs[1]], skipped: 1 });
  });
});

describe("progress", () => {
  const rec = {
    env: "travel",
    task_id: "t1",
    arch: "tdp",
    status: "completed",
    metrics: { final_pass: 1 },
    tokens_in: 900,
    tokens_out: 100,
    wall_s: 2,
    error: null,
  } as unknown as BenchRecord;

  test("without a terminal: one plain line per finished pair", () => {
    const out: string[] = [];
    const p = new Progress(
      (s) => out.push(s),
      false,
      () => 0,
    );
    p.start(2, 1);
    p.done(rec);
    expect(out[0]).toContain("2 runs to do, 1 already in the results file");
    expect(out[1]).toBe("[1/2] travel/t1 TDP: completed score=1 (1000 tok, 2.0s)\n");
  });

  test("on a terminal: a redrawn bar with ETA", () => {
    const out: string[] = [];
    let now = 0;
    const p = new Progress(
      (s) => out.push(s),
      true,
      () => now,
    );
    p.start(4, 0);
    now = 10_000;
    p.done(rec);
    const bar = out[out.length - 1];
    expect(bar.startsWith("\r")).toBe(true);
    expect(bar).toContain("1/4 25% ETA 30s");
  });

  test("ETA arithmetic", () => {
    expect(estimateRemaining(10, 1, 4)).toBe(30);
    expect(Number.isNaN(estimateRemaining(10, 0, 4))).toBe(true);
    expect(formatDuration(42)).toBe("42s");
    expect(formatDuration(185)).toBe("3m05s");
    expect(formatDuration(3720)).toBe("1h02m");
  });
});

describe("tdp bench arguments", () => {
  test("valid options list every (task, arch) pair", async () => {
    const req = await parseBenchArgs([
      "--env",
      ENV,
      "--archs",
      "tdp,react",
      "--concurrency",
      "3",
      "--out",
      "/tmp/x",
      "--max-steps",
      "9",
    ]);
    if (req === "help") throw new Error("unexpected help");
    expect(req.plan.pairs).toEqual([
      { env: ENV, taskId: "toy-1", level: "easy", arch: "tdp" },
      { env: ENV, taskId: "toy-1", level: "easy", arch: "react" },
    ]);
    expect(req.concurrency).toBe(3);
    expect(req.plan.configurable).toEqual({ model: "offline", maxSteps: 9, noise: 0, seed: 7 });
  });

  test("repeated list values count once: --archs tdp,react,tdp runs each pair once", async () => {
    const req = await parseBenchArgs(["--env", ENV, "--archs", "tdp,react, tdp,tdp", "--tasks", "toy-1,toy-1"]);
    if (req === "help") throw new Error("unexpected help");
    expect(req.plan.pairs).toEqual([
      { env: ENV, taskId: "toy-1", level: "easy", arch: "tdp" },
      { env: ENV, taskId: "toy-1", level: "easy", arch: "react" },
    ]);
    expect(csvOption("wiki,travel,wiki", "envs")).toEqual(["wiki", "travel"]);
    expect(() => csvOption(" , ", "envs")).toThrow(/--envs is empty/);
  });

  test("--level and --n select tasks", async () => {
    const req = await parseBenchArgs(["--env", "toy-broken", "--level", "hard", "--archs", "cot"]);
    if (req === "help") throw new Error("unexpected help");
    expect(req.plan.pairs.map((p) => p.taskId)).toEqual(["toy-bad"]);
    const first = await parseBenchArgs(["--env", "toy-broken", "--n", "1", "--archs", "cot"]);
    if (first === "help") throw new Error("unexpected help");
    expect(first.plan.pairs.map((p) => p.taskId)).toEqual(["toy-1"]);
  });

  test.each([
    [["--env", ENV, "--archs", "tdp,reflexion"], /unknown archs "reflexion"/],
    [["--env", ENV, "--n", "0"], /--n must be a whole number/],
    [["--env", ENV, "--concurrency", "two"], /--concurrency must be a whole number/],
    [["--env", "nowhere"], /unknown env "nowhere"/],
    [["--env", ENV, "--tasks", "toy-9"], /unknown task "toy-9"/],
    [["--env", ENV, "--level", "impossible"], /no toy-bench task has level impossible/],
    [["--env", ENV, "--model", "openai/gpt-4o", "--noise", "0.1"], /--noise only applies to the offline model/],
    [["--env", ENV, "--noise", "2"], /--noise must be a number from 0 to 1/],
    [["--env", ENV, "--bogus"], /Unknown option '--bogus'/],
  ])("%j is a usage error", async (argv, message) => {
    const p = parseBenchArgs(argv as string[]);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(parseBenchArgs(argv as string[])).rejects.toThrow(message as RegExp);
  });
});
