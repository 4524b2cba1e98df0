/**
 * One structured-output call with usage accounting and validation. Parsing failures and
 * schema violations come back as an error string (never thrown), so callers can re-ask
 * the model quoting the problem.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { z } from "zod";
import type { StructuredMethod } from "../configuration.js";
import type { UsageCounts } from "../state/reducers.js";
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

export async function callStructured<S extends z.ZodType>(
  model: BaseChatModel,
  spec: StructuredSpec<S>,
  messages: BaseMessage[],
  method: StructuredMethod,
  config: RunnableConfig,
): Promise<StructuredResult<z.infer<S>>> {
  const runnable = model.withStructuredOutput(spec.schema, { name: spec.name, method, includeRaw: true });
  const out = (await runnable.invoke(messages, config)) as { raw: BaseMessage; parsed: unknown };
  const usage = usageOf(out.raw);
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

function rawArgs(msg: BaseMessage, name: string): unknown {
  const calls = "tool_calls" in msg && Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
  const call = calls.find((c) => c.name === name);
  return call?.args ?? msg.content;
}
