/**
 * Real token counts for simulated models: the cl100k_base BPE (GPT-4 family) over the
 * actual prompt text, so structural benchmarks measure what an API would bill.
 */
import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import type { BaseMessage } from "@langchain/core/messages";

let encoder: Tiktoken | null = null;

// Simulated histories re-send the same messages many times; BPE over them dominates run time.
const memo = new Map<string, number>();

export function countTokens(text: string): number {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  encoder ??= new Tiktoken(cl100k);
  const n = encoder.encode(text).length;
  if (memo.size > 20_000) memo.clear();
  memo.set(text, n);
  return n;
}

/** The text of a message as a provider would serialise it: content plus tool calls. */
export function messageText(m: BaseMessage): string {
  const content = typeof m.content === "string" ? m.content : JSON.stringify(m.content);
  const calls =
    "tool_calls" in m && Array.isArray(m.tool_calls) && m.tool_calls.length ? JSON.stringify(m.tool_calls) : "";
  return content + calls;
}

/**
 * Prompt tokens of a chat request: every message plus the tool schemas bound to it,
 * with the usual small per-message overhead of chat formats.
 */
export function countPromptTokens(messages: BaseMessage[], toolSchemas: unknown[] = []): number {
  let n = 0;
  for (const m of messages) n += countTokens(messageText(m)) + 4;
  if (toolSchemas.length) n += countTokens(JSON.stringify(toolSchemas));
  return n + 3;
}
