/**
 * The "crossover" environment: a task family with controlled structure for the study of
 * where decoupling pays (docs/crossover.md). A task is W chains of D keyed lookups in a
 * ledger registry, each lookup needing the code the previous record names; a share C of the
 * chains start from another chain's result; every observation is padded with distractor
 * records to N tokens; the answer is the sum of the chain results, exact and checkable.
 */
import { type Environment, type ReferenceSolution, type TaskInfo } from "../types.js";
import { generateTask } from "./generator.js";
import { defaultGridParams, formatTaskId, parseTaskId } from "./ids.js";
import { referenceFor } from "./reference.js";
import { scoreSubmission } from "./scoring.js";
import { createCrossoverSession } from "./session.js";
import { SUBMIT_TOOL } from "./tools.js";
import { CrossoverWorld, type CrossoverTask } from "./world.js";

export {
  coupledCount,
  DEFAULT_GRID,
  defaultGridParams,
  formatTaskId,
  ID_FORMAT,
  levelOf,
  LIMITS,
  parseTaskId,
  type CrossoverParams,
} from "./ids.js";
export { CODE_WORDS, distractorCount, generateTask, LABELS, taskQuery, typoOf } from "./generator.js";
export { referenceFor, SEGMENT, segmentId, segmentsOf, SUBMIT_ID } from "./reference.js";
export { lastInteger, scoreSubmission } from "./scoring.js";
export { createCrossoverSession, type CrossoverSession } from "./session.js";
export { CROSSOVER_TOOL_NAMES, createCrossoverTools, LOOKUP_TOOL, SUBMIT_TOOL } from "./tools.js";
export { CODE_RE, CrossoverWorld, recordLine, type Chain, type CrossoverTask, type LedgerRecord } from "./world.js";

/** Generated tasks kept for reuse (a benchmark runs each task several times); oldest dropped first. */
const CACHE_SIZE = 256;

export function createCrossoverEnv(): Environment {
  const name = "crossover";
  const cache = new Map<string, { task: CrossoverTask; world: CrossoverWorld }>();
  const load = (id: string) => {
    const hit = cache.get(id);
    if (hit) return hit;
    const task = generateTask(parseTaskId(id));
    const entry = { task, world: new CrossoverWorld(task) };
    cache.set(id, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return entry;
  };
  const info = (t: CrossoverTask): TaskInfo => ({ id: t.id, level: t.level, query: t.query });
  return {
    name,
    description:
      "Controlled-structure lookup chains (width, depth, coupling, observation size) with exact answers, for the crossover study",
    exclusive: false,
    defaultMaxSteps: 300,
    deliveryFormat: "Just the final number (a whole number, e.g. 2417), no explanation.",
    submitTool: SUBMIT_TOOL,
    // Generating the whole grid takes a few milliseconds; worlds render their pages lazily.
    tasks: (): TaskInfo[] => defaultGridParams().map((p) => info(load(formatTaskId(p)).task)),
    task: (id) => info(load(id).task),
    createSession: (taskId) => createCrossoverSession(load(taskId).world),
    score: (taskId, session) => scoreSubmission(session.submission(), load(taskId).task.answer),
    reference: (taskId): ReferenceSolution => referenceFor(load(taskId).task),
  };
}

export const crossoverEnv: Environment = createCrossoverEnv();

/** The generated data of a task (tests, the benchmark); never shown to a model. */
export function crossoverTask(id: string): CrossoverTask {
  return generateTask(parseTaskId(id));
}
