/**
 * LLM calls with the run's retry policy and usage accounting.
 *
 * `callStructured`: one structured-output call. Parsing failures and schema violations, under
 * either method (forced function calling, or `json_schema`, whose client-side parse throws),
 * come back as an error string so callers can re-ask quoting the problem. Transient faults are
 * retried (./retry.ts); a call that fails for good throws `ModelCallError`.
 *
 * `callChat`: one plain or tool-calling call (the Executor, ReAct-style turns, delivery text).
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import type { Runnable, RunnableConfig } from "@langchain/core/runnables";
import type { z } from "zod";
import type { StructuredMethod } from "../configuration.js";
import type { UsageCounts } from "../state/reducers.js";
import { classifyFault, withRetry, type RetryPolicy } from "./retry.js";
import { usageOf } from "./usage.js";

export interface StructuredSpec<S extends z.ZodType> {
  name: string;
  schema: S;
}

export interface StructuredResult<T> {
  value: T | null;
  /** Why the output was unusable, phrased for the model. */
  error: string | null;
  /** The raw arguments the model produced, for quoting in a re-ask. */
  raw: unknown;
  usage: UsageCounts;
}

/** How a call is made: the retry policy, and the run's abort signal. */
export interface CallPolicy {
  retry: RetryPolicy;
  signal?: AbortSignal;
}

/** Where a model's calls go, for error messages: the base URL of an OpenAI-style client, else its type. */
export function endpointOf(model: BaseChatModel): string {
  const client = (model as unknown as { clientConfig?: { baseURL?: string | null } }).clientConfig;
  if (client && "baseURL" in client) return client.baseURL ?? "https://api.openai.com/v1";
  if (client) return "https://api.openai.com/v1";
  return model._llmType();
}

function retried<T>(model: BaseChatModel, policy: CallPolicy, failures: { n: number }, call: () => Promise<T>) {
  return withRetry(call, {
    policy: policy.retry,
    endpoint: endpointOf(model),
    signal: policy.signal,
    onFailedAttempt: () => failures.n++,
  });
}

export async function callStructured<S extends z.ZodType>(
  model: BaseChatModel,
  spec: StructuredSpec<S>,
  messages: BaseMessage[],
  method: StructuredMethod,
  config: RunnableConfig,
  policy: CallPolicy,
): Promise<StructuredResult<z.infer<S>>> {
  const runnable = model.withStructuredOutput(spec.schema, { name: spec.name, method, includeRaw: true });
  const failures = { n: 0 };
  let out: { raw: BaseMessage; parsed: unknown };
  try {
    out = (await retried(model, policy, failures, () => runnable.invoke(messages, config))) as typeof out;
  } catch (err) {
    // A reply the client could not parse into the schema: the same path as a function-calling miss.
    const fault = classifyFault(err);
    if (fault.kind !== "bad_output") throw err;
    return {
      value: null,
      error: `the reply did not match the ${spec.name} schema: ${fault.message.slice(0, 500)}`,
      raw: null,
      usage: { input: 0, output: 0, calls: 0, errors: failures.n },
    };
  }
  const usage = withErrors(usageOf(out.raw), failures.n);
  const raw = out.parsed ?? rawArgs(out.raw, spec.name);
  if (out.parsed === null || out.parsed === undefined) {
    return { value: null, error: `no valid ${spec.name} output could be parsed`, raw, usage };
  }
  const checked = spec.schema.safeParse(out.parsed);
  if (!checked.success) {
    const msg = checked.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { value: null, error: msg, raw, usage };
  }
  return { value: checked.data as z.infer<S>, error: null, raw, usage };
}

/** One chat call (tools bound or not) under the retry policy. */
export async function callChat(
  model: BaseChatModel,
  runnable: Runnable<BaseLanguageModelInput, AIMessageChunk>,
  messages: BaseMessage[],
  config: RunnableConfig,
  policy: CallPolicy,
): Promise<{ reply: AIMessageChunk; usage: UsageCounts }> {
  const failures = { n: 0 };
  const reply = await retried(model, policy, failures, () => runnable.invoke(messages, config));
  return { reply, usage: withErrors(usageOf(reply), failures.n) };
}

function withErrors(u: UsageCounts, errors: number): UsageCounts {
  return errors ? { ...u, errors } : u;
}

function rawArgs(msg: BaseMessage, name: string): unknown {
  const calls = "tool_calls" in msg && Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
  const call = calls.find((c) => c.name === name);
  return call?.args ?? msg.content;
}
