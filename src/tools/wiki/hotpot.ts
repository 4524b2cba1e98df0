/**
 * The official HotpotQA data as a wiki environment: a dev (distractor or fullwiki) or train
 * JSON file is a list of records with `_id`, `question`, `answer`, `type`, `level`,
 * `supporting_facts` ([[title, sentence index], ...]) and `context` ([[title, [sentences]],
 * ...]). The paragraphs of every record's context become one local encyclopaedia, so the real
 * questions run offline with the same Search / Lookup / Finish tools and the same scoring as
 * the bundled corpus. Each record keeps the paragraphs its own context gave it; a title
 * repeated across records keeps its first paragraph.
 */
import { readFileSync } from "node:fs";
import { UnknownTaskError, UsageError } from "../../errors.js";
import {
  type Environment,
  type ReferenceAction,
  type ReferenceSolution,
  type ReferenceSubtask,
  type TaskInfo,
} from "../types.js";
import { memoryBackend, type WikiArticle } from "./backend.js";
import { scoreAnswer } from "./metrics.js";
import { createWikiSession } from "./session.js";
import { SEARCH_SENTENCES } from "./tools.js";

/** One record of an official HotpotQA file, as the loader keeps it. */
export interface HotpotRecord {
  _id: string;
  question: string;
  answer: string;
  /** "bridge" | "comparison". */
  type: string;
  /** "easy" | "medium" | "hard" (every dev record is "hard"). */
  level: string;
  supporting_facts: [string, number][];
  context: [string, string[]][];
}

function describe(v: unknown): string {
  return Array.isArray(v) ? "a list" : v === null ? "null" : typeof v;
}

/** Validates one record; every problem names the record so a user can find it. */
function parseRecord(raw: unknown, i: number, file: string): HotpotRecord {
  const where = `${file}: record ${i + 1}`;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new UsageError(`${where} is not an object`);
  const r = raw as Record<string, unknown>;
  const text = (key: string, required = true): string => {
    const v = r[key];
    if (typeof v === "string" && (v.trim() !== "" || !required)) return v;
    if (v === undefined && !required) return "";
    throw new UsageError(`${where}: "${key}" must be a non-empty string (got ${describe(v)})`);
  };
  const id = text("_id");
  if (r.answer === undefined)
    throw new UsageError(`${where} (${id}) has no "answer" (test-set files without answers cannot be scored)`);
  const context = r.context;
  if (!Array.isArray(context) || context.length === 0)
    throw new UsageError(`${where} (${id}): "context" must be a non-empty list of [title, [sentences]]`);
  const paragraphs: [string, string[]][] = context.map((p, j) => {
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      typeof p[0] !== "string" ||
      !Array.isArray(p[1]) ||
      !p[1].every((s) => typeof s === "string")
    ) {
      throw new UsageError(`${where} (${id}): context[${j}] is not [title, [sentences]]`);
    }
    return [p[0], p[1] as string[]];
  });
  const facts = r.supporting_facts ?? [];
  if (!Array.isArray(facts)) throw new UsageError(`${where} (${id}): "supporting_facts" must be a list`);
  const supporting: [string, number][] = facts.map((f, j) => {
    if (!Array.isArray(f) || typeof f[0] !== "string" || !Number.isInteger(f[1]))
      throw new UsageError(`${where} (${id}): supporting_facts[${j}] is not [title, sentence index]`);
    return [f[0], f[1] as number];
  });
  return {
    _id: id,
    question: text("question"),
    answer: text("answer", false),
    type: text("type", false) || "unknown",
    level: text("level", false),
    supporting_facts: supporting,
    context: paragraphs,
  };
}

/** Reads an official HotpotQA JSON file (a list of records). */
export function loadHotpotRecords(file: string): HotpotRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new UsageError(`${file} is not valid JSON (expected a HotpotQA file: a list of records)`);
  }
  if (!Array.isArray(data) || data.length === 0)
    throw new UsageError(`${file} must hold a non-empty JSON list of HotpotQA records`);
  const records = data.map((r, i) => parseRecord(r, i, file));
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r._id)) throw new UsageError(`${file}: duplicate _id "${r._id}"`);
    seen.add(r._id);
  }
  return records;
}

