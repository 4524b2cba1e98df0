/**
 * HotpotQA answer metrics.
 *
 * `normalizeAnswer`, `exactMatch` and `f1Score` give the same results as the official
 * `hotpot_evaluate_v1.py` (`normalize_answer`, `exact_match_score`, `f1_score`) on any
 * Unicode input: lower-case, drop ASCII punctuation (`string.punctuation`), replace the
 * articles a/an/the at Python-`re` word boundaries (Unicode-aware, so "ñthe" keeps its
 * "the"), and split on Python's whitespace set (`str.split()`); token F1 is 0 whenever
 * either side normalises to yes/no/noanswer and the two differ. `coverMatch` is the
 * "cover-EM" accuracy used by several agent papers: the normalised gold answer appears, as
 * whole tokens, inside the normalised prediction. It is not HotpotQA's EM.
 */
import type { Scores } from "../types.js";
import { pySplit, pyWordBounded } from "./pyText.js";

/** Python's `string.punctuation`: ASCII only. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = new RegExp(pyWordBounded("a|an|the"), "gu");
const SPECIAL_ANSWERS = new Set(["yes", "no", "noanswer"]);

/** `normalize_answer` of hotpot_evaluate_v1: white_space_fix(remove_articles(remove_punc(lower(s)))). */
export function normalizeAnswer(s: string): string {
  return pySplit(s.toLowerCase().replace(PUNCTUATION, "").replace(ARTICLES, " ")).join(" ");
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

export interface F1Parts {
  f1: number;
  precision: number;
  recall: number;
}

/** Token-level F1 with HotpotQA's yes/no/noanswer rule. */
export function f1Parts(prediction: string, gold: string): F1Parts {
  const zero = { f1: 0, precision: 0, recall: 0 };
  const p = normalizeAnswer(prediction);
  const g = normalizeAnswer(gold);
  if ((SPECIAL_ANSWERS.has(p) || SPECIAL_ANSWERS.has(g)) && p !== g) return zero;
  const pTokens = pySplit(p);
  const gTokens = pySplit(g);
  const goldCounts = new Map<string, number>();
  for (const t of gTokens) goldCounts.set(t, (goldCounts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of pTokens) {
    const left = goldCounts.get(t) ?? 0;
    if (left > 0) {
      same++;
      goldCounts.set(t, left - 1);
    }
  }
  if (same === 0) return zero;
  const precision = same / pTokens.length;
  const recall = same / gTokens.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

export function f1Score(prediction: string, gold: string): number {
  return f1Parts(prediction, gold).f1;
}

/** Cover-EM: exact match, or the normalised gold occurs as whole tokens in the prediction. */
export function coverMatch(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction);
  const g = normalizeAnswer(gold);
  if (g.length === 0) return 0;
  return p === g || ` ${p} `.includes(` ${g} `) ? 1 : 0;
}

/** Per-run scores written by the benchmark (all 0/1 except f1). */
export type WikiScores = {
  delivered: number;
  em: number;
  f1: number;
  accuracy: number;
};

/** Scores one delivered answer (null or blank = nothing delivered, every score 0). */
export function scoreAnswer(prediction: string | null, gold: string): WikiScores {
  if (prediction === null || prediction.trim().length === 0) return { delivered: 0, em: 0, f1: 0, accuracy: 0 };
  return {
    delivered: 1,
    em: exactMatch(prediction, gold),
    f1: f1Score(prediction, gold),
    accuracy: coverMatch(prediction, gold),
  };
}

export type WikiAggregate = {
  n: number;
  em: number;
  f1: number;
  accuracy: number;
  /** Share of runs that delivered a non-empty answer. */
  delivery_rate: number;
  /** Accuracy over delivered runs only (0 when nothing was delivered). */
  accurate_delivery: number;
};

/** Dataset-level means; accurate-delivery is accuracy among runs that delivered. */
export function aggregateWiki(scores: readonly Scores[]): WikiAggregate {
  const n = scores.length;
  const mean = (key: string) => (n === 0 ? 0 : scores.reduce((sum, s) => sum + (s[key] ?? 0), 0) / n);
  const delivered = scores.filter((s) => (s.delivered ?? 0) > 0);
  const accurateDelivered = delivered.reduce((sum, s) => sum + (s.accuracy ?? 0), 0);
  return {
    n,
    em: mean("em"),
    f1: mean("f1"),
    accuracy: mean("accuracy"),
    delivery_rate: mean("delivered"),
    accurate_delivery: delivered.length === 0 ? 0 : accurateDelivered / delivered.length,
  };
}

/** Decides whether a predicted answer means the same as the gold one (e.g. an LLM judge). */
export type AnswerJudge = (question: string, gold: string, predicted: string) => Promise<boolean>;

/**
 * Judged accuracy (0/1). Nothing delivered scores 0 and an exact match scores 1 without
 * asking the judge; otherwise the judge decides, or cover-EM when no judge is given.
 */
export async function judgeAccuracy(
  question: string,
  gold: string,
  predicted: string | null,
  judge?: AnswerJudge,
): Promise<number> {
  if (predicted === null || predicted.trim().length === 0) return 0;
  if (exactMatch(predicted, gold) === 1) return 1;
  if (!judge) return coverMatch(predicted, gold);
  return (await judge(question, gold, predicted)) ? 1 : 0;
}
