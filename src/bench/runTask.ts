/**
 * Runs one architecture on one bundled task and turns the run into a result line: scores,
 * tokens by role, steps, replans, wall time and the per-call prompt tokens (from the
 * CallRecorder, so every LLM call of every architecture is counted the same way).
 */
import { randomUUID } from "node:crypto";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { ensureConfiguration } from "../configuration.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { totalUsage, type Usage } from "../state/reducers.js";
import { getEnvironment } from "../tools/registry.js";
import { peekSession, releaseSession } from "../tools/sessions.js";
import { CallRecorder } from "../tracing/callRecorder.js";
import type { ArchName, ArchState } from "../graph/archs.js";
import { runArch } from "../graph/run.js";
import { errorLine, type BenchRecord } from "./record.js";
import { judgeAccuracy, type AnswerJudge } from "../tools/wiki/metrics.js";

export interface TaskRunSpec {
  env: string;
  taskId: string;
  level: string;
  arch: ArchName;
  /** Model spec recorded in the line (the model itself comes from `configurable.model` or `options`). */
  model: string;
  /** LangGraph configurable: model, noise, seed, maxSteps, caps... */
  configurable: Record<string, unknown>;
  /** Models/tools passed to the graph builder directly (tests, the structural benchmark). */
  options?: AgentOptions;
  /** Optional LLM judge: adds `llm_judge_accuracy` for environments that support judging. */
  judge?: AnswerJudge;
  /**
   * "official": score the delivered work with the original benchmark's evaluator (TravelPlanner's
   * eval.py verdicts) instead of the strict default the graph scored it with.
   */
  scoring?: "strict" | "official";
}

function stepsSoFar(runId: string, last: number): number {
  const counts = peekSession(runId)?.callCounts();
  if (!counts) return last;
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function usageFromCalls(recorder: CallRecorder): Usage {
  const usage: Usage = {};
  for (const c of recorder.calls) {
    const role = c.role ?? "unknown";
    const u = usage[role] ?? { input: 0, output: 0, calls: 0 };
    usage[role] = { input: u.input + c.inputTokens, output: u.output + c.outputTokens, calls: u.calls + 1 };
  }
  return usage;
}

export async function runTask(spec: TaskRunSpec): Promise<BenchRecord> {
  const cfg = ensureConfiguration({ configurable: spec.configurable });
  const environment = await getEnvironment(spec.env);
  const maxSteps = cfg.maxSteps ?? environment.defaultMaxSteps;
  const runId = `bench-${spec.arch}-${spec.taskId}-${randomUUID().slice(0, 8)}`;
  const callSteps: number[] = [];
  let lastSteps = 0;
  const recorder = new CallRecorder({
    onCall: () => {
      lastSteps = stepsSoFar(runId, lastSteps);
      callSteps.push(lastSteps);
    },
  });
  // Handle each call inline (not in the background), so the step count read at a call's end is that call's.
  recorder.awaitHandlers = true;
  const started = performance.now();
  let out: ArchState | null = null;
  let error: string | null = null;
  try {
    out = (
      await runArch({
        arch: spec.arch,
        input: { env: spec.env, taskId: spec.taskId },
        env: spec.env,
        configurable: spec.scoring ? { ...spec.configurable, scoring: spec.scoring } : spec.configurable,
        agent: spec.options,
        threadId: runId,
        callbacks: [recorder],
        // Kept so a run that crashed can still be scored on what it delivered.
        keepSession: true,
      })
    ).state;
  } catch (e) {
    error = errorLine(e);
  }
  // A run that could not use its model ends `error` with a reason: that reason is the line's error text.
  if (out?.status === "error") error ??= out.reason ?? "the run ended with status error";
  const wall = (performance.now() - started) / 1000;
  await awaitAllCallbacks();
  // A crashed run is still scored on whatever it delivered (usually nothing), like an undelivered plan.
  let metrics = out?.scores ?? null;
  const session = peekSession(runId);
  if (!metrics && session) {
    try {
      metrics = environment.score(spec.taskId, session, { scoring: spec.scoring ?? "strict" });
    } catch {
      metrics = null;
    }
  }
  releaseSession(runId);
  if (spec.judge && environment.judgeInput && metrics) {
    const { question, gold } = environment.judgeInput(spec.taskId);
    try {
      metrics = {
        ...metrics,
        llm_judge_accuracy: await judgeAccuracy(question, gold, out?.answer ?? null, spec.judge),
      };
    } catch (e) {
      error ??= `judge failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
    }
  }
  const usage = out?.usage ?? usageFromCalls(recorder);
  const total = totalUsage(usage);
  return {
    v: 1,
    env: spec.env,
    task_id: spec.taskId,
    level: spec.level,
    arch: spec.arch,
    model: spec.model,
    noise: cfg.noise,
    schedule: cfg.schedule,
    evaluate: cfg.evaluate,
    seed: cfg.seed,
    max_steps: maxSteps,
    status: out && out.status !== "running" ? out.status : "failed",
    metrics: metrics ?? {},
    tokens_in: total.input,
    tokens_out: total.output,
    tokens_by_role: usage,
    llm_calls: total.calls,
    steps: out?.stepsUsed ?? lastSteps,
    replans: out?.replans ?? 0,
    revisions: (out?.revisions ?? []).filter((r) => r.stage === "revise" && r.accepted && r.changes > 0).length,
    wall_s: Math.round(wall * 1000) / 1000,
    error,
    prompt_tokens: recorder.calls.map((c) => c.inputTokens),
    call_steps: callSteps,
    call_roles: recorder.calls.map((c) => c.role ?? "unknown"),
    finished_at: new Date().toISOString(),
  };
}
