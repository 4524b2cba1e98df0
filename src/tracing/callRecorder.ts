/**
 * Records every LLM call of a run (role, sub-task, tokens, latency, optionally the prompt)
 * through LangChain callbacks. Used by `--trace FILE.jsonl`, by the benchmark's
 * context-growth numbers, and by tests. Roles and node ids come from the metadata every
 * graph attaches to its LLM calls (see `llmCallConfig`).
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import type { Serialized } from "@langchain/core/load/serializable";

export interface LlmCallRecord {
  /** 1-based order of the call within the run. */
  index: number;
  arch: string | null;
  role: string | null;
  nodeId: string | null;
  taskId: string | null;
  env: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** The prompt as text (omitted when recording without prompts). */
  prompt?: string;
  /** Set on a failed call (each failed attempt of a retried call is one record). */
  error?: string;
}

interface Pending {
  start: number;
  meta: Record<string, unknown>;
  prompt: string;
}

export class CallRecorder extends BaseCallbackHandler {
  name = "tdp_call_recorder";
  /** Calls that returned a reply. */
  readonly calls: LlmCallRecord[] = [];
  /** Calls that failed (an error reply, a timeout, a refused connection), each with its error. */
  readonly failures: LlmCallRecord[] = [];
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly opts: {
      prompts?: boolean;
      onCall?: (r: LlmCallRecord) => void;
      onFailure?: (r: LlmCallRecord) => void;
    } = {},
  ) {
    super();
  }

  override async handleChatModelStart(
    _llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    _extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    const prompt = this.opts.prompts
      ? (messages[0] ?? [])
          .map((m) => `[${m.getType()}] ${typeof m.content === "string" ? m.content : JSON.stringify(m.content)}`)
          .join("\n")
      : "";
    this.pending.set(runId, { start: Date.now(), meta: metadata ?? {}, prompt });
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const p = this.pending.get(runId);
    if (!p) return;
    this.pending.delete(runId);
    const gen = output.generations[0]?.[0] as
      { message?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } } } | undefined;
    const usage =
      gen?.message?.usage_metadata ??
      (output.llmOutput?.tokenUsage as { promptTokens?: number; completionTokens?: number } | undefined);
    const inputTokens =
      (usage && "input_tokens" in usage
        ? usage.input_tokens
        : (usage as { promptTokens?: number } | undefined)?.promptTokens) ?? 0;
    const outputTokens =
      (usage && "output_tokens" in usage
        ? usage.output_tokens
        : (usage as { completionTokens?: number } | undefined)?.completionTokens) ?? 0;
    const record = this.record(p, inputTokens, outputTokens);
    this.calls.push(record);
    this.opts.onCall?.(record);
  }

  override async handleLLMError(err: unknown, runId: string): Promise<void> {
    const p = this.pending.get(runId);
    if (!p) return;
    this.pending.delete(runId);
    const e = err as { status?: unknown; message?: unknown };
    const status = typeof e?.status === "number" ? `${e.status} ` : "";
    const message = typeof e?.message === "string" ? e.message.split("\n")[0] : String(err);
    const record = { ...this.record(p, 0, 0), error: `${status}${message}` };
    this.failures.push(record);
    this.opts.onFailure?.(record);
  }

  private record(p: Pending, inputTokens: number, outputTokens: number): LlmCallRecord {
    const str = (k: string) => (typeof p.meta[k] === "string" ? (p.meta[k] as string) : null);
    return {
      index: this.calls.length + this.failures.length + 1,
      arch: str("arch"),
      role: str("role"),
      nodeId: str("node_id"),
      taskId: str("task_id"),
      env: str("env"),
      inputTokens,
      outputTokens,
      latencyMs: Date.now() - p.start,
      ...(this.opts.prompts ? { prompt: p.prompt } : {}),
    };
  }
}
