/**
 * `tdp run`: one run on a bundled task or a free-form query, with the DAG shown live
 * (stderr) and the delivered result, scores and usage at the end (stdout; `--json` for a
 * machine-readable object). TDP by default; `--arch` runs a baseline the same way.
 *
 * Durable runs: `--checkpoint sqlite:PATH` checkpoints every superstep under a thread id
 * (`--thread`, else generated and printed) so `tdp resume` can continue after a crash.
 * Observability: `--trace FILE.jsonl` writes every LLM call locally; `--langsmith` sends the
 * run to LangSmith.
 */
import { randomUUID } from "node:crypto";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { Command } from "@langchain/langgraph";
import { EVALUATE_MODES, readLangSmithVars, SCHEDULES } from "../configuration.js";
import { ARCH_NAMES, type ArchName, type ArchState } from "../graph/archs.js";
import { runArch } from "../graph/run.js";
import { CHECKPOINT_HELP, openCheckpointStore, parseCheckpointSpec, type DurableStore } from "../checkpoint/store.js";
import { checkModelSpec } from "../models/index.js";
import type { PlanApprovalRequest } from "../nodes/approvePlan.js";
import type { Dag } from "../state/dag.js";
import { ENVIRONMENT_NAMES, getEnvironment } from "../tools/registry.js";
import { UsageError } from "../errors.js";
import type { CallRecorder } from "../tracing/callRecorder.js";
import { jsonlTraceRecorder } from "../tracing/jsonl.js";
import { createLangSmithTracing, langSmithClient, type LangSmithTracing } from "../tracing/langsmith.js";
import { runMetadata } from "../tracing/metadata.js";
import { choiceOption, floatOption, intOption, listOption, parseOptions } from "./args.js";
import { TRAVEL_SCORINGS } from "../tools/travel/scoring.js";
import { checkWritableFile } from "./paths.js";
import { formatDag, formatScores, formatUsage, truncate } from "./format.js";
import { BaselinePrinter, LiveDagPrinter } from "./liveProgress.js";

export const RUN_HELP = `Usage: tdp run (--env ENV --task ID | [--env ENV] --query TEXT) [options]

  --env NAME             bundled environment: ${ENVIRONMENT_NAMES.join(", ")} (default travel)
  --task ID              bundled task id (see: tdp tasks --env NAME)
  --query TEXT           a free-form task, run on the environment's tools (needs a real model)
  --arch NAME            ${ARCH_NAMES.join(" | ")} (default tdp)
  --model SPEC           "offline" (default) or "openai/<model>"
  --max-steps N          global environment-step budget (default: the environment's)
  --max-steps-per-node N step cap of one sub-task attempt (default 12)
  --max-replans N        local replans per sub-task attempt (default 3)
  --noise P              offline simulator: error probability 0..1 (default 0)
  --seed N               offline simulator: seed (default 7)
  --structured METHOD    functionCalling (default) or jsonSchema
  --schedule S           TDP: dependency (default: a sub-task starts when its prerequisites are done) or batch (the paper's rounds)
  --evaluate E           TDP: on_signal (default: the Evaluator only on a claim, a failure or a cap) or every_step (the paper)
  --staged               TDP: the Supervisor may leave coarse sub-tasks to be split when they become ready
  --scoring S            travel, science: strict (default) or official (travel: the benchmark's eval.py
                         verdicts; science: also the reward on ScienceWorld's 0-100 scale, -100 on failure)
  --checkpoint SPEC      durable run: ${CHECKPOINT_HELP}; continue it with tdp resume
  --thread ID            thread id of a durable run (default: generated and printed)
  --approve-plan         pause after the DAG is built for approval (needs --checkpoint; tdp resume --approve)
  --trace FILE.jsonl     write every LLM call (role, node, tokens, latency, prompt) to FILE
  --no-prompts           leave the prompt text out of --trace
  --langsmith            trace the run to LangSmith (LANGSMITH_API_KEY, LANGSMITH_ENDPOINT, LANGSMITH_PROJECT)
  --json                 print one JSON object instead of the report
  --quiet                no live progress`;

