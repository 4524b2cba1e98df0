/**
 * `tdp bench`: every chosen architecture on the same tasks, same model, same budget; one JSONL
 * line per (task, architecture) in DIR/results.jsonl, then the report next to it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureConfiguration, EVALUATE_MODES, SCHEDULES } from "../configuration.js";
import { ARCH_NAMES, type ArchName } from "../graph/archs.js";
import { runBench, type BenchPair, type BenchPlan, type BenchSummary } from "../bench/harness.js";
import { Progress } from "../bench/progress.js";
import { writeReport } from "../bench/report.js";
import { runLangSmithExperiments } from "../bench/langsmith.js";
import { checkServer, serverTaskRunner } from "../bench/serverRunner.js";
import { checkModelSpec, loadChatModel } from "../models/index.js";
import { langSmithClient } from "../tracing/langsmith.js";
import { ENVIRONMENT_NAMES, getEnvironment, registerEnvironment } from "../tools/registry.js";
import { loadHotpotEnvironment } from "../tools/wiki/hotpot.js";
import { UsageError } from "../errors.js";
import { choiceOption, csvOption, floatOption, intOption, listOption, parseOptions } from "./args.js";
import { createLlmJudge } from "../bench/judge.js";
import { sampleTasks } from "../bench/sample.js";
import { RESULTS_FILE } from "../bench/record.js";
import { checkWritableDir, checkWritableFile } from "./paths.js";

export const BENCH_HELP = `Usage: tdp bench [options]

  --env NAME           travel | wiki | science | all (default travel)
  --archs LIST         comma-separated: ${ARCH_NAMES.join(",")} (default: all four)
  --n N                N tasks of each environment, a seeded sample stratified by level (after
                       --level / --tasks; the same --seed, the same tasks; default all)
  --tasks ID,ID        only these task ids
  --schedule S         TDP: dependency (default) or batch (the paper's rounds). One per --out
  --evaluate E         TDP: on_signal (default) or every_step (the paper). One per --out
  --scoring S          strict (default: this project's evaluator) | official (travel: the verdicts of
                       TravelPlanner's eval.py, quirks included; see docs/travel.md). One per --out
  --data FILE          with --env wiki: the questions of an official HotpotQA JSON file (dev
                       distractor / fullwiki records) over a local corpus built from their paragraphs
  --level L,L          only tasks of these levels (e.g. easy,medium)
  --model SPEC         "offline" (default) or "openai/<model>"
  --concurrency K      runs in parallel (default 2)
  --out DIR            results directory (default results/bench); re-running resumes it
  --max-steps N        global environment-step budget (default: the environment's)
  --noise P            offline simulator: error probability 0..1 (default 0)
  --seed N             offline simulator: seed (default 7)
  --judge SPEC         also grade wiki answers with this real model ("openai/<model>"): an
                       extra LLM-judge accuracy column, next to (never instead of) EM/F1/accuracy
  --no-report          do not write the report at the end (see: tdp report DIR)
  --server URL         run every pair on a LangGraph API server (langgraph dev / up, a deployment)
                       through @langchain/langgraph-sdk: the graph per architecture from
                       langgraph.json, the settings as the run's configurable; same lines and report
  --langsmith          run as LangSmith experiments instead: the tasks become a dataset, each
                       architecture one experiment scored by the environment's metrics
                       (LANGSMITH_API_KEY, LANGSMITH_ENDPOINT; no local results file)

Each finished (task, architecture) pair is appended to DIR/results.jsonl at once; pairs already
there are skipped, so an interrupted benchmark resumes where it stopped (crashed pairs run again).
A results file holds one model, noise and seed: resuming it with others is refused (use another --out).
Exit code 1 when every run crashed (the summary and the report say why), 2 for a usage mistake.`;

const OPTIONS = {
  env: { type: "string" },
  archs: { type: "string" },
  n: { type: "string" },
  tasks: { type: "string" },
  data: { type: "string" },
  scoring: { type: "string" },
  schedule: { type: "string" },
  evaluate: { type: "string" },
  level: { type: "string" },
  model: { type: "string" },
  concurrency: { type: "string" },
  out: { type: "string" },
  "max-steps": { type: "string" },
  noise: { type: "string" },
  seed: { type: "string" },
  "no-report": { type: "boolean" },
  judge: { type: "string" },
  langsmith: { type: "boolean" },
  server: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface BenchRequest {
  plan: BenchPlan;
  outDir: string;
  concurrency: number;
  report: boolean;
  /** Run as LangSmith experiments (src/bench/langsmith.ts) instead of the local harness. */
  langsmith?: boolean;
  /** Model spec of the optional LLM judge, or null. */
  judge?: string | null;
  /** `--server URL`: run every pair on a LangGraph API server instead of in this process. */
  server?: string | null;
}

