/**
 * The structured call every planning role makes: call, validate, and on a problem re-ask
 * once quoting it. Used by the Supervisor (a DAG), Self-Revision (a revision) and the
 * baselines' planners, so the re-ask protocol is written once.
 */
import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { z } from "zod";
import type { StructuredMethod } from "../../configuration.js";
import { callStructured, type StructuredSpec } from "../../models/structured.js";
import { fillPrompt } from "../../prompts/fill.js";
import { REASK_PROMPT } from "../../prompts/shared.js";
import { addUsage, type Usage } from "../../state/reducers.js";
import type { CallMeta, RunContext } from "./runContext.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface ReaskResult<T> {
  /** The accepted value, or null when every attempt failed. */
  value: T | null;
  /** Every problem quoted back, in order. */
  errors: string[];
  usage: Usage;
}

export interface ReaskParams<S extends z.ZodType, T> {
  run: Pick<RunContext, "callConfig" | "policy">;
  model: BaseChatModel;
  spec: StructuredSpec<S>;
  messages: BaseMessage[];
  method: StructuredMethod;
  meta: CallMeta;
  /** What the re-ask calls the output ("DAG", "revision", "plan"). */
  what: string;
  /** Checks a schema-valid output (e.g. DAG rules); the default accepts it as is. */
  check?: (value: z.infer<S>) => Checked<T>;
  /** Tries in all (default 2: the call and one re-ask). */
  attempts?: number;
}

export async function callWithReask<S extends z.ZodType, T = z.infer<S>>(
  p: ReaskParams<S, T>,
): Promise<ReaskResult<T>> {
  const messages = [...p.messages];
  const check = p.check ?? ((v: z.infer<S>) => ({ ok: true as const, value: v as unknown as T }));
  const errors: string[] = [];
  let usage: Usage = {};
  for (let attempt = 0; attempt < (p.attempts ?? 2); attempt++) {
    const out = await callStructured(
      p.model,
      p.spec,
      messages,
      p.method,
      p.run.callConfig({ ...p.meta, attempt }),
      p.run.policy,
    );
    usage = addUsage(usage, { [p.meta.role]: out.usage });
    let problems: string[];
    if (out.value !== null) {
      const checked = check(out.value);
      if (checked.ok) return { value: checked.value, errors, usage };
      problems = checked.errors;
    } else {
      problems = [out.error ?? "unparseable output"];
    }
    errors.push(...problems);
    messages.push(
      new HumanMessage(
        fillPrompt(REASK_PROMPT, {
          what: p.what,
          errors: problems.join("; "),
          previous: JSON.stringify(out.raw)?.slice(0, 4000) ?? "(none)",
        }),
      ),
    );
  }
  return { value: null, errors, usage };
}
