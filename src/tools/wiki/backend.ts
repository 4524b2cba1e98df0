/**
 * What the wiki tools need from an encyclopaedia. The bundled generated corpus implements
 * it; so can a real search service (Wikipedia's API, a local Elasticsearch/BM25 index...).
 */
import { buildTitleIndex, resolveTitle } from "./search.js";

export type Awaitable<T> = T | Promise<T>;

/** An article as the tools see it: a title and its sentences in reading order. */
export interface WikiArticle {
  title: string;
  sentences: string[];
}

/** Outcome of looking an entity up: an article to open, or titles to suggest. */
export type WikiSearchResult =
  | {
      found: true;
      title: string;
      /** False when the title was reached by fuzzy matching (the tools then say which article opened). */
      exact: boolean;
    }
  | {
      found: false;
      /** Up to five titles, most similar first. */
      similar: string[];
    };

export interface WikiBackend {
  /** Resolve an entity name to an article title, or suggest similar titles. */
  search(entity: string): Awaitable<WikiSearchResult>;
  /** The full article with this exact title, or null if there is none. */
  article(title: string): Awaitable<WikiArticle | null>;
}

/**
 * Splits prose into sentences at ". ", "! " and "? " before a capital, digit or quote: good
 * enough for encyclopaedia text from a real backend (the bundled corpus is pre-split).
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=["'([]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A backend over in-memory articles, with the title ranking of `search.ts`. */
export function memoryBackend(articles: readonly WikiArticle[]): WikiBackend {
  // Copy out title and sentences only: corpus articles also carry answer metadata.
  const byTitle = new Map(articles.map((a) => [a.title, { title: a.title, sentences: [...a.sentences] }]));
  const index = buildTitleIndex(articles.map((a) => a.title));
  return {
    search: (entity) => resolveTitle(index, entity),
    article: (title) => byTitle.get(title) ?? null,
  };
}
