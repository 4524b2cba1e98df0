/**
 * TravelPlanner's evaluation, strict scoring (the default): 8 commonsense constraints, 5 hard
 * constraints (budget always, the others only when the query sets them), delivery and final
 * pass. The checks follow the official `commonsense_constraint.py` / `hard_constraint.py` /
 * `eval.py`; where those scripts have a bug we implement the intent and say so in a comment
 * ("official:"). `officialScoring.ts` reproduces the official verdicts, bugs included
 * (`scoring: "official"`); docs/travel.md lists every difference.
 */
import type { Scores } from "../types.js";
import {
  dayCities,
  extractFromTo,
  filled,
  flightNumberOf,
  isTravelDay,
  nameKey,
  parseNameCity,
  splitAttractions,
  stripParenthesis,
  transportKind,
} from "./planText.js";
import { ROOM_OK, RULE_TEXT } from "./rules.js";
import type { Accommodation, Flight, HouseRule, RoomTypeConstraint, TravelQuery } from "./types.js";
import { groupRoadCost, type WorldIndex } from "./worldIndex.js";

export const COMMONSENSE_KEYS = [
  "reasonable_city_route",
  "valid_restaurants",
  "valid_attractions",
  "valid_accommodation",
  "valid_transportation",
  "valid_information_in_current_city",
  "valid_information_in_sandbox",
  "not_absent",
] as const;
export type CommonsenseKey = (typeof COMMONSENSE_KEYS)[number];

export const HARD_KEYS = ["budget", "room_rule", "room_type", "cuisine", "transportation"] as const;
export type HardKey = (typeof HARD_KEYS)[number];

export interface Check {
  pass: boolean;
  /** Why it failed (for tests and debugging; never shown to the agent). */
  reason?: string;
  /** Official scoring only: what the official code would have done instead (it crashes here). */
  note?: string;
}

/** Which evaluator made a verdict: the project's strict one, or a port of the official one. */
export type TravelScoring = "strict" | "official";
export const TRAVEL_SCORINGS: readonly TravelScoring[] = ["strict", "official"];

export interface PlanEvaluation {
  scoring: TravelScoring;
  delivered: boolean;
  commonsense: Record<CommonsenseKey, Check>;
  /** Only the hard constraints that apply to the query (budget always does). */
  hard: Partial<Record<HardKey, Check>>;
  /** Official rule: hard constraints count only when the plan is complete and grounded. */
  hardEvaluated: boolean;
  /**
   * Hard constraints in the micro-rate denominator. Strict: those listed in `hard`. Official:
   * eval.py's count by level (budget only on easy tasks, no transportation on medium ones).
   */
  hardTotal: number;
  cost: number;
  /** Official scoring: where the official code would have raised (and aborted its run). */
  notes: string[];
}

type Unit = Record<string, unknown>;

const MEALS = ["breakfast", "lunch", "dinner"] as const;
const REQUIRED_FIELDS = ["transportation", "breakfast", "lunch", "dinner", "attraction", "accommodation"] as const;
const NO_MORE_DAYS = "You don't need to fill in the information for this or later days.";

const OK: Check = { pass: true };
const fail = (reason: string): Check => ({ pass: false, reason });

function str(unit: Unit, key: string): string | undefined {
  const v = unit[key];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** The days of a submission, unread: a JSON array, or the `plan` array of a JSON object; null otherwise. */
export function submittedDays(submission: string | null): unknown[] | null {
  if (submission === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(submission);
  } catch {
    return null;
  }
  if (data && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as Unit).plan)) {
    data = (data as Unit).plan;
  }
  return Array.isArray(data) ? data : null;
}

/** Reads a submission: a JSON array of day objects (or `{ "plan": [...] }`); null if unusable. */
export function parsePlan(submission: string | null): Unit[] | null {
  const data = submittedDays(submission);
  if (!data) return null;
  const units = data.map((d): Unit => (d && typeof d === "object" && !Array.isArray(d) ? (d as Unit) : {}));
  return units.some((u) => Object.keys(u).length > 0) ? units : null;
}

function considered(query: TravelQuery, plan: Unit[]): Unit[] {
  return plan.slice(0, Math.min(query.days, plan.length));
}

