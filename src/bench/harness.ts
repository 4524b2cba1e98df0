/**
 * The benchmark harness behind `tdp bench`: runs every (task, architecture) pair under the
 * same model, budget and delivery, appends one validated line per finished pair, and resumes
 * a partly done results file by skipping pairs already there. Pairs run `concurrency` at a
 * time; each run has its own environment session, so parallel runs never share a world. A
 * crash in one run is recorded in its line (`error`) and the others go on.
 */
import { ensureConfiguration } from "../configuration.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { UsageError } from "../errors.js";
import type { ArchName } from "../graph/archs.js";
import { crashGroups, type CrashGroup } from "./aggregate.js";
import { silentProgress, type ProgressSink } from "./progress.js";
import { appendResult, crashed, errorLine, pairKey, readResults, RESULTS_FILE, type BenchRecord } from "./record.js";
import { runTask, type TaskRunSpec } from "./runTask.js";
import type { AnswerJudge } from "../tools/wiki/metrics.js";

export interface BenchPair {
  env: string;
  taskId: string;
  level: string;
  arch: ArchName;
}

export interface BenchPlan {
  pairs: BenchPair[];
  /** Model spec, recorded in every line. */
  model: string;
  /** LangGraph configurable shared by every run (model, noise, seed, maxSteps, caps). */
  configurable: Record<string, unknown>;
  /** Which evaluator scores the runs (default strict); a results file holds one. */
  scoring?: "strict" | "official";
}

export interface BenchRunOptions {
  outDir: string;
  concurrency: number;
  progress?: ProgressSink;
  /** Models/tools given to every graph builder (tests). */
  agentOptions?: AgentOptions;
  /** Optional LLM judge for environments that support judging (`--judge`). */
  judge?: AnswerJudge;
  /** Replaces `runTask` (tests of the harness itself). */
  runner?: (spec: TaskRunSpec) => Promise<BenchRecord>;
}

export interface BenchSummary {
  file: string;
  ran: number;
  skipped: number;
  /** Runs of this call that crashed or ended with status `error`. */
  errors: number;
  /** Why they crashed: each error text once, with its count, most frequent first. */
  crashes: CrashGroup[];
}

/** Pairs still to run: those without a line, or whose line recorded a crash (they are retried). */
export function pendingPairs(pairs: BenchPair[], existing: BenchRecord[]): { todo: BenchPair[]; skipped: number } {
  const done = new Set(existing.filter((r) => !crashed(r)).map(pairKey));
  const todo = pairs.filter((p) => !done.has(pairKey({ env: p.env, task_id: p.taskId, arch: p.arch })));
  return { todo, skipped: pairs.length - todo.length };
}

/** A results file holds one model's runs: resuming with another model or noise would mix them. */
export function checkCompatible(existing: BenchRecord[], plan: BenchPlan, file: string): void {
  const noise = Number(plan.configurable.noise ?? 0);
  const seed = Number(plan.configurable.seed ?? 7);
  const other = existing.find((r) => r.model !== plan.model || r.noise !== noise || r.seed !== seed);
  if (other) {
    throw new UsageError(
      `${file} holds results for model "${other.model}" (noise ${other.noise}, seed ${other.seed}); use another --out for model "${plan.model}" (noise ${noise}, seed ${seed})`,
    );
  }
  const cfg = ensureConfiguration({ configurable: plan.configurable });
  const mixed = existing.find(
    (r) => (r.schedule ?? "dependency") !== cfg.schedule || (r.evaluate ?? "every_step") !== cfg.evaluate,
  );
  if (mixed) {
    throw new UsageError(
      `${file} holds results for --schedule ${mixed.schedule ?? "dependency"} --evaluate ${mixed.evaluate ?? "every_step"}; use another --out for --schedule ${cfg.schedule} --evaluate ${cfg.evaluate}`,
    );
  }
  const official = plan.scoring === "official" ? 1 : 0;
  const scored = existing.find(
    (r) => r.metrics?.scoring_official !== undefined && r.metrics.scoring_official !== official,
  );
  if (scored) {
    const was = scored.metrics.scoring_official === 1 ? "official" : "strict";
    throw new UsageError(
      `${file} holds results scored with --scoring ${was}; use another --out for --scoring ${plan.scoring ?? "strict"}`,
    );
  }
}

export async function runBench(plan: BenchPlan, opts: BenchRunOptions): Promise<BenchSummary> {
  mkdirSync(opts.outDir, { recursive: true });
  const file = join(opts.outDir, RESULTS_FILE);
  const existing = readResults(file);
  checkCompatible(existing, plan, file);
  const { todo, skipped } = pendingPairs(plan.pairs, existing);
  const progress = opts.progress ?? silentProgress;
  const runner = opts.runner ?? runTask;
  progress.start(todo.length, skipped);
  let next = 0;
  const crashes: BenchRecord[] = [];
  const worker = async () => {
    while (next < todo.length) {
      const p = todo[next++];
      const spec: TaskRunSpec = {
        ...p,
        model: plan.model,
        configurable: plan.configurable,
        options: opts.agentOptions,
        judge: opts.judge,
        scoring: plan.scoring ?? "strict",
      };
      let record: BenchRecord;
      try {
        record = await runner(spec);
      } catch (e) {
        // runTask records crashes itself; this catches failures before a run could start.
        record = crashRecord(spec, e);
      }
      if (crashed(record)) crashes.push(record);
      appendResult(file, record);
      progress.done(record);
    }
  };
  const width = Math.max(1, Math.min(opts.concurrency, todo.length));
  await Promise.all(Array.from({ length: width }, worker));
  progress.finish();
  return { file, ran: todo.length, skipped, errors: crashes.length, crashes: crashGroups(crashes) };
}

/** The line for a pair that failed before its run could start (runTask records crashes inside a run itself). */
function crashRecord(spec: TaskRunSpec, e: unknown): BenchRecord {
  return {
    v: 1,
    env: spec.env,
    task_id: spec.taskId,
    level: spec.level,
    arch: spec.arch,
    model: spec.model,
    noise: Number(spec.configurable.noise ?? 0),
    seed: Number(spec.configurable.seed ?? 7),
    // The environment's default budget is unknown here when none was configured.
    max_steps: Number(spec.configurable.maxSteps ?? 1),
    status: "failed",
    metrics: {},
    tokens_in: 0,
    tokens_out: 0,
    tokens_by_role: {},
    llm_calls: 0,
    steps: 0,
    replans: 0,
    revisions: 0,
    wall_s: 0,
    error: errorLine(e),
    prompt_tokens: [],
    call_steps: [],
    call_roles: [],
    finished_at: new Date().toISOString(),
  };
}
