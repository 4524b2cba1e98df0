/**
 * Local traces without LangSmith: `--trace FILE.jsonl` writes one line per LLM call (arch,
 * role, DAG node, prompt and output tokens, latency, and the prompt text unless
 * `--no-prompts`). Lines are appended as calls finish, so a crashed run keeps its trace and a
 * resumed run continues the same file.
 */
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { CallRecorder, type LlmCallRecord } from "./callRecorder.js";

export const TraceLineSchema = z.object({
  index: z.number().int().positive(),
  arch: z.string().nullable(),
  role: z.string().nullable(),
  nodeId: z.string().nullable(),
  taskId: z.string().nullable(),
  env: z.string().nullable(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  latencyMs: z.number().min(0),
  prompt: z.string().optional(),
  /** A failed call: what went wrong (such lines have no tokens). */
  error: z.string().optional(),
});

/** A recorder that also writes each call to a JSONL file. */
export function jsonlTraceRecorder(path: string, opts: { prompts: boolean; append: boolean }): CallRecorder {
  let offset = 0;
  if (opts.append && existsSync(path))
    offset = readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim()).length;
  else writeFileSync(path, "");
  const write = (r: LlmCallRecord) => appendFileSync(path, JSON.stringify({ ...r, index: r.index + offset }) + "\n");
  return new CallRecorder({ prompts: opts.prompts, onCall: write, onFailure: write });
}

/** Reads a trace file; a missing file or a malformed line is a usage error naming the line. */
export function readTrace(path: string): LlmCallRecord[] {
  if (!existsSync(path)) throw new UsageError(`no such trace file: ${path}`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory, not a trace file (.jsonl)`);
  const out: LlmCallRecord[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new UsageError(`${path}:${i + 1} is not JSON`);
      }
      const checked = TraceLineSchema.safeParse(parsed);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new UsageError(
          `${path}:${i + 1} is not a trace line (${issue.path.join(".") || "line"}: ${issue.message})`,
        );
      }
      out.push(checked.data);
    });
  return out;
}