/** The articles of all records' contexts: sentences trimmed (HotpotQA stores them with leading spaces). */
export function hotpotArticles(records: readonly HotpotRecord[]): WikiArticle[] {
  const byTitle = new Map<string, WikiArticle>();
  for (const r of records) {
    for (const [title, sentences] of r.context) {
      if (!byTitle.has(title)) byTitle.set(title, { title, sentences: sentences.map((s) => s.trim()) });
    }
  }
  return [...byTitle.values()];
}

/** The level a record is listed and sampled under: its type and difficulty, e.g. "bridge-hard". */
export function hotpotLevel(r: HotpotRecord): string {
  return r.level ? `${r.type}-${r.level}` : r.type;
}

/**
 * A reference for the offline simulator: open each supporting article (Lookup the supporting
 * sentence when it lies past the first five), then Finish with the gold answer. It is a
 * replay script, not a claim about how a model should solve the question.
 */
export function hotpotReference(r: HotpotRecord, articles: ReadonlyMap<string, WikiArticle>): ReferenceSolution {
  const titles = [...new Set(r.supporting_facts.map(([t]) => t))].filter((t) => articles.has(t));
  const subtasks: ReferenceSubtask[] = titles.map((title, i) => {
    const article = articles.get(title)!;
    const actions: ReferenceAction[] = [{ tool: "Search", args: { entity: title } }];
    for (const [t, index] of r.supporting_facts) {
      const sentence = t === title ? article.sentences[index] : undefined;
      if (index < SEARCH_SENTENCES || !sentence) continue;
      const keyword = sentence.toLowerCase();
      const rank = article.sentences.slice(0, index + 1).filter((s) => s.toLowerCase().includes(keyword)).length;
      for (let k = 0; k < rank; k++) actions.push({ tool: "Lookup", args: { keyword: sentence } });
    }
    return { id: `read-${i + 1}`, spec: `Read the article "${title}" for the question's facts.`, deps: [], actions };
  });
  subtasks.push({
    id: "answer",
    spec: `Answer the question from the facts found: ${r.question}`,
    deps: subtasks.map((s) => s.id),
    actions: [{ tool: "Finish", args: { answer: r.answer } }],
  });
  return { subtasks, answer: r.answer };
}

export interface HotpotEnvOptions {
  /** Environment name (default "wiki", so results compare with the bundled set's). */
  name?: string;
}

/** An Environment over the records of an official HotpotQA JSON file (see the module doc). */
export function loadHotpotEnvironment(file: string, options: HotpotEnvOptions = {}): Environment {
  return hotpotEnvironment(loadHotpotRecords(file), options);
}

/** The same environment over records already in memory. */
export function hotpotEnvironment(records: readonly HotpotRecord[], options: HotpotEnvOptions = {}): Environment {
  const name = options.name ?? "wiki";
  const byId = new Map(records.map((r) => [r._id, r]));
  const articles = hotpotArticles(records);
  const articleByTitle = new Map(articles.map((a) => [a.title, a]));
  const backend = memoryBackend(articles);
  const find = (id: string): HotpotRecord => {
    const r = byId.get(id);
    if (!r) throw new UnknownTaskError(name, id, `ids are the records' _id values; ${records.length} records loaded`);
    return r;
  };
  const info = (r: HotpotRecord): TaskInfo => ({ id: r._id, level: hotpotLevel(r), query: r.question });
  return {
    name,
    description: `HotpotQA questions from a local file (${records.length} records, ${articles.length} paragraphs) answered with Search, Lookup, Finish`,
    exclusive: false,
    defaultMaxSteps: 30,
    deliveryFormat:
      "A short answer phrase copied from the articles (a name, date, number or place), or yes/no for yes-no questions. No explanation.",
    submitTool: "Finish",
    tasks: () => records.map(info),
    task: (id) => info(find(id)),
    createSession: (taskId) => {
      find(taskId);
      return createWikiSession(backend);
    },
    score: (taskId, session) => scoreAnswer(session.submission(), find(taskId).answer),
    reference: (taskId) => hotpotReference(find(taskId), articleByTitle),
    judgeInput: (taskId) => ({ question: find(taskId).question, gold: find(taskId).answer }),
  };
}
