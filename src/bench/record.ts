/**
 * One benchmark result line: one (task, architecture) run. The zod schema is the contract
 * between `tdp bench` (writer) and `tdp report` (reader); both validate every line with it.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { ARCH_NAMES } from "../graph/archs.js";

const UsageCountsSchema = z.object({
  input: z.number().int().min(0),
  output: z.number().int().min(0),
  calls: z.number().int().min(0),
});

export const BenchRecordSchema = z.object({
  /** Schema version of the line. */
  v: z.literal(1),
  env: z.string().min(1),
  task_id: z.string().min(1),
  /** Difficulty or task type of the task (the environment's `level`). */
  level: z.string(),
  arch: z.enum(ARCH_NAMES),
  /** Model spec, e.g. "offline" or "openai/gpt-4o". */
  model: z.string().min(1),
  /** Offline simulator noise and seed (recorded for every model; they only affect "offline"). */
  noise: z.number().min(0).max(1),
  seed: z.number().int(),
  /** TDP's schedule and evaluation mode (absent in older lines: the defaults). */
  schedule: z.enum(["dependency", "batch"]).optional(),
  evaluate: z.enum(["every_step", "on_signal"]).optional(),
  /** Global environment-step budget of the run. */
  max_steps: z.number().int().positive(),
  status: z.enum(["completed", "budget_exhausted", "failed", "error"]),
  /** Every metric the environment's scorer returned (empty when the run could not be scored). */
  metrics: z.record(z.string(), z.number()),
  tokens_in: z.number().int().min(0),
  tokens_out: z.number().int().min(0),
  /** Tokens and calls by role (supervisor, planner, executor, evaluator, react, replanner, deliver, ...). */
  tokens_by_role: z.record(z.string(), UsageCountsSchema),
  llm_calls: z.number().int().min(0),
  /** Environment steps (tool calls attempted). */
  steps: z.number().int().min(0),
  /** TDP: local replans; Plan-and-Act: global replans; else 0. */
  replans: z.number().int().min(0),
  /** TDP: Self-Revisions that changed the DAG; else 0. */
  revisions: z.number().int().min(0),
  wall_s: z.number().min(0),
  /**
   * Why the run crashed (recorded as failed), or the reason of a run that ended with status
   * `error` (the model could not be used); null otherwise.
   */
  error: z.string().nullable(),
  /** Prompt tokens of every LLM call, in call order: the context-growth curve. */
  prompt_tokens: z.array(z.number().int().min(0)),
  /** Environment steps already taken when each of those calls returned. */
  call_steps: z.array(z.number().int().min(0)),
  /** Role of each of those calls. */
  call_roles: z.array(z.string()),
  finished_at: z.string(),
});

export type BenchRecord = z.infer<typeof BenchRecordSchema>;

/** Identity of a (task, architecture) pair within a results file. */
export function pairKey(r: { env: string; task_id: string; arch: string }): string {
  return `${r.env}\u0000${r.task_id}\u0000${r.arch}`;
}

export const RESULTS_FILE = "results.jsonl";

/**
 * Reads and validates a results file. A later line for the same pair replaces an earlier one
 * (a re-run after an error). Invalid lines are errors that name the line: a report must never
 * silently drop results.
 */
export function readResults(file: string): BenchRecord[] {
  if (!existsSync(file)) return [];
  const byKey = new Map<string, BenchRecord>();
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new UsageError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = BenchRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(
        `${file}:${i + 1}: invalid result line (${issue.path.join(".") || "(root)"}: ${issue.message})`,
      );
    }
    byKey.set(pairKey(parsed.data), parsed.data);
  });
  return [...byKey.values()];
}

/** Appends one validated line (a synchronous append, so concurrent runs never interleave). */
export function appendResult(file: string, record: BenchRecord): void {
  appendFileSync(file, JSON.stringify(BenchRecordSchema.parse(record)) + "\n");
}

/**
 * A run that produced no result of its own: it crashed, or ended with status `error`. Such a
 * run counts as 0 in every table, is tried again on resume, and its text is shown in the report.
 */
export function crashed(r: Pick<BenchRecord, "error" | "status">): boolean {
  return r.error !== null || r.status === "error";
}

/** A crash as one line of the `error` column: its name and the first line of its message. */
export function errorLine(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
}
