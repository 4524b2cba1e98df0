/**
 * The science environment: a small ScienceWorld-style text simulator (Wang et al. 2022).
 * One `act` tool drives a stateful house, so the environment is exclusive: parallel
 * branches would interleave actions in one world.
 */
import { type Environment, type ReferenceSolution, type Scores, type TaskInfo } from "../types.js";
import { UnknownTaskError } from "../../errors.js";
import { referenceFor } from "./reference.js";
import { ScienceSession } from "./session.js";
import { generateTasks, type ScienceTask } from "./tasks.js";

export { ScienceSession, type StepResult } from "./session.js";
export { generateTasks, buildTask, taskQuery, TASK_TYPES, VARIATIONS_PER_TYPE } from "./tasks.js";
export type { ScienceTask, TaskType, Variation, Roles } from "./tasks.js";
export { referenceFor } from "./reference.js";
export { ACT_TOOL_NAME, ACT_DESCRIPTION } from "./tools.js";
export { GRAMMAR } from "./parser.js";

/** Seed of the bundled task set. */
export const SCIENCE_SEED = 20220;

export interface ScienceEnvOptions {
  /** Seed for the variations; the same seed always gives the same task set. */
  seed?: number;
}

/** Builds the environment for one seeded task set. */
export function createScienceEnv(options: ScienceEnvOptions = {}): Environment {
  const seed = options.seed ?? SCIENCE_SEED;
  let cache: ScienceTask[] | null = null;
  const all = () => (cache ??= generateTasks(seed));
  const find = (id: string): ScienceTask => {
    const t = all().find((x) => x.id === id);
    if (!t) throw new UnknownTaskError("science", id, `ids look like science-boil-01; ${all().length} tasks`);
    return t;
  };
  return {
    name: "science",
    description:
      "ScienceWorld-style text simulator: boil, melt, freeze, measure, find life, grow plants, build circuits.",
    exclusive: true,
    defaultMaxSteps: 60,
    deliveryFormat:
      'One line saying what you achieved in the world, e.g. "Boiled the water: it turned into steam on the stove."',
    submitTool: null,
    tasks: (): TaskInfo[] => all().map(({ id, level, query }) => ({ id, level, query })),
    task: (id: string): TaskInfo => {
      const { level, query } = find(id);
      return { id, level, query };
    },
    createSession: (taskId: string) => new ScienceSession(find(taskId)),
    /**
     * `reward` is the ScienceWorld-style score (0-1; `reward_official` on the official scale with
     * `scoring: "official"`); `delivered` is 1 only when the task was completed (reward 1). The
     * delivered text itself is not graded: the world is.
     */
    score: (taskId: string, session, options): Scores => {
      find(taskId);
      if (!(session instanceof ScienceSession))
        throw new Error("science.score needs a session created by the science environment");
      return session.scores(options?.scoring);
    },
    reference: (taskId: string): ReferenceSolution => referenceFor(find(taskId)),
  };
}

export const scienceEnv: Environment = createScienceEnv();
