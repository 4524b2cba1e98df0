/**
 * Title search for the bundled corpus: exact (case-insensitive) match first, then a
 * fuzzy match, and otherwise the five most similar titles.
 *
 * Similarity mixes two signals, each in [0, 1]:
 *  - BM25 over title words, normalised by the best score for the query. It finds titles that
 *    share rare words ("Vance" -> "Marlow Vance", "Marlow Vance (footballer)").
 *  - Dice overlap of character trigrams. It survives typos and missing punctuation
 *    ("Marlow Vanse", "Ostrava Picture").
 *
 * A fuzzy hit opens an article without an exact title match ("Marlo Vance", "Silent Harbor",
 * "Kelholm University"). It needs trigram Dice >= 0.75 and a lead of >= 0.1 over the
 * runner-up. One wrong letter in a two-word name keeps about three quarters of the
 * trigrams, so 0.75 accepts a typo but not a different name (measured on the bundled
 * corpus: a one-letter typo in the middle of a title opens the right article or misses,
 * never a wrong one). The margin refuses to guess between near-twins: "Ostrava Pictures Gr"
 * is 0.91 from "Ostrava Pictures" and 0.88 from "Ostrava Pictures Group", so the reader
 * gets both as suggestions instead of a coin flip.
 */
import type { WikiSearchResult } from "./backend.js";

export const FUZZY_HIT_THRESHOLD = 0.75;
export const FUZZY_HIT_MARGIN = 0.1;
export const SIMILAR_COUNT = 5;

const BM25_K1 = 1.2;
const BM25_B = 0.75;

export interface TitleIndex {
  titles: string[];
  /** Lower-cased, whitespace-collapsed title -> title, for exact hits. */
  exact: Map<string, string>;
  tokens: string[][];
  grams: Set<string>[];
  docFreq: Map<string, number>;
  avgLength: number;
}

export interface RankedTitle {
  title: string;
  /** Mixed similarity used for ranking, in [0, 1]. */
  score: number;
  bm25: number;
  trigram: number;
}

/** Lower case, punctuation to spaces, single spaces: "Vance (footballer)" -> "vance footballer". */
export function normalizeTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function exactKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

export function trigrams(s: string): Set<string> {
  const padded = ` ${normalizeTitle(s)} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two trigram sets: 2|A∩B| / (|A| + |B|). */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function buildTitleIndex(titles: readonly string[]): TitleIndex {
  const tokens = titles.map((t) => normalizeTitle(t).split(" ").filter(Boolean));
  const docFreq = new Map<string, number>();
  for (const toks of tokens) for (const t of new Set(toks)) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  const total = tokens.reduce((n, t) => n + t.length, 0);
  return {
    titles: [...titles],
    exact: new Map(titles.map((t) => [exactKey(t), t])),
    tokens,
    grams: titles.map(trigrams),
    docFreq,
    avgLength: titles.length > 0 ? total / titles.length : 1,
  };
}

function bm25(index: TitleIndex, queryTokens: string[], doc: number): number {
  const toks = index.tokens[doc];
  const n = index.titles.length;
  let score = 0;
  for (const q of queryTokens) {
    const tf = toks.filter((t) => t === q).length;
    if (tf === 0) continue;
    const df = index.docFreq.get(q) ?? 0;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    score += (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * toks.length) / index.avgLength));
  }
  return score;
}

/** Every title with some similarity to the query, best first (ties by title, for stable output). */
export function rankTitles(index: TitleIndex, query: string): RankedTitle[] {
  const queryTokens = normalizeTitle(query).split(" ").filter(Boolean);
  const queryGrams = trigrams(query);
  const raw = index.titles.map((title, i) => ({
    title,
    bm25: bm25(index, queryTokens, i),
    trigram: dice(queryGrams, index.grams[i]),
  }));
  const best = Math.max(0, ...raw.map((r) => r.bm25));
  return raw
    .map((r) => ({ ...r, score: 0.5 * (best > 0 ? r.bm25 / best : 0) + 0.5 * r.trigram }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** Exact title, else a confident fuzzy match, else the top similar titles. */
export function resolveTitle(index: TitleIndex, entity: string): WikiSearchResult {
  const exact = index.exact.get(exactKey(entity));
  if (exact !== undefined) return { found: true, title: exact, exact: true };
  const queryGrams = trigrams(entity);
  let first = { title: "", sim: 0 };
  let second = 0;
  index.titles.forEach((title, i) => {
    const sim = dice(queryGrams, index.grams[i]);
    if (sim > first.sim) {
      second = first.sim;
      first = { title, sim };
    } else if (sim > second) {
      second = sim;
    }
  });
  if (first.sim >= FUZZY_HIT_THRESHOLD && first.sim - second >= FUZZY_HIT_MARGIN) {
    return { found: true, title: first.title, exact: false };
  }
  return {
    found: false,
    similar: rankTitles(index, entity)
      .slice(0, SIMILAR_COUNT)
      .map((r) => r.title),
  };
}
