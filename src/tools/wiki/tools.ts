/**
 * Search / Lookup / Finish with the semantics of the interactive HotpotQA environment used
 * by ReAct (Yao et al.): Search opens an article and shows its first five sentences (or
 * suggests similar titles), Lookup walks through the open article's sentences that contain
 * a keyword, Finish submits the answer.
 *
 * The open article and the lookup cursor live in a `WikiReader`. A session keeps one reader
 * per scope (DAG node), so parallel branches never move each other's cursor.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import type { WikiArticle, WikiBackend } from "./backend.js";

export const WIKI_TOOL_NAMES = ["Search", "Lookup", "Finish"] as const;
export type WikiToolName = (typeof WIKI_TOOL_NAMES)[number];

/** Sentences Search shows, as in the original environment. */
export const SEARCH_SENTENCES = 5;

/** One reader's position: the open article and where Lookup has got to. */
export interface WikiReader {
  article: WikiArticle | null;
  /** Keyword of the current lookup run (lower-cased); a different keyword starts over. */
  keyword: string | null;
  /** Sentences of the open article containing `keyword`, in article order. */
  matches: string[];
  /** How many of `matches` Lookup has already returned. */
  cursor: number;
}

export function newReader(): WikiReader {
  return { article: null, keyword: null, matches: [], cursor: 0 };
}

export interface WikiToolHooks {
  /** Receives the answer of a valid Finish call. */
  submit(answer: string): void;
  /** Called once per tool call, valid or not (step accounting). */
  onCall?(tool: WikiToolName): void;
}

/**
 * Search step. A hit opens the article and resets the lookup cursor. A miss leaves the
 * reader as it was (the original environment keeps the previous page open too), as does an
 * invalid call or a failing backend.
 */
export async function searchStep(backend: WikiBackend, reader: WikiReader, entity: string): Promise<string> {
  const query = entity.trim();
  if (query.length === 0) return "Search needs a non-empty `entity`: the name or title of the article to open.";
  let article: WikiArticle | null;
  let exact: boolean;
  try {
    const result = await backend.search(query);
    if (!result.found) return `Could not find ${query}. Similar: [${result.similar.join(", ")}].`;
    article = await backend.article(result.title);
    exact = result.exact;
    if (!article) return `Could not open the article "${result.title}". Try another search.`;
  } catch (err) {
    return `Search failed: ${err instanceof Error ? err.message : String(err)}. Try again or search for another entity.`;
  }
  reader.article = article;
  reader.keyword = null;
  reader.matches = [];
  reader.cursor = 0;
  const lead = article.sentences.slice(0, SEARCH_SENTENCES).join(" ");
  const text = lead.length > 0 ? lead : "(The article is empty.)";
  return exact ? text : `(Closest match for "${query}": ${article.title}) ${text}`;
}

/**
 * Lookup step: the next sentence of the open article containing `keyword`
 * (case-insensitive), as "(Result i / N) sentence". Repeating the keyword advances; a new
 * keyword starts from the first match.
 */
export function lookupStep(reader: WikiReader, keyword: string): string {
  const key = keyword.trim().toLowerCase();
  if (key.length === 0) return "Lookup needs a non-empty `keyword` to find in the open article.";
  if (!reader.article) return "No article is open. Use Search to open an article first, then Lookup a keyword in it.";
  if (reader.keyword !== key) {
    reader.keyword = key;
    reader.matches = reader.article.sentences.filter((s) => s.toLowerCase().includes(key));
    reader.cursor = 0;
  }
  if (reader.cursor >= reader.matches.length) return "No more results.";
  const sentence = reader.matches[reader.cursor];
  reader.cursor += 1;
  return `(Result ${reader.cursor} / ${reader.matches.length}) ${sentence}`;
}

/** Finish step: records a non-empty answer; never says whether it is right. */
export function finishStep(hooks: WikiToolHooks, answer: string): string {
  const text = answer.trim();
  if (text.length === 0) return "Finish needs a non-empty `answer`: a short phrase, or yes/no.";
  hooks.submit(text);
  return `Answer submitted: ${text}`;
}

/**
 * The three tools over any backend. Fields use `.catch("")` so a wrong type or a missing
 * field reaches the step functions as "" and comes back as an observation instead of a
 * schema exception.
 */
export function createWikiTools(
  backend: WikiBackend,
  reader: WikiReader,
  hooks: WikiToolHooks,
): StructuredToolInterface[] {
  const search = tool(
    async ({ entity }) => {
      hooks.onCall?.("Search");
      return searchStep(backend, reader, entity);
    },
    {
      name: "Search",
      description:
        "Search the encyclopedia for an entity (person, place, film, book, company, band, university). " +
        "If an article matches, returns its first five sentences and opens it for Lookup; " +
        "otherwise returns up to five similar article titles you can search for next.",
      schema: z.object({
        entity: z
          .string()
          .catch("")
          .describe("Name or article title of the entity, e.g. a person's full name or a film title."),
      }),
    },
  );
  const lookup = tool(
    async ({ keyword }) => {
      hooks.onCall?.("Lookup");
      return lookupStep(reader, keyword);
    },
    {
      name: "Lookup",
      description:
        "Find the next sentence containing a keyword in the article opened by your last successful Search, " +
        'shown as "(Result i / N) sentence". Repeat the same keyword to see later matches; use it for facts ' +
        "beyond the first five sentences.",
      schema: z.object({
        keyword: z.string().catch("").describe("Word or phrase to find in the open article (case-insensitive)."),
      }),
    },
  );
  const finish = tool(
    async ({ answer }) => {
      hooks.onCall?.("Finish");
      return finishStep(hooks, answer);
    },
    {
      name: "Finish",
      description:
        "Submit the final answer and finish: a short phrase taken from the articles (a name, year, number or place), or yes/no.",
      schema: z.object({
        answer: z.string().catch("").describe("The final answer only, e.g. '1954', 'Marlow Vance' or 'yes'."),
      }),
    },
  );
  return [search, lookup, finish];
}
