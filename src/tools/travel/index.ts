/**
 * The travel environment: a TravelPlanner-style sandbox (Xie et al. 2024) over a generated
 * world, with the official scoring. Nothing is generated at import time; the world and the
 * task set are built on first use.
 */
import { type Environment, type EnvSession, type ReferenceSolution, type Scores, type TaskInfo } from "../types.js";
import { UnknownTaskError } from "../../errors.js";
import { buildTaskSet } from "./queries.js";
import { referenceFor } from "./reference.js";
import { evaluatePlanOfficial } from "./officialScoring.js";
import { evaluatePlan, toScores, type PlanEvaluation, type TravelScoring } from "./scoring.js";
import { TravelSession } from "./session.js";
import { solveQuery } from "./solver.js";
import type { Itinerary, TravelTask, World } from "./types.js";
import { DEFAULT_SEED, generateWorld } from "./world.js";
import { indexOf, type WorldIndex } from "./worldIndex.js";

export interface TravelEnvOptions {
  /** Seed of the generated world and of the bundled task set (default 2024). */
  seed?: number;
  /** A database to use instead of a generated one (e.g. from `loadOfficialDatabase`). */
  world?: World;
  /** The tasks to serve instead of the bundled 60; a function receives the world. */
  tasks?: TravelTask[] | ((world: World) => TravelTask[]);
  /** Environment name (default "travel"). */
  name?: string;
}

/** The Environment contract plus travel-specific accessors for tests and benchmarks. */
export interface TravelEnvironment extends Environment {
  world(): World;
  travelTask(id: string): TravelTask;
  /** Constraint-by-constraint verdicts for a submission (what `score` summarises); strict by default. */
  evaluate(taskId: string, submission: string | null, scoring?: TravelScoring): PlanEvaluation;
}

export const TRAVEL_DELIVERY_FORMAT =
  "A JSON array with one object per day, in TravelPlanner's format: " +
  '{"days": 1, "current_city": "from A to B" (or "A" on a day spent in one city), ' +
  '"transportation": "Flight Number: F123, from A to B, Departure Time: 08:00, Arrival Time: 10:00" ' +
  '(or "Self-driving, from A to B, duration: .., distance: .., cost: ..", "Taxi, from A to B, ...", or "-"), ' +
  '"breakfast": "Name, City", "attraction": "Name, City;Name, City;", "lunch": "Name, City", ' +
  '"dinner": "Name, City", "accommodation": "Name, City"}, using "-" where nothing applies.';

interface Loaded {
  world: World;
  index: WorldIndex;
  tasks: TravelTask[];
  byId: Map<string, TravelTask>;
}

/** Builds a travel environment over a world and a task list (both default to the bundled ones). */
export function createTravelEnvironment(options: TravelEnvOptions = {}): TravelEnvironment {
  const name = options.name ?? "travel";
  const seed = options.seed ?? DEFAULT_SEED;
  let loaded: Loaded | null = null;
  const references = new Map<string, ReferenceSolution>();

  const load = (): Loaded => {
    if (loaded) return loaded;
    const world = options.world ?? generateWorld(seed);
    const given = options.tasks;
    const tasks = given === undefined ? buildTaskSet(world, seed) : typeof given === "function" ? given(world) : given;
    const byId = new Map<string, TravelTask>();
    for (const t of tasks) {
      if (byId.has(t.id)) throw new Error(`duplicate travel task id "${t.id}"`);
      byId.set(t.id, t);
    }
    loaded = { world, index: indexOf(world), tasks, byId };
    return loaded;
  };

  const travelTask = (id: string): TravelTask => {
    const t = load().byId.get(id);
    if (!t) throw new UnknownTaskError(name, id, "ids look like travel-easy-001; list them with env.tasks()");
    return t;
  };

  const info = (t: TravelTask): TaskInfo => ({ id: t.id, level: t.query.level, query: t.query.query });

  const evaluate = (taskId: string, submission: string | null, scoring: TravelScoring = "strict"): PlanEvaluation => {
    const query = travelTask(taskId).query;
    return scoring === "official"
      ? evaluatePlanOfficial(load().world, query, submission)
      : evaluatePlan(load().index, query, submission);
  };

  /** The task's own itinerary, or one the solver finds and the scorer passes. */
  const itineraryFor = (t: TravelTask): Itinerary => {
    if (t.itinerary) return t.itinerary;
    const { index } = load();
    const found = solveQuery(index, t.query);
    if (found && toScores(evaluatePlan(index, t.query, JSON.stringify(found.plan))).final_pass === 1) return found;
    throw new Error(
      `no reference solution is available for travel task "${t.id}" (the solver found no plan within its constraints)`,
    );
  };

  return {
    name,
    description:
      "TravelPlanner-style trip planning in a generated sandbox (flights, driving, accommodations, restaurants, attractions), scored with TravelPlanner's commonsense and hard constraints (strict, or the official evaluator's verdicts)",
    exclusive: false,
    defaultMaxSteps: 50,
    deliveryFormat: TRAVEL_DELIVERY_FORMAT,
    submitTool: "SubmitPlan",
    tasks: () => load().tasks.map(info),
    task: (id) => info(travelTask(id)),
    createSession: (taskId): EnvSession => {
      travelTask(taskId);
      return new TravelSession(load().index);
    },
    score: (taskId, session, options): Scores =>
      toScores(evaluate(taskId, session.submission(), options?.scoring ?? "strict")),
    reference: (taskId) => {
      const cached = references.get(taskId);
      if (cached) return cached;
      const t = travelTask(taskId);
      const ref = referenceFor(t.query, itineraryFor(t));
      references.set(taskId, ref);
      return ref;
    },
    world: () => load().world,
    travelTask,
    evaluate,
  };
}

/** The bundled environment: seed 2024, 20 easy + 20 medium + 20 hard tasks. */
export const travelEnv: TravelEnvironment = createTravelEnvironment();
export default travelEnv;

export { generateWorld, DEFAULT_SEED } from "./world.js";
export { makeTravelTask, buildTaskSet, LEVEL_SHAPES, describeQuery, type TaskShape } from "./queries.js";
export {
  evaluatePlan,
  toScores,
  totalCost,
  COMMONSENSE_KEYS,
  HARD_KEYS,
  TRAVEL_SCORINGS,
  type PlanEvaluation,
  type TravelScoring,
} from "./scoring.js";
export { evaluatePlanOfficial, officialHardDenominator, OfficialCrash } from "./officialScoring.js";
export { loadOfficialDatabase, loadOfficialQueries, tasksFromQueries } from "./official.js";
export { solveQuery } from "./solver.js";
export { TravelSession } from "./session.js";
export { WorldIndex, indexOf } from "./worldIndex.js";
export type * from "./types.js";
