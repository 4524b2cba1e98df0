/**
 * The optional LLM judge of `tdp bench --judge MODEL`: a real model decides whether a
 * predicted short answer means the gold one. Its verdicts fill a separate column
 * (`llm_judge_accuracy`); exact matches and empty answers never reach it (see `judgeAccuracy`).
 * The offline simulator never grades anything, so it cannot be a judge.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { ConfigurationSchema, type StructuredMethod } from "../configuration.js";
import { retryPolicyOf } from "../models/retry.js";
import { callStructured } from "../models/structured.js";
import { fillPrompt } from "../prompts/fill.js";
import { JUDGE_PROMPT } from "../prompts/judge.js";
import type { AnswerJudge } from "../tools/wiki/metrics.js";

const Verdict = {
  name: "grade_answer",
  schema: z
    .object({ correct: z.boolean().describe("True if the predicted answer means the gold answer") })
    .describe("Grade one answer"),
};

export function createLlmJudge(model: BaseChatModel, method: StructuredMethod = "functionCalling"): AnswerJudge {
  return async (question, gold, predicted) => {
    const out = await callStructured(
      model,
      Verdict,
      [
        new SystemMessage(fillPrompt(JUDGE_PROMPT, { question, gold, predicted })),
        new HumanMessage("Grade the predicted answer."),
      ],
      method,
      { runName: "judge", metadata: { role: "judge" } },
      { retry: retryPolicyOf(ConfigurationSchema.parse({})) },
    );
    // An unreadable verdict counts as wrong rather than guessing.
    return out.value?.correct ?? false;
  };
}