function peopleDiv(query: TravelQuery, per: number): number {
  return Math.ceil(query.people_number / per);
}

/** The cities a trip may visit: the destination city, or the cities of the destination state(s). */
function destinationAccepts(index: WorldIndex, query: TravelQuery): (city: string) => boolean {
  const asCity = index.city(query.dest);
  if (query.visiting_city_number <= 1 && asCity) return (c) => c === asCity.name;
  const states = query.dest
    .split(",")
    .map((s) => index.state(s.trim()))
    .filter((s): s is string => s !== undefined);
  if (states.length === 0) return asCity ? (c) => index.city(c)?.state === asCity.state : () => true;
  return (c) => {
    const city = index.city(c);
    return city !== undefined && states.includes(city.state);
  };
}

/** Port of the official `is_valid_city_sequence`: each stop is one consecutive block. */
export function isValidCitySequence(list: string[]): boolean {
  if (list.length < 3) return false;
  const visited = new Set<string>();
  let i = 0;
  while (i < list.length) {
    const city = list[i];
    if (visited.has(city) && i !== 0 && i !== list.length - 1) return false;
    let count = 0;
    while (i < list.length && list[i] === city) {
      count++;
      i++;
    }
    if (count === 1 && i - 1 > 0 && i - 1 < list.length - 1) return false;
    visited.add(city);
  }
  return true;
}

/** Day-by-day city list ("from A to B" contributes A and B). */
function cityList(plan: Unit[]): string[] | null {
  const out: string[] = [];
  for (const unit of plan) {
    const cc = str(unit, "current_city");
    if (cc === undefined) return null;
    out.push(...dayCities(cc));
  }
  return out;
}

function visitedCityCount(index: WorldIndex, query: TravelQuery, plan: Unit[]): Check {
  const org = index.city(query.org)?.name ?? query.org;
  const set = new Set<string>();
  for (const [i, unit] of plan.entries()) {
    const cc = str(unit, "current_city");
    if (cc === undefined) continue;
    const pair = extractFromTo(cc);
    if (pair && i === 0 && (index.city(pair[0])?.name ?? pair[0]) !== org)
      return fail(`The first day's city should be ${org}.`);
    for (const c of dayCities(cc)) set.add(index.city(c)?.name ?? c);
  }
  set.delete(org);
  return set.size === query.visiting_city_number
    ? OK
    : fail(`The number of visiting cities should be ${query.visiting_city_number}.`);
}

function checkRoute(index: WorldIndex, query: TravelQuery, plan: Unit[]): Check {
  const raw = cityList(plan);
  if (!raw || raw.length === 0) return fail("A day has no current_city.");
  const list: string[] = [];
  for (const c of raw) {
    const city = index.city(c);
    if (!city) return fail(`${c} is not a valid city.`);
    list.push(city.name);
  }
  const org = index.city(query.org)?.name ?? query.org;
  // official: only checks the origin when day 1 is a travel day; a trip must start at home.
  if (list[0] !== org) return fail(`The trip should start from ${org}.`);
  if (list[0] !== list[list.length - 1]) return fail("The trip should be a closed circle.");
  if (!isValidCitySequence(list)) return fail("The city sequence is invalid.");
  const accepts = destinationAccepts(index, query);
  for (let i = 1; i < list.length - 1; i++) {
    if (list[i] !== org && !accepts(list[i])) return fail(`${list[i]} is not in ${query.dest}.`);
  }
  // The brief's "right number of cities" (officially part of not_absent, checked there too).
  return visitedCityCount(index, query, plan);
}

function checkRestaurants(plan: Unit[]): Check {
  const seen = new Set<string>();
  for (const [i, unit] of plan.entries()) {
    for (const meal of MEALS) {
      const v = unit[meal];
      if (!filled(v)) continue;
      const key = nameKey(v);
      if (seen.has(key)) return fail(`The restaurant in day ${i + 1} ${meal} is repeated.`);
      seen.add(key);
    }
  }
  return OK;
}