/** Where a run's output and traces go; shared by `run` and `resume`. */
export const OUTPUT_OPTIONS = {
  trace: { type: "string" },
  "no-prompts": { type: "boolean" },
  langsmith: { type: "boolean" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const OPTIONS = {
  env: { type: "string" },
  task: { type: "string" },
  query: { type: "string" },
  arch: { type: "string" },
  model: { type: "string" },
  "max-steps": { type: "string" },
  schedule: { type: "string" },
  evaluate: { type: "string" },
  staged: { type: "boolean" },
  scoring: { type: "string" },
  "max-steps-per-node": { type: "string" },
  "max-replans": { type: "string" },
  noise: { type: "string" },
  seed: { type: "string" },
  structured: { type: "string" },
  checkpoint: { type: "string" },
  thread: { type: "string" },
  "approve-plan": { type: "boolean" },
  ...OUTPUT_OPTIONS,
} as const;

/** Where a run's LLM calls and traces go (shared by `run` and `resume`). */
export interface ObservabilityOptions {
  /** `--trace FILE.jsonl`, or null. */
  trace: string | null;
  /** Include prompt text in the trace file. */
  prompts: boolean;
  langsmith: boolean;
}

export interface RunRequest extends ObservabilityOptions {
  arch: ArchName;
  env: string;
  taskId: string | null;
  query: string | null;
  configurable: Record<string, unknown>;
  /** `--checkpoint` spec, or null for the in-memory default. */
  checkpoint: string | null;
  /** `--thread`, or null (generated when a checkpoint is used). */
  threadId: string | null;
  json: boolean;
  quiet: boolean;
}

/** Checks the tracing flags before any work starts. */
export function checkObservability(values: {
  trace?: string;
  "no-prompts"?: boolean;
  langsmith?: boolean;
}): ObservabilityOptions {
  if (values.trace !== undefined && !values.trace.trim()) throw new UsageError("--trace needs a file name");
  // Checked before any model call: the directory must exist and be writable, and the path must not be one.
  if (values.trace?.trim()) checkWritableFile(values.trace.trim(), "--trace");
  if (values["no-prompts"] && values.trace === undefined)
    throw new UsageError("--no-prompts applies to --trace FILE.jsonl");
  if (values.langsmith) langSmithClient(readLangSmithVars()); // a missing key fails here, with exit 2
  return { trace: values.trace?.trim() ?? null, prompts: !values["no-prompts"], langsmith: !!values.langsmith };
}

/** Validates everything before any work starts, so mistakes fail fast with exit 2. */
export async function parseRunArgs(argv: string[]): Promise<RunRequest | "help"> {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) return "help";
  const envName = values.env ?? "travel";
  const env = await getEnvironment(envName);
  const arch = (listOption(values.arch, "arch", ARCH_NAMES)?.[0] ?? "tdp") as ArchName;
  if (values.arch?.includes(",")) throw new UsageError("--arch takes one architecture");
  const query = values.query === undefined ? null : values.query.trim();
  if (values.query !== undefined && !query) throw new UsageError("--query is empty");
  if (query && values.task) throw new UsageError("give --task or --query, not both");
  if (!query && !values.task) throw new UsageError("give --task ID (see: tdp tasks) or --query TEXT");
  if (values.task) env.task(values.task);
  const model = values.model ?? "offline";
  await checkModelSpec(model);
  if (model === "offline" && query)
    throw new UsageError(
      "the offline model only plays bundled tasks: use --task, or a real --model for a free-form --query",
    );
  const structured = values.structured ?? "functionCalling";
  if (structured !== "functionCalling" && structured !== "jsonSchema")
    throw new UsageError(`--structured must be functionCalling or jsonSchema, got "${structured}"`);
  if (values.checkpoint !== undefined) parseCheckpointSpec(values.checkpoint);
  if (values.thread !== undefined && values.checkpoint === undefined)
    throw new UsageError(
      "--thread needs --checkpoint sqlite:PATH or postgres://... (only a checkpointed run can be resumed)",
    );
  if (values.thread !== undefined && !values.thread.trim()) throw new UsageError("--thread is empty");
  if (values["approve-plan"] && arch !== "tdp")
    throw new UsageError("--approve-plan applies to --arch tdp (only TDP builds a DAG)");
  if (values["approve-plan"] && values.checkpoint === undefined)
    throw new UsageError(
      "--approve-plan needs --checkpoint sqlite:PATH or postgres://..., so the paused run can be resumed",
    );
  if (values.scoring === "official" && envName !== "travel" && envName !== "science")
    throw new UsageError(
      "--scoring official applies to --env travel and --env science (the other environments have one scoring)",
    );
  const observability = checkObservability(values);
  const configurable: Record<string, unknown> = {
    model,
    maxSteps: intOption(values["max-steps"], "max-steps"),
    maxStepsPerNode: intOption(values["max-steps-per-node"], "max-steps-per-node"),
    maxReplans: intOption(values["max-replans"], "max-replans", { min: 0 }),
    noise: floatOption(values.noise, "noise", 0, 1),
    seed: intOption(values.seed, "seed", { min: 0 }),
    structuredOutputMethod: structured,
    schedule: choiceOption(values.schedule, "schedule", SCHEDULES),
    evaluate: choiceOption(values.evaluate, "evaluate", EVALUATE_MODES),
    staged: values.staged ? true : undefined,
    scoring: choiceOption(values.scoring, "scoring", TRAVEL_SCORINGS),
    approvePlan: values["approve-plan"] ? true : undefined,
  };
  for (const k of Object.keys(configurable)) if (configurable[k] === undefined) delete configurable[k];
  return {
    arch,
    env: envName,
    taskId: values.task ?? null,
    query,
    configurable,
    checkpoint: values.checkpoint ?? null,
    threadId: values.thread?.trim() ?? null,
    json: !!values.json,
    quiet: !!values.quiet || !!values.json,
    ...observability,
  };
}

/** The final state every architecture shares, plus TDP's DAG fields when present. */
export type RunState = ArchState;

export interface RunResult {
  state: RunState;
  seconds: number;
  /** Thread id of a checkpointed run (null in memory). */
  threadId: string | null;
  /** Set when the run paused for plan approval. */
  paused: PlanApprovalRequest | null;
}

export interface StreamRunParams {
  arch: ArchName;
  env: string | null;
  taskId: string | null;
  configurable: Record<string, unknown>;
  checkpointer?: BaseCheckpointSaver;
  threadId: string | null;
  observability: ObservabilityOptions;
  /** Continue an existing trace file rather than starting it afresh (resume). */
  appendTrace?: boolean;
  /** The DAG so far, for progress lines of a resumed run. */
  initialDag?: Dag;
  log?: (line: string) => void;
}

/**
 * Runs one architecture through `runArch` with the CLI's progress printer, call recorders and
 * LangSmith tracer, flushing the traces at the end.
 */
export async function streamRun(
  input: Record<string, unknown> | Command | null,
  p: StreamRunParams,
): Promise<RunResult> {
  const write = p.log ?? (() => {});
  const printer = p.arch === "tdp" ? new LiveDagPrinter(write, p.initialDag) : new BaselinePrinter(write);
  const callbacks: (CallRecorder | LangSmithTracing["tracer"])[] = [];
  if (p.observability.trace)
    callbacks.push(
      jsonlTraceRecorder(p.observability.trace, { prompts: p.observability.prompts, append: !!p.appendTrace }),
    );
  let langsmith: LangSmithTracing | null = null;
  if (p.observability.langsmith) {
    langsmith = createLangSmithTracing();
    callbacks.push(langsmith.tracer);
  }
  try {
    const out = await runArch({
      arch: p.arch,
      input,
      env: p.env,
      configurable: p.configurable,
      checkpointer: p.checkpointer,
      threadId: p.threadId,
      callbacks,
      metadata: runMetadata(p.arch, p.env, p.taskId),
      onEvent: (ns, mode, data) => printer.onEvent(ns, mode, data),
    });
    return {
      state: out.state,
      seconds: out.seconds,
      threadId: p.threadId,
      paused: (out.paused as PlanApprovalRequest | null) ?? null,
    };
  } finally {
    // Also flushes LangChain's own tracer when LANGSMITH_TRACING=true is set without --langsmith.
    await (langsmith ? langsmith.flush() : awaitAllCallbacks());
  }
}

export async function executeRun(
  req: RunRequest,
  opts: { checkpointer?: BaseCheckpointSaver; threadId?: string; log?: (line: string) => void } = {},
): Promise<RunResult> {
  let store: DurableStore | null = null;
  let checkpointer = opts.checkpointer;
  let threadId = opts.threadId ?? req.threadId;
  if (req.checkpoint) {
    store = await openCheckpointStore(req.checkpoint);
    checkpointer = store.saver;
    threadId ??= randomUUID();
    if ((await store.loadRun(threadId)) || (await store.saver.getTuple({ configurable: { thread_id: threadId } }))) {
      await store.close();
      throw new UsageError(
        `thread ${threadId} already exists in ${store.location}: continue it with tdp resume --thread ${threadId} --checkpoint ${req.checkpoint}`,
      );
    }
    await store.saveRun(threadId, {
      arch: req.arch,
      env: req.env,
      taskId: req.taskId,
      query: req.query,
      configurable: req.configurable,
      createdAt: new Date().toISOString(),
    });
    // Printed first, so a run that crashes can still be found and resumed.
    process.stderr.write(
      `thread ${threadId} (resume with: tdp resume --thread ${threadId} --checkpoint ${req.checkpoint})\n`,
    );
  }
  try {
    return await streamRun(
      { env: req.env, taskId: req.taskId, task: req.query ?? "" },
      {
        arch: req.arch,
        env: req.env,
        taskId: req.taskId,
        configurable: req.configurable,
        checkpointer,
        threadId: threadId ?? null,
        observability: req,
        log: opts.log,
      },
    );
  } finally {
    await store?.close();
  }
}

export function formatReport(state: RunState, seconds: number): string {
  const answer = state.answer ?? "";
  const dag = state.dag && Object.keys(state.dag).length ? state.dag : null;
  return [
    `Status: ${state.status}${state.reason ? ` (${state.reason})` : ""}`,
    dag
      ? `DAG after ${state.round} rounds, ${state.stepsUsed} environment steps, ${state.replans} local replans:\n${formatDag(dag)}`
      : `${state.stepsUsed} environment steps, ${state.replans ?? 0} replans`,
    "",
    "Delivered:",
    answer
      ? answer.slice(0, 4000) + (answer.length > 4000 ? `\n… (${answer.length} chars)` : "")
      : "  (nothing delivered)",
    "",
    "Scores:",
    formatScores(state.scores),
    "",
    "Tokens and LLM calls by role:",
    formatUsage(state.usage),
    "",
    `Wall time: ${seconds.toFixed(1)} s`,
  ].join("\n");
}

/** What a paused run prints: the DAG waiting for approval and how to answer. */
export function formatPause(pause: PlanApprovalRequest, threadId: string | null, checkpoint: string | null): string {
  const where =
    threadId && checkpoint ? `--thread ${threadId} --checkpoint ${checkpoint}` : "--thread ID --checkpoint SPEC";
  return [
    `Paused for plan approval${threadId ? ` (thread ${threadId})` : ""}.`,
    ...(pause.errors.length ? ["The last edit was not applied:", ...pause.errors.map((e) => `  - ${e}`)] : []),
    "DAG:",
    ...pause.dag.map(
      (n) =>
        `  ${n.id.padEnd(Math.max(6, ...pause.dag.map((x) => x.id.length)))} ${truncate(n.spec, 90)}${n.deps.length ? ` ← ${n.deps.join(", ")}` : ""}`,
    ),
    "",
    `Approve:  tdp resume ${where} --approve`,
    `Edit:     tdp resume ${where} --dag FILE.json   (FILE: [{"id", "spec", "deps"}, ...])`,
  ].join("\n");
}

/** The one JSON object `--json` prints for a finished or paused run. */
export function runJson(arch: string, result: RunResult): Record<string, unknown> {
  const { task, env, taskId, dag, round, stepsUsed, replans, usage, revisions, answer, scores, status, reason } =
    result.state;
  return {
    arch,
    thread: result.threadId,
    task,
    env,
    taskId,
    status: result.paused ? "paused" : status,
    reason,
    answer,
    scores,
    dag,
    round,
    stepsUsed,
    replans,
    usage,
    revisions,
    ...(result.paused ? { pause: result.paused } : {}),
    seconds: result.seconds,
  };
}

/** Prints a finished or paused run the way `run` and `resume` both do. */
export function printResult(arch: string, result: RunResult, json: boolean, checkpoint: string | null): void {
  if (json) console.log(JSON.stringify(runJson(arch, result), null, 2));
  else if (result.paused) console.log(formatPause(result.paused, result.threadId, checkpoint));
  else console.log(formatReport(result.state, result.seconds));
}

export async function runCommand(argv: string[]): Promise<number> {
  const req = await parseRunArgs(argv);
  if (req === "help") {
    console.log(RUN_HELP);
    return 0;
  }
  const log = req.quiet ? undefined : (line: string) => process.stderr.write(line + "\n");
  const result = await executeRun(req, { log });
  printResult(req.arch, result, req.json, req.checkpoint);
  return finishWith(result);
}

/**
 * The exit code of a finished run. A run that ended `error` also says why on stderr, in one
 * line (the report on stdout may be piped away): the endpoint and the status it answered.
 */
export function finishWith(result: RunResult): number {
  const code = exitCodeOf(result);
  if (code === 1) {
    const reason = (result.state.reason ?? "the model could not be used").split("\n")[0];
    process.stderr.write(`tdp: run error: ${reason}\n`);
  }
  return code;
}

/** 1 when the run could not start its work (status `error`: the model could not be used); else 0. */
export function exitCodeOf(result: RunResult): number {
  return !result.paused && result.state.status === "error" ? 1 : 0;
}
