/**
 * Lookup and SubmitAnswer. Fields use `.catch("")` so a wrong type or a missing field comes
 * back as an observation saying what was wrong, never as a schema exception.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import type { CrossoverWorld } from "./world.js";

export const LOOKUP_TOOL = "Lookup";
export const SUBMIT_TOOL = "SubmitAnswer";
export const CROSSOVER_TOOL_NAMES = [LOOKUP_TOOL, SUBMIT_TOOL] as const;
export type CrossoverToolName = (typeof CROSSOVER_TOOL_NAMES)[number];

export interface CrossoverToolHooks {
  submit(answer: string): void;
  /** Called once per tool call, valid or not (step accounting). */
  onCall?(tool: CrossoverToolName, ok: boolean): void;
}

/** SubmitAnswer step: records a non-empty answer; never says whether it is right. */
export function submitStep(hooks: CrossoverToolHooks, answer: string): { ok: boolean; text: string } {
  const text = answer.trim();
  if (text.length === 0) return { ok: false, text: "SubmitAnswer needs a non-empty `answer`: just the number." };
  hooks.submit(text);
  return { ok: true, text: `Answer submitted: ${text}` };
}

export function createCrossoverTools(world: CrossoverWorld, hooks: CrossoverToolHooks): StructuredToolInterface[] {
  const lookup = tool(
    async ({ code }) => {
      const r = world.lookup(code);
      hooks.onCall?.(LOOKUP_TOOL, r.ok);
      return r.text;
    },
    {
      name: LOOKUP_TOOL,
      description:
        "Read a ledger record by its code (a lowercase word, a dash and three digits, e.g. heron-220). " +
        "Returns the page of the registry around that code, one record per line, sorted by code: " +
        "code | holder, branch | filed date | amount | next code. Only the line that begins with exactly " +
        "the requested code is that record.",
      schema: z.object({
        code: z.string().catch("").describe("The record's code, copied exactly, e.g. heron-220."),
      }),
    },
  );
  const submit = tool(
    async ({ answer }) => {
      const r = submitStep(hooks, answer);
      hooks.onCall?.(SUBMIT_TOOL, r.ok);
      return r.text;
    },
    {
      name: SUBMIT_TOOL,
      description: "Submit the final answer the task asks for (a whole number) and finish.",
      schema: z.object({
        answer: z.string().catch("").describe("Just the number, e.g. '2417'."),
      }),
    },
  );
  return [lookup, submit];
}