function checkAttractions(plan: Unit[]): Check {
  const seen = new Set<string>();
  for (const [i, unit] of plan.entries()) {
    const v = unit.attraction;
    if (!filled(v)) continue;
    // official: drops the text after the last ";" (assumes a trailing ";"); we keep every item.
    for (const item of splitAttractions(v)) {
      const key = nameKey(item);
      if (seen.has(key)) return fail(`The attraction '${item}' in day ${i + 1} is repeated.`);
      seen.add(key);
    }
  }
  return OK;
}

function lookupAccommodation(index: WorldIndex, cell: string): Accommodation | undefined {
  const nc = parseNameCity(cell);
  const city = nc ? index.city(nc.city) : undefined;
  return nc && city ? index.findAccommodation(nc.name, city.name) : undefined;
}

function checkAccommodation(index: WorldIndex, plan: Unit[]): Check {
  const cells: string[] = [];
  for (const unit of plan) {
    if (!("accommodation" in unit)) return fail("No Accommodation Info.");
    cells.push(str(unit, "accommodation") ?? "");
  }
  let i = 0;
  while (i < cells.length) {
    let j = i;
    while (j < cells.length && nameKey(cells[j]) === nameKey(cells[i])) j++;
    if (filled(cells[i])) {
      const acc = lookupAccommodation(index, cells[i]);
      if (acc && j - i < acc.minimumNights) {
        return fail(`The accommodation ${cells[i]} does not obey the minimum nights rule (${acc.minimumNights}).`);
      }
    }
    i = j;
  }
  return OK;
}

function checkTransportation(plan: Unit[]): Check {
  if (plan.length === 0 || !filled(plan[0].transportation))
    return fail("The transportation in day 1 should not be empty.");
  const kinds = new Set<string>();
  for (const unit of plan) {
    const v = unit.transportation;
    if (!filled(v)) continue;
    const kind = transportKind(v);
    if (kind) kinds.add(kind);
  }
  if ((kinds.has("self-driving") && kinds.has("flight")) || (kinds.has("taxi") && kinds.has("self-driving"))) {
    return fail("The transportation is conflicting.");
  }
  return OK;
}

function checkCurrentCity(plan: Unit[]): Check {
  for (const [i, unit] of plan.entries()) {
    const cc = str(unit, "current_city");
    if (cc === undefined) return fail(`Day ${i + 1} has no current_city.`);
    // official: on a one-city day iterates the characters of the name; we use the city.
    const cities = dayCities(cc).map(nameKey);
    const t = unit.transportation;
    if (filled(t) && !cities.every((c) => nameKey(t).includes(c))) {
      return fail(`The transportation in day ${i + 1} is invalid city choice.`);
    }
    for (const meal of MEALS) {
      const v = unit[meal];
      if (!filled(v)) continue;
      const nc = parseNameCity(v);
      if (!nc || !cities.includes(nameKey(nc.city))) return fail(`The ${meal} in day ${i + 1} is invalid city choice.`);
    }
    const a = unit.attraction;
    if (filled(a)) {
      for (const item of splitAttractions(a)) {
        const nc = parseNameCity(item);
        if (!nc || !cities.includes(nameKey(nc.city)))
          return fail(`The attraction in day ${i + 1} is invalid city choice.`);
      }
    }
    const acc = unit.accommodation;
    if (filled(acc)) {
      const nc = parseNameCity(acc);
      if (!nc || nameKey(nc.city) !== cities[cities.length - 1]) {
        return fail(`The accommodation in day ${i + 1} is invalid city choice.`);
      }
    }
  }
  return OK;
}

/** The flight a transportation cell names, matched on number, route and (when known) date. */
function findFlight(
  index: WorldIndex,
  cell: string,
  route: [string, string] | null,
  date: string | undefined,
): Flight | undefined {
  const num = flightNumberOf(cell);
  if (!num || !route) return undefined;
  const from = index.city(route[0])?.name;
  const to = index.city(route[1])?.name;
  // official: matches number and route only; a flight also has to fly on that day.
  return index
    .flightsNumbered(num)
    .find((f) => f.origin === from && f.destination === to && (date === undefined || f.date === date));
}

function routeOf(unit: Unit, cell: string): [string, string] | null {
  const pair = extractFromTo(cell) ?? extractFromTo(str(unit, "current_city") ?? "");
  return pair ? [stripParenthesis(pair[0]), stripParenthesis(pair[1])] : null;
}

