/**
 * The "wiki" environment: HotpotQA-style multi-hop questions over the bundled generated
 * encyclopaedia, answered with Search / Lookup / Finish.
 */
import { type Environment, type TaskInfo } from "../types.js";
import { UnknownTaskError } from "../../errors.js";
import { memoryBackend, type WikiBackend } from "./backend.js";
import { generateCorpus, type WikiCorpus } from "./corpus.js";
import { scoreAnswer } from "./metrics.js";
import { generateQuestions, type WikiQuestion } from "./questions.js";
import { createWikiSession } from "./session.js";

/** Seed of the bundled corpus and question set. */
export const WIKI_SEED = 1729;

interface WikiData {
  corpus: WikiCorpus;
  questions: WikiQuestion[];
  byId: Map<string, WikiQuestion>;
  backend: WikiBackend;
}

let data: WikiData | null = null;

/** Generated on first use (a few hundred milliseconds), then shared by every session. */
function load(): WikiData {
  if (!data) {
    const corpus = generateCorpus(WIKI_SEED);
    const questions = generateQuestions(corpus, WIKI_SEED);
    data = {
      corpus,
      questions,
      byId: new Map(questions.map((q) => [q.id, q])),
      backend: memoryBackend(corpus.articles),
    };
  }
  return data;
}

function question(id: string): WikiQuestion {
  const q = load().byId.get(id);
  if (!q) throw new UnknownTaskError("wiki", id, "ids look like wiki-bridge-001 or wiki-comparison-001");
  return q;
}

/** The bundled corpus (for tests and tools that inspect the articles). */
export function wikiCorpus(): WikiCorpus {
  return load().corpus;
}

/** The bundled questions with gold answers and fact chains; never shown to a model. */
export function wikiQuestions(): WikiQuestion[] {
  return load().questions;
}

export const wikiEnv: Environment = {
  name: "wiki",
  description: "HotpotQA-style multi-hop questions over a generated encyclopaedia (Search, Lookup, Finish)",
  exclusive: false,
  defaultMaxSteps: 30,
  deliveryFormat:
    "A short answer phrase copied from the articles (a name, year, number, nationality or place), or yes/no for yes-no questions. No explanation.",
  submitTool: "Finish",
  tasks: (): TaskInfo[] => load().questions.map((q) => ({ id: q.id, level: q.level, query: q.question })),
  task: (id) => {
    const q = question(id);
    return { id: q.id, level: q.level, query: q.question };
  },
  createSession: (taskId) => {
    question(taskId);
    return createWikiSession(load().backend);
  },
  score: (taskId, session) => scoreAnswer(session.submission(), question(taskId).answer),
  reference: (taskId) => structuredClone(question(taskId).reference),
  judgeInput: (taskId) => ({ question: question(taskId).question, gold: question(taskId).answer }),
};
