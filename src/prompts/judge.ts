/** Prompt of the optional LLM judge for short answers (the benchmark's LLM-judge column). */

export const JUDGE_PROMPT = `You grade answers to questions. Decide whether the predicted answer means the same as the gold answer for this question. Ignore wording, capitalisation and extra words that do not change the meaning; a different entity, number or yes/no is wrong.

Question: {question}
Gold answer: {gold}
Predicted answer: {predicted}`;