function roadOf(index: WorldIndex, route: [string, string] | null): { distanceKm: number } | undefined {
  if (!route) return undefined;
  const from = index.city(route[0]);
  const to = index.city(route[1]);
  return from && to ? index.road(from.name, to.name) : undefined;
}

function entityExists(index: WorldIndex, cell: string, kind: "restaurant" | "attraction" | "accommodation"): boolean {
  const nc = parseNameCity(cell);
  const city = nc ? index.city(nc.city) : undefined;
  if (!nc || !city) return false;
  if (kind === "restaurant") return index.findRestaurant(nc.name, city.name) !== undefined;
  if (kind === "attraction") return index.findAttraction(nc.name, city.name) !== undefined;
  return index.findAccommodation(nc.name, city.name) !== undefined;
}

function checkSandbox(index: WorldIndex, query: TravelQuery, plan: Unit[]): Check {
  for (const [i, unit] of plan.entries()) {
    const t = unit.transportation;
    if (filled(t)) {
      const route = routeOf(unit, t);
      if (/flight number/i.test(t)) {
        if (!findFlight(index, t, route, query.date[i]))
          return fail(`The flight number in day ${i + 1} is invalid in the sandbox.`);
      } else {
        const kind = transportKind(t);
        if ((kind === "self-driving" || kind === "taxi") && !roadOf(index, route)) {
          return fail(`The ${kind} in day ${i + 1} is invalid in the sandbox.`);
        }
      }
    }
    for (const meal of MEALS) {
      const v = unit[meal];
      if (filled(v) && !entityExists(index, v, "restaurant"))
        return fail(`The ${meal} in day ${i + 1} is invalid in the sandbox.`);
    }
    const a = unit.attraction;
    if (filled(a)) {
      for (const item of splitAttractions(a)) {
        if (!entityExists(index, item, "attraction"))
          return fail(`The attraction ${item} in day ${i + 1} is invalid in the sandbox.`);
      }
    }
    const acc = unit.accommodation;
    if (filled(acc) && !entityExists(index, acc, "accommodation")) {
      return fail(`The accommodation in day ${i + 1} is invalid in the sandbox.`);
    }
  }
  return OK;
}

function counts(v: unknown): boolean {
  if (typeof v === "string") return v !== "" && v !== "-";
  if (typeof v === "number") return v !== 0;
  return v === true;
}

function checkNotAbsent(index: WorldIndex, query: TravelQuery, plan: Unit[]): Check {
  const days = plan.filter((u) => Object.keys(u).length > 0 && str(u, "current_city") !== NO_MORE_DAYS).length;
  if (days !== query.days) return fail("Invalid Days");
  if (!visitedCityCount(index, query, plan).pass) return fail("Invalid City Number");
  let info = 0;
  for (const [i, unit] of plan.entries()) {
    for (const key of REQUIRED_FIELDS) if (!(key in unit)) return fail(`No ${key} info in day ${i + 1}.`);
    const travel = isTravelDay(str(unit, "current_city") ?? "");
    if (travel && !filled(unit.transportation)) return fail(`No transportation in day ${i + 1} is not allowed.`);
    if (!travel && !filled(unit.attraction)) return fail(`No attraction in day ${i + 1} is not allowed.`);
    if (i !== query.days - 1 && !filled(unit.accommodation))
      return fail(`No accommodation in day ${i + 1} is not allowed.`);
    if (!travel && MEALS.some((m) => !filled(unit[m]))) return fail(`No meal in day ${i + 1} is not allowed.`);
    for (const key of Object.keys(unit)) if (counts(unit[key])) info++;
  }
  if (info / (6 * query.days) < 0.5) return fail("The absent information is more than 50%.");
  return OK;
}

