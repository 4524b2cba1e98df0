/**
 * Task generation. A task is drawn (origin, route, dates, party, local constraints), solved
 * with the greedy solver, given a budget above the solution's cost, and kept only if both
 * scorers (strict, and the port of the official evaluator) pass the solution on every
 * constraint. So every task has a known-good plan under either scoring (tours across several
 * states under strict scoring only: the official route check rejects them all).
 */
import { createRng, hashString, pick, randInt, sample, shuffle, type Rng } from "../rng.js";
import { addDays, dateRange, spokenDate } from "./dates.js";
import { evaluatePlanOfficial } from "./officialScoring.js";
import { evaluatePlan, toScores } from "./scoring.js";
import { layoutStays, solveQuery, type Family } from "./solver.js";
import {
  HOUSE_RULES,
  QUERY_CUISINES,
  ROOM_TYPE_CONSTRAINTS,
  TRANSPORT_CONSTRAINTS,
  type City,
  type LocalConstraint,
  type TravelLevel,
  type TravelQuery,
  type TravelTask,
  type World,
} from "./types.js";
import { FLIGHT_DAYS, FLIGHT_START } from "./world.js";
import { indexOf, type WorldIndex } from "./worldIndex.js";

export interface TaskShape {
  days: number;
  cityCount: number;
  level: TravelLevel;
  /** Defaults to `travel-<level>-<days>d<cityCount>c-<seed>`. */
  id?: string;
}

/** The official shapes: easy 3 days / 1 city, medium 5 / 2, hard 7 / 3. */
export const LEVEL_SHAPES: Record<TravelLevel, { days: number; cityCount: number }> = {
  easy: { days: 3, cityCount: 1 },
  medium: { days: 5, cityCount: 2 },
  hard: { days: 7, cityCount: 3 },
};

/** Local constraints per level besides the budget (official: medium 1, hard 3). */
const EXTRA_CONSTRAINTS: Record<TravelLevel, number> = { easy: 0, medium: 1, hard: 3 };

export const TASKS_PER_LEVEL = 20;
const LEVELS: readonly TravelLevel[] = ["easy", "medium", "hard"];
const MAX_ATTEMPTS = 300;