/** Validates every option and lists the pairs before any run starts, so mistakes fail fast (exit 2). */
export async function parseBenchArgs(argv: string[]): Promise<BenchRequest | "help"> {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) return "help";
  const envArg = values.env ?? "travel";
  const envNames =
    envArg === "all" ? ENVIRONMENT_NAMES.filter((n) => ["travel", "wiki", "science"].includes(n)) : [envArg];
  const archs = (listOption(values.archs, "archs", ARCH_NAMES) ?? [...ARCH_NAMES]) as ArchName[];
  const n = intOption(values.n, "n");
  const concurrency = intOption(values.concurrency, "concurrency", { max: 64 }) ?? 2;
  const model = values.model ?? "offline";
  const noise = floatOption(values.noise, "noise", 0, 1);
  if (noise !== undefined && model !== "offline") throw new UsageError("--noise only applies to the offline model");
  await checkModelSpec(model);
  const configurable: Record<string, unknown> = {
    model,
    maxSteps: intOption(values["max-steps"], "max-steps"),
    noise: noise ?? 0,
    seed: intOption(values.seed, "seed", { min: 0 }) ?? 7,
    schedule: choiceOption(values.schedule, "schedule", SCHEDULES),
    evaluate: choiceOption(values.evaluate, "evaluate", EVALUATE_MODES),
  };
  for (const k of ["schedule", "evaluate"] as const) if (configurable[k] === undefined) delete configurable[k];
  if (configurable.maxSteps === undefined) delete configurable.maxSteps;
  ensureConfiguration({ configurable });
  const ids = csvOption(values.tasks, "tasks") ?? null;
  const levels = csvOption(values.level, "level") ?? null;

  if (values.data !== undefined) {
    if (envArg !== "wiki") throw new UsageError("--data needs --env wiki (it reads an official HotpotQA JSON file)");
    if (values.server !== undefined)
      throw new UsageError("--data runs in process: it cannot be combined with --server");
    // The file's records replace the bundled questions under the name "wiki" for this process.
    registerEnvironment(loadHotpotEnvironment(values.data));
  }
  const scoring = values.scoring ?? "strict";
  if (scoring !== "strict" && scoring !== "official")
    throw new UsageError(`--scoring must be strict or official (got "${scoring}")`);
  if (scoring === "official" && envNames.some((e) => e !== "travel" && e !== "science"))
    throw new UsageError(
      "--scoring official applies to --env travel and --env science (the other environments have one scoring)",
    );
  if (scoring === "official" && values.langsmith)
    throw new UsageError(
      "--scoring official is not supported with --langsmith (its evaluators use the default scoring)",
    );
  if (scoring === "official" && values.server !== undefined)
    throw new UsageError("--scoring official scores in process: it cannot be combined with --server");
  const pairs: BenchPair[] = [];
  const found = new Set<string>();
  for (const name of envNames) {
    const env = await getEnvironment(name);
    const all = env.tasks();
    if (ids && envNames.length === 1) for (const id of ids) env.task(id); // unknown id -> UsageError naming the env
    let tasks = all.filter((t) => (!ids || ids.includes(t.id)) && (!levels || levels.includes(t.level)));
    if (levels && envNames.length === 1 && tasks.length === 0) {
      throw new UsageError(
        `no ${name} task has level ${levels.join(" or ")} (levels: ${[...new Set(all.map((t) => t.level))].join(", ")})`,
      );
    }
    // A stratified sample across levels (the first N would all be easy travel tasks).
    if (n !== undefined) tasks = sampleTasks(tasks, n, configurable.seed as number);
    for (const t of tasks) {
      found.add(t.id);
      for (const arch of archs) pairs.push({ env: name, taskId: t.id, level: t.level, arch });
    }
  }
  const missing = ids?.filter((id) => !found.has(id)) ?? [];
  if (missing.length) throw new UsageError(`unknown task ${missing.join(", ")} for env ${envArg}`);
  if (pairs.length === 0) throw new UsageError("no tasks selected");
  if (values.langsmith) langSmithClient(); // a missing key fails here, with exit 2
  let server: string | null = null;
  if (values.server !== undefined) {
    try {
      const url = new URL(values.server);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
      server = values.server.replace(/\/+$/, "");
    } catch {
      throw new UsageError(`--server must be an http(s) URL, e.g. http://127.0.0.1:2024 (got "${values.server}")`);
    }
    if (values.langsmith) throw new UsageError("give --server or --langsmith, not both");
    if (values.judge !== undefined)
      throw new UsageError("--judge runs in process: it cannot be combined with --server");
  }
  const outDir = values.out ?? "results/bench";
  if (!outDir.trim()) throw new UsageError("--out needs a directory");
  if (!values.langsmith) checkOutDir(outDir);
  const judge = values.judge ?? null;
  if (judge !== null) {
    if (judge === "offline")
      throw new UsageError("--judge needs a real model: the offline simulator never grades anything");
    await checkModelSpec(judge);
  }
  return {
    plan: { pairs, model, configurable, scoring },
    outDir,
    concurrency,
    report: !values["no-report"],
    langsmith: !!values.langsmith,
    judge,
    server,
  };
}