/** Total cost with the official formulas (unknown entities cost nothing, as officially). */
export function totalCost(index: WorldIndex, query: TravelQuery, plan: unknown[]): number {
  const units = considered(
    query,
    plan.map((d): Unit => (d && typeof d === "object" ? (d as Unit) : {})),
  );
  let total = 0;
  for (const [i, unit] of units.entries()) {
    const t = unit.transportation;
    if (filled(t)) {
      const route = routeOf(unit, t);
      if (route && /flight number/i.test(t)) {
        const num = flightNumberOf(t);
        // Prefer the exact flight of that day; fall back to the number alone like the official script.
        const flight = findFlight(index, t, route, query.date[i]) ?? (num ? index.flightsNumbered(num)[0] : undefined);
        if (flight) total += flight.price * query.people_number;
      } else if (route) {
        const kind = transportKind(t);
        const road = roadOf(index, route);
        if (road && (kind === "self-driving" || kind === "taxi"))
          total += groupRoadCost(road.distanceKm, kind, query.people_number);
      }
    }
    for (const meal of MEALS) {
      const v = unit[meal];
      if (!filled(v)) continue;
      const nc = parseNameCity(v);
      const city = nc ? index.city(nc.city) : undefined;
      const r = nc && city ? index.findRestaurant(nc.name, city.name) : undefined;
      if (r) total += r.averageCost * query.people_number;
    }
    const acc = unit.accommodation;
    if (filled(acc)) {
      const a = lookupAccommodation(index, acc);
      if (a) total += a.price * peopleDiv(query, a.maximumOccupancy);
    }
  }
  return total;
}

function accommodationsOf(index: WorldIndex, plan: Unit[]): Accommodation[] {
  return plan
    .map((u) => u.accommodation)
    .filter(filled)
    .map((cell) => lookupAccommodation(index, cell))
    .filter((a): a is Accommodation => a !== undefined);
}

function checkRoomRule(index: WorldIndex, rule: HouseRule, plan: Unit[]): Check {
  const text = RULE_TEXT[rule];
  const bad = accommodationsOf(index, plan).find((a) => a.houseRules.includes(text));
  return bad ? fail(`The house rule should allow ${rule} (${bad.name} says "${text}").`) : OK;
}

function checkRoomType(index: WorldIndex, type: RoomTypeConstraint, plan: Unit[]): Check {
  const bad = accommodationsOf(index, plan).find((a) => !ROOM_OK[type](a.roomType));
  return bad ? fail(`The room type should be ${type} (${bad.name} is ${bad.roomType}).`) : OK;
}

function checkCuisine(index: WorldIndex, query: TravelQuery, wanted: string[], plan: Unit[]): Check {
  const org = index.city(query.org)?.name ?? query.org;
  const found = new Set<string>();
  for (const unit of plan) {
    for (const meal of MEALS) {
      const v = unit[meal];
      if (!filled(v)) continue;
      const nc = parseNameCity(v);
      const city = nc ? index.city(nc.city) : undefined;
      // Meals at home do not count towards the cuisines of the trip.
      if (!nc || !city || city.name === org) continue;
      const r = index.findRestaurant(nc.name, city.name);
      if (!r) continue;
      const have = r.cuisines.map((c) => c.toLowerCase());
      for (const c of wanted) if (have.includes(c.toLowerCase())) found.add(c);
    }
  }
  const missing = wanted.filter((c) => !found.has(c));
  return missing.length === 0 ? OK : fail(`The cuisine ${missing[0]} is not satisfied.`);
}

function checkTransportRule(rule: "no flight" | "no self-driving", plan: Unit[]): Check {
  const word = rule === "no flight" ? /flight/i : /self-driving/i;
  for (const unit of plan) {
    const t = unit.transportation;
    if (filled(t) && word.test(t)) return fail(`The transportation should respect "${rule}".`);
  }
  return OK;
}

/** The hard constraints a query sets, in the official order (budget always). */
export function applicableHard(query: TravelQuery): HardKey[] {
  const lc = query.local_constraint;
  const keys: HardKey[] = ["budget"];
  if (lc["house rule"]) keys.push("room_rule");
  if (lc["room type"]) keys.push("room_type");
  if (lc.cuisine && lc.cuisine.length > 0) keys.push("cuisine");
  if (lc.transportation) keys.push("transportation");
  return keys;
}

function safe(fn: () => Check): Check {
  try {
    return fn();
  } catch (e) {
    return fail(`unreadable plan: ${(e as Error).message}`);
  }
}