function money(n: number): string {
  return `$${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function drawConstraints(rng: Rng, level: TravelLevel): LocalConstraint {
  const lc: LocalConstraint = { "house rule": null, cuisine: null, "room type": null, transportation: null };
  // Medium draws from the accommodation/food constraints only, as the official set does.
  const kinds =
    level === "medium"
      ? ["house rule", "cuisine", "room type"]
      : ["house rule", "cuisine", "room type", "transportation"];
  for (const kind of sample(rng, kinds, EXTRA_CONSTRAINTS[level])) {
    if (kind === "house rule") lc["house rule"] = pick(rng, HOUSE_RULES);
    if (kind === "room type") lc["room type"] = pick(rng, ROOM_TYPE_CONSTRAINTS);
    if (kind === "cuisine") lc.cuisine = sample(rng, QUERY_CUISINES, randInt(rng, 1, 3));
    if (kind === "transportation") lc.transportation = pick(rng, TRANSPORT_CONSTRAINTS);
  }
  return lc;
}

function peoplePhrase(n: number): string {
  return n === 1 ? "a single person" : n <= 3 ? `${n} people` : `a group of ${n}`;
}

function constraintSentences(lc: LocalConstraint): string[] {
  const out: string[] = [];
  const rule = lc["house rule"];
  if (rule) out.push(`Every accommodation must allow ${rule} (house rule: ${rule}).`);
  const room = lc["room type"];
  if (room === "entire room") out.push("We want to stay in entire homes or apartments (room type: entire room).");
  if (room === "private room") out.push("We want private rooms (room type: private room).");
  if (room === "shared room") out.push("Shared rooms are what we are after (room type: shared room).");
  if (room === "not shared room") out.push("We do not want shared rooms (room type: not shared room).");
  if (lc.cuisine) out.push(`We would like to try ${listPhrase(lc.cuisine)} cuisine during the trip.`);
  if (lc.transportation === "no flight") out.push("Please do not book any flights (transportation: no flight).");
  if (lc.transportation === "no self-driving")
    out.push("We will not drive ourselves (transportation: no self-driving).");
  return out;
}

/** The natural-language request, with every fact the plan depends on. */
export function describeQuery(q: Omit<TravelQuery, "query">, states: string[]): string {
  const first = q.date[0];
  const last = q.date[q.date.length - 1];
  const year = last.slice(0, 4);
  const span = `from ${spokenDate(first)} to ${spokenDate(last)}, ${year}`;
  const who = peoplePhrase(q.people_number);
  let opening: string;
  if (q.visiting_city_number === 1) {
    opening = `Please help me plan a trip from ${q.org} to ${q.dest} spanning ${q.days} days ${span}. The travel should be planned for ${who}`;
  } else {
    const where = states.length === 1 ? `in ${states[0]}` : `across ${listPhrase(states)}`;
    opening =
      `Could you create a ${q.days}-day travel plan for ${who}, departing from ${q.org} and visiting ` +
      `${q.visiting_city_number} cities ${where} (one stay per city) ${span}, returning to ${q.org}`;
  }
  return [`${opening}, with a budget of ${money(q.budget)}.`, ...constraintSentences(q.local_constraint)].join(" ");
}

function nearestFirst(index: WorldIndex, from: string, pool: string[]): string[] {
  const out: string[] = [];
  const left = [...pool];
  let at = from;
  while (left.length > 0) {
    let best = 0;
    let bestKm = Infinity;
    left.forEach((c, i) => {
      const km = index.road(at, c)?.distanceKm ?? Infinity;
      if (km < bestKm) {
        best = i;
        bestKm = km;
      }
    });
    at = left.splice(best, 1)[0];
    out.push(at);
  }
  return out;
}

/** Cities to visit: one state when it has enough cities, else a chain of nearby states. */
function drawRoute(index: WorldIndex, rng: Rng, org: City, k: number): { route: string[]; states: string[] } | null {
  const others = shuffle(
    rng,
    index.states.filter((s) => s !== org.state),
  );
  const usable = (s: string) =>
    index
      .citiesIn(s)
      .map((c) => c.name)
      .filter((c) => c !== org.name);
  const single = others.find((s) => usable(s).length >= k);
  if (single) return { route: sample(rng, usable(single), k), states: [single] };
  // A long tour: take whole states, hopping to the state nearest the last city.
  const remaining = [...others, org.state];
  const route: string[] = [];
  const states: string[] = [];
  let at = org.name;
  while (route.length < k && remaining.length > 0) {
    const dist = (s: string) => Math.min(...usable(s).map((c) => index.road(at, c)?.distanceKm ?? Infinity));
    const i = states.length === 0 ? 0 : remaining.reduce((b, s, j) => (dist(s) < dist(remaining[b]) ? j : b), 0);
    const state = remaining.splice(i, 1)[0];
    const pool = shuffle(rng, usable(state)).slice(0, k - route.length);
    if (pool.length === 0) continue;
    const ordered = nearestFirst(index, at, pool);
    route.push(...ordered);
    states.push(state);
    at = ordered[ordered.length - 1];
  }
  return route.length === k ? { route, states } : null;
}

/**
 * The transport family the reference plan must use. Short trips commit to one family (so
 * flights show up as often as driving, instead of driving always being found first);
 * long tours fall back to the others, as flying every one of 20+ legs is rarely possible.
 */
function familyOrder(r: number, lc: LocalConstraint, cityCount: number): Family[] {
  let order: Family[];
  if (lc.transportation === "no flight") order = r < 0.8 ? ["drive", "taxi"] : ["taxi", "drive"];
  else if (lc.transportation === "no self-driving")
    order = r < 0.75 ? ["fly", "mixed", "taxi"] : ["mixed", "fly", "taxi"];
  else {
    order =
      r < 0.5
        ? ["fly", "drive", "mixed", "taxi"]
        : r < 0.9
          ? ["drive", "fly", "mixed", "taxi"]
          : ["mixed", "drive", "fly", "taxi"];
  }
  return cityCount <= 3 ? order.slice(0, 1) : order;
}

function peopleFor(rng: Rng, level: TravelLevel): number {
  if (level === "easy") return randInt(rng, 1, 2);
  if (level === "medium") return randInt(rng, 1, 4);
  return randInt(rng, 2, 6);
}

/** Most full days one city can host (one new restaurant per meal, an attraction a day). */
function maxFullDaysPerCity(index: WorldIndex): number {
  let best = 0;
  for (const c of index.cities) {
    const byFood = Math.floor((index.restaurants(c.name).length - 1) / 3);
    best = Math.max(best, Math.min(byFood, index.attractions(c.name).length));
  }
  return best;
}

/** Whether a leg can be made with a family on a date (used to steer route drawing). */
function legPossible(index: WorldIndex, family: Family, from: string, to: string, date: string): boolean {
  const flies = index.flights(from, to, date).length > 0;
  const rolls = index.road(from, to) !== undefined;
  if (family === "fly") return flies;
  if (family === "mixed") return flies || rolls;
  return rolls;
}

/** A visiting order whose every leg the family can make on its day (depth-first, shuffled). */
function routeForFamily(
  index: WorldIndex,
  rng: Rng,
  org: string,
  pool: string[],
  dates: string[],
  family: Family,
): string[] | null {
  const k = Math.min(pool.length, dates.length - 1);
  const layout = layoutStays(dates.length, k);
  if (!layout) return null;
  const legDate = (i: number) => dates[i < k ? layout[i].arrival : dates.length - 1];
  const order = shuffle(rng, pool);
  const dfs = (route: string[]): string[] | null => {
    const at = route.length > 0 ? route[route.length - 1] : org;
    if (route.length === k) return legPossible(index, family, at, org, legDate(k)) ? route : null;
    for (const c of order) {
      if (route.includes(c) || !legPossible(index, family, at, c, legDate(route.length))) continue;
      const found = dfs([...route, c]);
      if (found) return found;
    }
    return null;
  };
  return dfs([]);
}

/** `familyDraw` is drawn once per task, so retries keep the transport family of the task. */
function tryTask(index: WorldIndex, rng: Rng, shape: TaskShape, id: string, familyDraw: number): TravelTask | null {
  const { days, cityCount: k, level } = shape;
  const org = pick(rng, index.cities);
  const first = index.flightDates?.first ?? FLIGHT_START;
  const lastStart = index.flightDates ? daysBetween(first, index.flightDates.last) - days + 1 : FLIGHT_DAYS - days;
  const dates = dateRange(addDays(first, randInt(rng, 0, Math.max(0, Math.min(30, lastStart)))), days);
  const local = drawConstraints(rng, level);
  const families = familyOrder(familyDraw, local, k);
  let route: string[] | null;
  let states: string[];
  if (k <= 3) {
    // Short trips: pick the cities so that the task's transport family works on every leg.
    const home = org.name;
    const pool =
      k === 1
        ? index.cities.map((c) => c.name).filter((c) => c !== home)
        : index
            .citiesIn(
              pick(
                rng,
                index.states.filter((s) => s !== org.state),
              ),
            )
            .map((c) => c.name);
    if (pool.length < k) return null;
    const found = routeForFamily(index, rng, home, k === 1 ? sample(rng, pool, 6) : pool, dates, families[0]);
    route = found ? found.slice(0, k) : null;
    if (!route || route.length < k) return null;
    states = [...new Set(route.map((c) => index.city(c)!.state))];
  } else {
    const drawn = drawRoute(index, rng, org, k);
    if (!drawn) return null;
    ({ route, states } = drawn);
  }
  const draft: TravelQuery = {
    org: org.name,
    dest: k === 1 ? route[0] : states.join(", "),
    days,
    visiting_city_number: k,
    date: dates,
    people_number: peopleFor(rng, level),
    local_constraint: local,
    budget: 0,
    query: "",
    level,
  };
  const itinerary = solveQuery(index, draft, { route, families });
  if (!itinerary) return null;
  // Budgets leave 15-50% of slack over the known solution, rounded up to $100.
  const budget = Math.ceil((itinerary.cost * (1.15 + rng() * 0.35)) / 100) * 100;
  const query: TravelQuery = { ...draft, budget, query: describeQuery({ ...draft, budget }, states) };
  const plan = JSON.stringify(itinerary.plan);
  if (toScores(evaluatePlan(index, query, plan)).final_pass !== 1) return null;
  // A tour across several states ("A, B") can never pass the official route check (it compares
  // each city's state with the whole `dest`); every other task must pass the official evaluator too.
  const officialShape = states.length <= 1;
  if (officialShape && toScores(evaluatePlanOfficial(index.world, query, plan)).final_pass !== 1) return null;
  return { id, query, itinerary };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * One task of any shape, e.g. a 60-day, 25-city tour for the context-length benchmark.
 * Deterministic in (world, seed, shape). Throws when the shape cannot be planned in the world.
 */
export function makeTravelTask(world: World, seed: number, shape: TaskShape): TravelTask {
  const index = indexOf(world);
  const { days, cityCount } = shape;
  if (!Number.isInteger(days) || !Number.isInteger(cityCount) || cityCount < 1) {
    throw new Error(`travel task shape needs whole numbers, got days=${days} cityCount=${cityCount}`);
  }
  if (days < cityCount + 1)
    throw new Error(`${days} days cannot visit ${cityCount} cities (needs at least ${cityCount + 1} days)`);
  if (cityCount > index.cities.length - 1) throw new Error(`the world has only ${index.cities.length} cities`);
  const perCity = Math.ceil((days - cityCount - 1) / cityCount);
  const cap = maxFullDaysPerCity(index);
  if (perCity > cap) {
    throw new Error(
      `${days} days over ${cityCount} cities means ${perCity} full days in a city; at most ${cap} fit (raise cityCount)`,
    );
  }
  const span = index.flightDates ? daysBetween(index.flightDates.first, index.flightDates.last) + 1 : FLIGHT_DAYS;
  if (days > span) throw new Error(`the world's schedule covers ${span} days; ${days} do not fit`);
  const id = shape.id ?? `travel-${shape.level}-${days}d${cityCount}c-${seed}`;
  const rng = createRng(hashString(`${seed}:${shape.level}:${days}:${cityCount}`));
  const familyDraw = rng();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const task = tryTask(index, rng, shape, id, familyDraw);
    if (task) return task;
  }
  throw new Error(`could not generate a solvable travel task for ${JSON.stringify(shape)} with seed ${seed}`);
}

/** The bundled set: 20 tasks per level, ids travel-easy-001 ... travel-hard-020. */
export function buildTaskSet(world: World, seed: number): TravelTask[] {
  const tasks: TravelTask[] = [];
  for (const level of LEVELS) {
    for (let i = 1; i <= TASKS_PER_LEVEL; i++) {
      const id = `travel-${level}-${String(i).padStart(3, "0")}`;
      tasks.push(makeTravelTask(world, hashString(`${seed}:${id}`), { ...LEVEL_SHAPES[level], level, id }));
    }
  }
  return tasks;
}