export async function benchCommand(argv: string[]): Promise<number> {
  const req = await parseBenchArgs(argv);
  if (req === "help") {
    console.log(BENCH_HELP);
    return 0;
  }
  if (req.langsmith) {
    const { plan } = req;
    await runLangSmithExperiments({
      pairs: plan.pairs,
      model: plan.model,
      configurable: plan.configurable,
      concurrency: req.concurrency,
      log: (l) => console.log(l),
    });
    return 0;
  }
  const judge = req.judge
    ? createLlmJudge(
        await loadChatModel(req.judge, { env: null, taskId: null, noise: 0, seed: 0, temperature: 0 }),
        ensureConfiguration({ configurable: req.plan.configurable }).structuredOutputMethod,
      )
    : undefined;
  // On a server: check it serves every architecture first (one line naming it if not).
  if (req.server) await checkServer(req.server, [...new Set(req.plan.pairs.map((p) => p.arch))]);
  const summary = await runBench(req.plan, {
    outDir: req.outDir,
    concurrency: req.concurrency,
    progress: new Progress(),
    judge,
    ...(req.server ? { runner: serverTaskRunner(req.server) } : {}),
  });
  console.log(
    `results: ${summary.file} (${summary.ran} run now, ${summary.skipped} already there${summary.errors ? `, ${summary.errors} crashed` : ""})`,
  );
  for (const c of summary.crashes.slice(0, 5)) console.log(`  ${c.count} crashed: ${c.error}`);
  if (summary.crashes.length > 5) console.log(`  ... ${summary.crashes.length - 5} more error texts in the report`);
  if (req.report) {
    const r = writeReport(req.outDir);
    console.log(`report: ${r.markdown}, ${r.html}`);
  }
  if (!allCrashed(summary)) return 0;
  // Nothing was measured (the model is unreachable, a key is wrong...): a failure, with the reason.
  process.stderr.write(`tdp: every run crashed (${summary.errors} of ${summary.ran}): ${summary.crashes[0].error}\n`);
  return 1;
}

/** True when this call ran pairs and every one of them crashed or ended with status `error`. */
export function allCrashed(summary: Pick<BenchSummary, "ran" | "errors">): boolean {
  return summary.ran > 0 && summary.errors === summary.ran;
}

/** `--out` (results, then the report): a directory that exists or can be made, and can be written. */
function checkOutDir(dir: string): void {
  checkWritableDir(dir, "--out", { create: true });
  if (existsSync(dir)) checkWritableFile(join(dir, RESULTS_FILE), "--out");
}