/** The evaluation of a run that delivered no readable plan: every constraint fails. */
export function undelivered(scoring: TravelScoring, hardKeys: string[]): PlanEvaluation {
  const no = fail("no plan delivered");
  return {
    scoring,
    delivered: false,
    commonsense: Object.fromEntries(COMMONSENSE_KEYS.map((k) => [k, no])) as Record<CommonsenseKey, Check>,
    hard: Object.fromEntries(hardKeys.map((k) => [k, no])),
    hardEvaluated: false,
    hardTotal: hardKeys.length,
    cost: 0,
    notes: [],
  };
}

/** Evaluates one submitted plan against a query. */
export function evaluatePlan(index: WorldIndex, query: TravelQuery, submission: string | null): PlanEvaluation {
  const parsed = parsePlan(submission);
  const hardKeys = applicableHard(query);
  if (!parsed) return undelivered("strict", hardKeys);
  const plan = considered(query, parsed);
  const commonsense: Record<CommonsenseKey, Check> = {
    reasonable_city_route: safe(() => checkRoute(index, query, plan)),
    valid_restaurants: safe(() => checkRestaurants(plan)),
    valid_attractions: safe(() => checkAttractions(plan)),
    valid_accommodation: safe(() => checkAccommodation(index, plan)),
    valid_transportation: safe(() => checkTransportation(plan)),
    valid_information_in_current_city: safe(() => checkCurrentCity(plan)),
    valid_information_in_sandbox: safe(() => checkSandbox(index, query, plan)),
    not_absent: safe(() => checkNotAbsent(index, query, plan)),
  };
  const cost = totalCost(index, query, parsed);
  const hardEvaluated = commonsense.not_absent.pass && commonsense.valid_information_in_sandbox.pass;
  const lc = query.local_constraint;
  const hard: Partial<Record<HardKey, Check>> = {};
  for (const key of hardKeys) {
    if (!hardEvaluated) {
      hard[key] = fail("not evaluated: the plan is incomplete or names things outside the sandbox");
      continue;
    }
    if (key === "budget")
      hard.budget = cost <= query.budget ? OK : fail(`Total cost ${cost} exceeds the budget ${query.budget}.`);
    if (key === "room_rule" && lc["house rule"])
      hard.room_rule = safe(() => checkRoomRule(index, lc["house rule"]!, plan));
    if (key === "room_type" && lc["room type"])
      hard.room_type = safe(() => checkRoomType(index, lc["room type"]!, plan));
    if (key === "cuisine" && lc.cuisine) hard.cuisine = safe(() => checkCuisine(index, query, lc.cuisine!, plan));
    if (key === "transportation" && lc.transportation) {
      hard.transportation = safe(() => checkTransportRule(lc.transportation!, plan));
    }
  }
  return {
    scoring: "strict",
    delivered: true,
    commonsense,
    hard,
    hardEvaluated,
    hardTotal: hardKeys.length,
    cost,
    notes: [],
  };
}

/**
 * The numbers the benchmark records for one run. `scoring_official` says which evaluator made
 * them (1 = the official port, 0 = strict); official scores also count `official_crashes`, the
 * checks where the official code would have raised.
 */
export function toScores(ev: PlanEvaluation): Scores {
  const cs = COMMONSENSE_KEYS.map((k) => ev.commonsense[k].pass);
  const hc = Object.values(ev.hard).map((c) => c.pass);
  const csPassed = ev.delivered ? cs.filter(Boolean).length : 0;
  const hcPassed = ev.delivered ? hc.filter(Boolean).length : 0;
  const csMacro = ev.delivered && csPassed === cs.length ? 1 : 0;
  const hcMacro = ev.delivered && ev.hardEvaluated && hcPassed === hc.length ? 1 : 0;
  const official = ev.scoring === "official";
  return {
    delivered: ev.delivered ? 1 : 0,
    cs_passed: csPassed,
    cs_total: cs.length,
    cs_micro: csPassed / cs.length,
    cs_macro: csMacro,
    hc_passed: hcPassed,
    hc_total: ev.hardTotal,
    hc_micro: ev.hardTotal > 0 ? hcPassed / ev.hardTotal : 0,
    hc_macro: hcMacro,
    final_pass: csMacro && hcMacro ? 1 : 0,
    cost: ev.cost,
    scoring_official: official ? 1 : 0,
    ...(official ? { official_crashes: ev.notes.length } : {}),
  };
}
