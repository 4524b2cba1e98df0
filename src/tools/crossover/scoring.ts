/**
 * Scoring: the answer is one whole number, so grading is exact. The submission's last whole
 * number (thousands separators allowed) must equal the sum of the chain results; anything
 * else, or no number at all, is wrong.
 */
import type { Scores } from "../types.js";

/** The last whole number written in `text`, or null. "Sum: 2,417." -> 2417. */
export function lastInteger(text: string): number | null {
  const matches = text.match(/-?\d{1,3}(?:,\d{3})+(?!\d)|-?\d+/g);
  if (!matches) return null;
  const n = Number(matches[matches.length - 1].replace(/,/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

/** `delivered`: something was submitted; `correct`: it is the right number. */
export function scoreSubmission(submission: string | null, answer: number): Scores {
  const text = submission?.trim() ?? "";
  if (!text) return { delivered: 0, correct: 0 };
  return { delivered: 1, correct: lastInteger(text) === answer ? 1 : 0 };
}
