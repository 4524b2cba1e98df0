/** Wiki environment: HotpotQA-style multi-hop QA with ReAct's Search / Lookup / Finish. */
export { wikiEnv, wikiCorpus, wikiQuestions, WIKI_SEED } from "./env.js";
export {
  memoryBackend,
  splitSentences,
  type Awaitable,
  type WikiArticle,
  type WikiBackend,
  type WikiSearchResult,
} from "./backend.js";
export { createWikiSession, type WikiSession } from "./session.js";
export {
  createWikiTools,
  finishStep,
  lookupStep,
  newReader,
  searchStep,
  SEARCH_SENTENCES,
  WIKI_TOOL_NAMES,
  type WikiReader,
  type WikiToolHooks,
  type WikiToolName,
} from "./tools.js";
export {
  aggregateWiki,
  coverMatch,
  exactMatch,
  f1Parts,
  f1Score,
  judgeAccuracy,
  normalizeAnswer,
  scoreAnswer,
  type AnswerJudge,
  type F1Parts,
  type WikiAggregate,
  type WikiScores,
} from "./metrics.js";
export { generateCorpus, type WikiCorpus } from "./corpus.js";
export {
  generateQuestions,
  QUESTION_TARGETS,
  type FactStep,
  type QuestionType,
  type WikiQuestion,
} from "./questions.js";
export {
  buildTitleIndex,
  rankTitles,
  resolveTitle,
  FUZZY_HIT_MARGIN,
  FUZZY_HIT_THRESHOLD,
  type TitleIndex,
} from "./search.js";
export type { Attr, Entity, EntityKind } from "./world.js";
export {
  hotpotArticles,
  hotpotEnvironment,
  hotpotLevel,
  hotpotReference,
  loadHotpotEnvironment,
  loadHotpotRecords,
  type HotpotEnvOptions,
  type HotpotRecord,
} from "./hotpot.js";
export { PY_WHITESPACE, pySplit, pyStrip } from "./pyText.js";
