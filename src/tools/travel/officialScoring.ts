/**
 * TravelPlanner's official evaluator, quirks included: `--scoring official`.
 *
 * Each check below is a line-by-line port of a function of the official repository
 * (OSU-NLP-Group/TravelPlanner, `evaluation/commonsense_constraint.py`,
 * `evaluation/hard_constraint.py`, `evaluation/eval.py` and `utils/func.py`, upstream after the
 * April 2024 fix of the "parties" house rule), run on the world as the official tools see it
 * once exported to the official CSV files (`tools/*\/apis.py`: rows in file order, substring
 * name search, case-sensitive cities). Python semantics are kept where they change a verdict:
 * `in` on strings is a substring test, iterating a string yields its characters, `re` follows
 * Python's rules (see `../wiki/pyText.ts`), and `x[0]` of a DataFrame selection is the first
 * matching row.
 *
 * Where the official code raises (an IndexError on a lower-case "flight number:", a KeyError on
 * a missing field, a TypeError on a non-string cell...) it aborts a whole official run. Here the
 * check that raised fails, with a note that says what the official code would have done; the
 * other checks still run.
 *
 * `scoring.ts` is the stricter default. docs/travel.md tabulates every difference.
 */
import { PY_DOT, PY_END, PY_S, PY_W, PY_WHITESPACE, pyStrip } from "../wiki/pyText.js";
import { cuisinesCell, houseRulesCell } from "./official.js";
import { RULE_TEXT } from "./rules.js";
import {
  isValidCitySequence,
  type Check,
  type CommonsenseKey,
  type HardKey,
  type PlanEvaluation,
  submittedDays,
  undelivered,
} from "./scoring.js";
import type { LocalConstraint, TravelQuery, World } from "./types.js";

/** Raised where the official Python code raises; the check that hit it fails with a note. */
export class OfficialCrash extends Error {
  override name = "OfficialCrash";
  constructor(
    readonly pyType: "KeyError" | "TypeError" | "IndexError" | "AttributeError" | "ValueError" | "ZeroDivisionError",
    detail: string,
  ) {
    super(`${pyType}: ${detail}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The database as the official tools load it.

interface StayRow {
  name: string;
  price: number;
  roomType: string;
  /** The `house_rules` cell ("No parties & No pets"). */
  houseRules: string;
  minimumNights: number;
  maximumOccupancy: number;
}

interface FoodRow {
  name: string;
  averageCost: number;
  /** The `Cuisines` cell ("Tea, French, Bakery"). */
  cuisines: string;
}

interface OfficialTables {
  /** `city_state_map` of commonsense_constraint.py (a dict: a repeated city keeps its last state). */
  cityState: Map<string, string>;
  flightsByNumber: Map<string, { price: number; origin: string; destination: string }[]>;
  /** First distance row per (origin, destination), as `response[...].values[0]`. */
  distances: Map<string, { duration: string | null; distanceKm: number | null }>;
  staysByCity: Map<string, StayRow[]>;
  foodByCity: Map<string, FoodRow[]>;
  sightsByCity: Map<string, string[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const tablesCache = new WeakMap<World, OfficialTables>();

function tablesOf(world: World): OfficialTables {
  const cached = tablesCache.get(world);
  if (cached) return cached;
  const t: OfficialTables = {
    cityState: new Map(world.cities.map((c) => [c.name, c.state])),
    flightsByNumber: new Map(),
    distances: new Map(),
    staysByCity: new Map(),
    foodByCity: new Map(),
    sightsByCity: new Map(),
  };
  for (const f of world.flights) push(t.flightsByNumber, f.flightNumber, f);
  for (const d of world.distances) {
    const key = `${d.origin}\u0000${d.destination}`;
    if (!t.distances.has(key)) t.distances.set(key, d);
  }
  for (const a of world.accommodations) {
    push(t.staysByCity, a.city, {
      name: a.name,
      price: a.price,
      roomType: a.roomType,
      houseRules: houseRulesCell(a.houseRules),
      minimumNights: a.minimumNights,
      maximumOccupancy: a.maximumOccupancy,
    });
  }
  for (const r of world.restaurants)
    push(t.foodByCity, r.city, { name: r.name, averageCost: r.averageCost, cuisines: cuisinesCell(r.cuisines) });
  for (const s of world.attractions) push(t.sightsByCity, s.city, s.name);
  tablesCache.set(world, t);
  return t;
}

/** `data[data['NAME'].astype(str).str.contains(re.escape(name)) & (data['city'] == city)]`. */
function rows<T>(byCity: Map<string, T[]>, nameOf: (row: T) => string, name: string, city: string): T[] {
  return (byCity.get(city) ?? []).filter((row) => nameOf(row).includes(name));
}

/** `GoogleDistanceMatrix.run_for_evaluation(origin, destination, mode)['cost']`. */
function roadCost(t: OfficialTables, origin: unknown, destination: unknown, mode: string): number | null {
  const row = t.distances.get(`${extractBeforeParenthesis(origin)}\u0000${extractBeforeParenthesis(destination)}`);
  if (!row || row.duration === null || row.distanceKm === null) return null;
  if (row.duration.includes("day")) return null;
  if (mode.includes("driving")) return Math.trunc(row.distanceKm * 0.05);
  if (mode === "taxi") return Math.trunc(row.distanceKm);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Python values (a plan is parsed JSON) and the operations the official code applies to them.

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => v !== null && typeof v === "object" && !Array.isArray(v);

function pyType(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  return Array.isArray(v) ? "list" : "dict";
}

/** Python truthiness of a JSON value. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python `==` on JSON values (True == 1). */
function pyEq(a: unknown, b: unknown): boolean {
  const n = (x: unknown) => (typeof x === "boolean" ? Number(x) : x);
  const x = n(a);
  const y = n(b);
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((v, i) => pyEq(v, y[i]));
  if (isDict(x)) {
    if (!isDict(y)) return false;
    const kx = Object.keys(x);
    return kx.length === Object.keys(y).length && kx.every((k) => Object.hasOwn(y, k) && pyEq(x[k], y[k]));
  }
  return (x ?? null) === (y ?? null);
}

/** Python `item in container`. */
function pyIn(item: unknown, container: unknown): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string")
      throw new OfficialCrash("TypeError", `'in <string>' requires string as left operand, not ${pyType(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
  if (isDict(container)) return typeof item === "string" && Object.hasOwn(container, item);
  throw new OfficialCrash("TypeError", `argument of type '${pyType(container)}' is not iterable`);
}

/** Python `container[key]`. */
function item(container: unknown, key: string | number): unknown {
  if (isDict(container)) {
    if (typeof key === "string" && Object.hasOwn(container, key)) return container[key];
    throw new OfficialCrash("KeyError", `'${key}'`);
  }
  if (typeof container === "string" || Array.isArray(container)) {
    const kind = typeof container === "string" ? "string" : "list";
    if (typeof key !== "number") throw new OfficialCrash("TypeError", `${pyType(container)} indices must be integers`);
    const seq = typeof container === "string" ? Array.from(container) : container;
    const i = key < 0 ? seq.length + key : key;
    if (i < 0 || i >= seq.length) throw new OfficialCrash("IndexError", `${kind} index out of range`);
    return seq[i];
  }
  throw new OfficialCrash("TypeError", `'${pyType(container)}' object is not subscriptable`);
}

/** A value a string method (`.split`, `.lower`) is called on. */
function strFor(v: unknown, method: string): string {
  if (typeof v === "string") return v;
  throw new OfficialCrash("AttributeError", `'${pyType(v)}' object has no attribute '${method}'`);
}

/** A value `re.search` is called on. */
function strForRe(v: unknown): string {
  if (typeof v === "string") return v;
  throw new OfficialCrash("TypeError", `expected string or bytes-like object, got '${pyType(v)}'`);
}

/** The official "filled" test: `unit[key] and unit[key] != '-'`. */
const filledCell = (v: unknown): boolean => truthy(v) && !pyEq(v, "-");

// ---------------------------------------------------------------------------------------------
// The official text helpers (utils/func.py and the constraint modules), with Python's regexes.

const FROM_TO = new RegExp(`from${PY_S}+(${PY_DOT}+?)${PY_S}+to${PY_S}+([^,]+)(?=[,${PY_WHITESPACE}]|${PY_END})`, "u");
const BEFORE_PARENTHESIS = new RegExp(`^(${PY_DOT}*?)\\([^)]*\\)`, "u");
const NAME_CITY = new RegExp(
  `(${PY_DOT}*?),${PY_S}*([^,]+)(\\(${PY_W}[\\p{L}\\p{N}_${PY_WHITESPACE}]*\\))?${PY_END}`,
  "u",
);

/** `extract_from_to`: (None, None) when there is no "from A to B". */
function extractFromTo(text: unknown): [string | null, string | null] {
  const m = FROM_TO.exec(strForRe(text));
  return m ? [m[1], m[2]] : [null, null];
}

/** `extract_before_parenthesis` (no strip: "Austin (Texas)" gives "Austin "). */
function extractBeforeParenthesis(s: unknown): string {
  const text = strForRe(s);
  const m = BEFORE_PARENTHESIS.exec(text);
  return m ? m[1] : text;
}

/** `get_valid_name_city`: ("-", "-") when the cell cannot be parsed. */
function getValidNameCity(info: unknown): [string, string] {
  const m = NAME_CITY.exec(strForRe(info));
  if (!m) return ["-", "-"];
  return [pyStrip(m[1]), pyStrip(extractBeforeParenthesis(pyStrip(m[2])))];
}

/** `transportation_match`. */
function transportationMatch(text: unknown): string | null {
  const s = strFor(text, "lower").toLowerCase();
  if (s.includes("taxi")) return "Taxi";
  if (s.includes("self-driving")) return "Self-driving";
  if (s.includes("flight")) return "Flight";
  return null;
}

/** `count_consecutive_values`. */
function countConsecutive(list: unknown[]): [unknown, number][] {
  const out: [unknown, number][] = [];
  for (const v of list) {
    const last = out[out.length - 1];
    if (last && pyEq(last[0], v)) last[1]++;
    else out.push([v, 1]);
  }
  return out;
}

/** `value.split('Flight Number: ')[1].split(',')[0]`. */
function flightNumberIn(value: string): string {
  const parts = value.split("Flight Number: ");
  if (parts.length < 2)
    throw new OfficialCrash(
      "IndexError",
      `list index out of range (the cell has "flight number" but not "Flight Number: ": ${JSON.stringify(value)})`,
    );
  return parts[1].split(",")[0];
}

// ---------------------------------------------------------------------------------------------
// The checks. Each returns a Check, or null where the official function returns None.

type Plan = unknown[];
const OK: Check = { pass: true };
const fail = (reason: string): Check => ({ pass: false, reason });
const MEALS = ["breakfast", "lunch", "dinner"] as const;
const NO_MORE_DAYS = "You don't need to fill in the information for this or later days.";

function daysOf(q: TravelQuery, data: Plan): number {
  return Math.min(q.days, data.length);
}

/** commonsense_constraint.is_reasonable_visiting_city */
function isReasonableVisitingCity(t: OfficialTables, q: TravelQuery, data: Plan): Check {
  const cityList: string[] = [];
  for (let i = 0; i < daysOf(q, data); i++) {
    const cityValue = item(data[i], "current_city");
    if (pyIn("from", cityValue)) {
      const [a, b] = extractFromTo(cityValue);
      const city1 = extractBeforeParenthesis(a);
      const city2 = extractBeforeParenthesis(b);
      if (i === 0 && city1 !== q.org) return fail(`The first day's city should be ${q.org}.`);
      cityList.push(city1, city2);
    } else cityList.push(extractBeforeParenthesis(cityValue));
  }
  if (cityList.length === 0) throw new OfficialCrash("IndexError", "list index out of range");
  if (cityList[0] !== cityList[cityList.length - 1]) return fail("The trip should be a closed circle.");
  if (!isValidCitySequence(cityList)) return fail("The city sequence is invalid.");
  for (const [idx, city] of cityList.entries()) {
    if (!t.cityState.has(city)) return fail(`${city} is not a valid city.`);
    if (idx !== 0 && idx !== cityList.length - 1 && q.days > 3 && t.cityState.get(city) !== q.dest)
      return fail(`${city} is not in ${q.dest}.`);
  }
  return OK;
}

/** commonsense_constraint.is_valid_restaurants */
function isValidRestaurants(q: TravelQuery, data: Plan): Check {
  const seen: unknown[] = [];
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    for (const meal of MEALS) {
      if (!pyIn(meal, unit) || !filledCell(item(unit, meal))) continue;
      const v = item(unit, meal);
      if (seen.some((x) => pyEq(x, v))) return fail(`The restaurant in day ${i + 1} ${meal} is repeated.`);
      seen.push(v);
    }
  }
  return OK;
}

/** commonsense_constraint.is_valid_attractions */
function isValidAttractions(q: TravelQuery, data: Plan): Check {
  const seen: string[] = [];
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    if (!pyIn("attraction", unit) || !filledCell(item(unit, "attraction"))) continue;
    for (const a of strFor(item(unit, "attraction"), "split").split(";").slice(0, -1)) {
      if (seen.includes(a)) return fail(`The attraction '${a}' in day ${i + 1} is repeated.`);
      seen.push(a);
    }
  }
  return OK;
}

/** commonsense_constraint.is_valid_accommodaton (sic) */
function isValidAccommodation(t: OfficialTables, q: TravelQuery, data: Plan): Check {
  const cells: unknown[] = [];
  for (let i = 0; i < daysOf(q, data); i++) {
    if (!pyIn("accommodation", data[i])) return fail("No Accommodation Info.");
    cells.push(item(data[i], "accommodation"));
  }
  for (const [cell, count] of countConsecutive(cells)) {
    if (pyEq(cell, "-") || pyEq(cell, "")) continue;
    const [name, city] = getValidNameCity(cell);
    const found = rows(t.staysByCity, (r) => r.name, name, city);
    // Officially the rule is checked only when exactly one listing matches.
    if (found.length === 1 && count < found[0].minimumNights)
      return fail(`The accommodation ${String(cell)} do not obey the minumum nights rule.`);
  }
  return OK;
}

/** commonsense_constraint.is_valid_transportation */
function isValidTransportation(q: TravelQuery, data: Plan): Check {
  const first = item(item(data, 0), "transportation");
  if (!filledCell(first)) return fail("The transportation in day 1 should not be empty.");
  const kinds = [transportationMatch(first)];
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    if (pyIn("transportation", unit) && filledCell(item(unit, "transportation")))
      kinds.push(transportationMatch(item(unit, "transportation")));
  }
  const has = (k: string) => kinds.includes(k);
  if ((has("Self-driving") && has("Flight")) || (has("Taxi") && has("Self-driving")))
    return fail("The transportation is conflicting.");
  return OK;
}

/** commonsense_constraint.is_valid_information_in_current_city */
function isValidInformationInCurrentCity(q: TravelQuery, data: Plan): Check {
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    const currentCity = item(unit, "current_city");
    // On a one-city day the official list is the city *string*: loops run over its characters.
    let finalCityList: string[] | string;
    if (pyIn("from", currentCity)) {
      const [a, b] = extractFromTo(currentCity);
      finalCityList = [extractBeforeParenthesis(a), extractBeforeParenthesis(b)];
    } else finalCityList = extractBeforeParenthesis(currentCity);
    const cities = typeof finalCityList === "string" ? Array.from(finalCityList) : finalCityList;
    const day = i + 1;
    if (pyIn("transportation", unit) && filledCell(item(unit, "transportation"))) {
      for (const city of cities)
        if (!pyIn(city, item(unit, "transportation")))
          return fail(`The transportation in day ${day} is invalid city choice.`);
    }
    for (const meal of MEALS) {
      if (!pyIn(meal, unit) || !filledCell(item(unit, meal))) continue;
      let flag = false;
      for (const city of cities) if (pyIn(city, item(unit, meal))) flag = true;
      if (!flag) return fail(`The ${meal} in day ${day} is invalid city choice.`);
    }
    if (pyIn("attraction", unit) && filledCell(item(unit, "attraction"))) {
      for (const a of strFor(item(unit, "attraction"), "split").split(";").slice(0, -1)) {
        if (!cities.some((city) => a.includes(city)))
          return fail(`The attraction in day ${day} is invalid city choice.`);
      }
    }
    if (pyIn("accommodation", unit) && filledCell(item(unit, "accommodation"))) {
      if (!pyIn(item(finalCityList, -1), item(unit, "accommodation")))
        return fail(`The accommodation in day ${day} is invalid city choice.`);
    }
  }
  return OK;
}

/** commonsense_constraint.is_valid_information_in_sandbox */
function isValidInformationInSandbox(t: OfficialTables, q: TravelQuery, data: Plan): Check {
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    const day = i + 1;
    const value = item(unit, "transportation");
    if (filledCell(value)) {
      let [org, dest] = extractFromTo(value);
      if (org === null || dest === null) [org, dest] = extractFromTo(item(unit, "current_city"));
      const lower = strFor(value, "lower").toLowerCase();
      if (lower.includes("flight number")) {
        let from: string;
        let to: string;
        try {
          from = extractBeforeParenthesis(org);
          to = extractBeforeParenthesis(dest);
        } catch {
          throw new OfficialCrash("ValueError", `The transportation ${String(value)} in day ${day} can not be parsed.`);
        }
        const num = flightNumberIn(value as string);
        if (!(t.flightsByNumber.get(num) ?? []).some((f) => f.origin === from && f.destination === to))
          return fail(`The flight number in day ${day} is invalid in the sandbox.`);
      } else if (lower.includes("self-driving") || lower.includes("taxi")) {
        let from = "-";
        let to = "-";
        try {
          from = extractBeforeParenthesis(org);
          to = extractBeforeParenthesis(dest);
        } catch {
          from = "-";
          to = "-";
        }
        if (lower.includes("self-driving")) {
          if (roadCost(t, from, to, "self-driving") === null)
            return fail(`The self-driving in day ${day} is invalid in the sandbox.`);
        } else if (roadCost(t, from, to, "taxi") === null)
          return fail(`The taxi in day ${day} is invalid in the sandbox.`);
      }
    }
    for (const meal of MEALS) {
      if (!pyIn(meal, unit) || !filledCell(item(unit, meal))) continue;
      const [name, city] = getValidNameCity(item(unit, meal));
      if (rows(t.foodByCity, (r) => r.name, name, city).length < 1)
        return fail(`The ${meal} in day ${day} is invalid in the sandbox.`);
    }
    if (pyIn("attraction", unit) && filledCell(item(unit, "attraction"))) {
      for (const a of strFor(item(unit, "attraction"), "split").split(";").slice(0, -1)) {
        const [name, city] = getValidNameCity(a);
        if (rows(t.sightsByCity, (r) => r, name, city).length < 1)
          return fail(`The attraction ${a} in day ${day} is invalid in the sandbox.`);
      }
    }
    if (pyIn("accommodation", unit) && filledCell(item(unit, "accommodation"))) {
      const [name, city] = getValidNameCity(item(unit, "accommodation"));
      if (rows(t.staysByCity, (r) => r.name, name, city).length < 1)
        return fail(`The accommodation in day ${day} is invalid in the sandbox.`);
    }
  }
  return OK;
}

/** commonsense_constraint.is_valid_visiting_city_number */
function isValidVisitingCityNumber(q: TravelQuery, data: Plan): Check {
  const cities = new Set<string>();
  for (let i = 0; i < daysOf(q, data); i++) {
    const cityValue = item(data[i], "current_city");
    if (pyIn("from", cityValue)) {
      const [a, b] = extractFromTo(cityValue);
      const city1 = extractBeforeParenthesis(a);
      const city2 = extractBeforeParenthesis(b);
      if (i === 0 && city1 !== q.org) return fail(`The first day's city should be ${q.org}.`);
      cities.add(city1);
      cities.add(city2);
    } else cities.add(extractBeforeParenthesis(cityValue));
  }
  cities.delete(q.org);
  return cities.size === q.visiting_city_number
    ? OK
    : fail(`The number of visiting cities should be ${q.visiting_city_number}.`);
}

/** commonsense_constraint.is_valid_days */
function isValidDays(q: TravelQuery, data: Plan): Check {
  let lens = 0;
  for (let i = 0; i < daysOf(q, data); i++) {
    if (!pyEq(data[i], {}) && !pyEq(item(data[i], "current_city"), NO_MORE_DAYS)) lens++;
  }
  return lens === q.days ? OK : fail(`The number of days should be ${q.days}.`);
}

/** commonsense_constraint.is_not_absent */
function isNotAbsent(q: TravelQuery, data: Plan): Check {
  const needed = 6 * q.days;
  let total = 0;
  if (!isValidDays(q, data).pass) return fail("Invalid Days");
  if (!isValidVisitingCityNumber(q, data).pass) return fail("Invalid City Number");
  const blank = (v: unknown) => pyEq(v, "") || pyEq(v, "-");
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    const day = i + 1;
    for (const key of ["transportation", "breakfast", "lunch", "dinner", "attraction", "accommodation"]) {
      if (!pyIn(key, unit)) return fail(`No ${key[0].toUpperCase()}${key.slice(1)} Info.`);
    }
    const cc = item(unit, "current_city");
    if ((pyIn("from ", cc) || pyIn("to ", cc)) && blank(item(unit, "transportation")))
      return fail(`No transportation in day ${day} is not allowed.`);
    if (!pyIn("from ", cc) && !pyIn(" to ", cc) && blank(item(unit, "attraction")))
      return fail(`No attaction in day ${day} is not allowed.`);
    if (i !== q.days - 1 && blank(item(unit, "accommodation")))
      return fail(`No accommodation in day ${day} is not allowed.`);
    if (
      (blank(item(unit, "breakfast")) || blank(item(unit, "lunch")) || blank(item(unit, "dinner"))) &&
      !pyIn("from ", cc)
    )
      return fail(`No meal in day ${day} is not allowed.`);
    for (const key of Object.keys(unit as Dict)) if (filledCell((unit as Dict)[key])) total++;
  }
  if (needed === 0) throw new OfficialCrash("ZeroDivisionError", "float division by zero");
  return total / needed < 0.5 ? fail("The absent information is more than 50%.") : OK;
}

/** hard_constraint.get_total_cost */
function getTotalCost(t: OfficialTables, q: TravelQuery, data: Plan): number {
  let total = 0;
  const people = q.people_number;
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    const value = item(unit, "transportation");
    if (filledCell(value)) {
      let [org, dest] = extractFromTo(value);
      if (org === null || dest === null) [org, dest] = extractFromTo(item(unit, "current_city"));
      if (org !== null && dest !== null) {
        const lower = strFor(value, "lower").toLowerCase();
        if (lower.includes("flight number")) {
          // By number alone: the first row with that number, whatever its route or date.
          const found = t.flightsByNumber.get(flightNumberIn(value as string)) ?? [];
          if (found.length > 0) total += found[0].price * people;
        } else if (lower.includes("self-driving") || lower.includes("taxi")) {
          const mode = lower.includes("self-driving") ? "self-driving" : "taxi";
          const cost = roadCost(t, org, dest, mode);
          if (cost === null)
            throw new OfficialCrash("TypeError", "unsupported operand type(s) for *: 'NoneType' and 'int'");
          total += cost * Math.ceil(people / (mode === "taxi" ? 4 : 5));
        }
      }
    }
    for (const meal of MEALS) {
      if (!filledCell(item(unit, meal))) continue;
      const [name, city] = getValidNameCity(item(unit, meal));
      const found = rows(t.foodByCity, (r) => r.name, name, city);
      if (found.length > 0) total += found[0].averageCost * people;
    }
    if (filledCell(item(unit, "accommodation"))) {
      const [name, city] = getValidNameCity(item(unit, "accommodation"));
      const found = rows(t.staysByCity, (r) => r.name, name, city);
      if (found.length > 0) {
        if (found[0].maximumOccupancy === 0) throw new OfficialCrash("ZeroDivisionError", "float division by zero");
        total += found[0].price * Math.ceil(people / found[0].maximumOccupancy);
      }
    }
  }
  return total;
}

/** The first listing each filled accommodation cell names (officially `.values[0]`). */
function stays(t: OfficialTables, q: TravelQuery, data: Plan): StayRow[] {
  const out: StayRow[] = [];
  for (let i = 0; i < daysOf(q, data); i++) {
    const cell = item(data[i], "accommodation");
    if (!filledCell(cell)) continue;
    const [name, city] = getValidNameCity(cell);
    const found = rows(t.staysByCity, (r) => r.name, name, city);
    if (found.length > 0) out.push(found[0]);
  }
  return out;
}

/** hard_constraint.is_valid_room_rule */
function isValidRoomRule(t: OfficialTables, q: TravelQuery, data: Plan): Check | null {
  const rule = q.local_constraint["house rule"];
  if (rule === null) return null;
  for (const stay of stays(t, q, data)) {
    if (stay.houseRules.includes(RULE_TEXT[rule])) return fail(`The house rule should be ${rule}.`);
  }
  return OK;
}

/** hard_constraint.is_valid_cuisine */
function isValidCuisine(t: OfficialTables, q: TravelQuery, data: Plan): Check | null {
  const wanted = q.local_constraint.cuisine;
  if (!wanted || wanted.length === 0) return null;
  const found = new Set<string>();
  for (let i = 0; i < daysOf(q, data); i++) {
    const unit = data[i];
    for (const meal of MEALS) {
      const cell = item(unit, meal);
      if (!filledCell(cell)) continue;
      const [name, city] = getValidNameCity(cell);
      // The official `continue` leaves the day: a meal at home skips that day's later meals.
      if (city === q.org) break;
      const first = rows(t.foodByCity, (r) => r.name, name, city)[0];
      if (first) for (const c of wanted) if (first.cuisines.includes(c)) found.add(c);
    }
  }
  if (found.size === wanted.length) return OK;
  const missing = wanted.find((c) => !found.has(c));
  // With a repeated cuisine in the query the official function falls off its end: None.
  return missing === undefined ? null : fail(`The cuisine ${missing} is not satisfied.`);
}

/** hard_constraint.is_valid_transportation */
function isValidTransportationRule(q: TravelQuery, data: Plan): Check | null {
  const rule = q.local_constraint.transportation;
  if (rule === null) return null;
  for (let i = 0; i < daysOf(q, data); i++) {
    const value = item(data[i], "transportation");
    if (!filledCell(value)) continue;
    if (rule === "no flight" && pyIn("Flight", value)) return fail(`The transportation should not be ${rule}.`);
    if (rule === "no self-driving" && pyIn("Self-driving", value))
      return fail(`The transportation should not be ${rule}.`);
  }
  return OK;
}

const ROOM_TYPE_WANTED: Record<string, (type: string) => boolean> = {
  "not shared room": (type) => type !== "Shared room",
  "shared room": (type) => type === "Shared room",
  "private room": (type) => type === "Private room",
  "entire room": (type) => type === "Entire home/apt",
};

/** hard_constraint.is_valid_room_type */
function isValidRoomType(t: OfficialTables, q: TravelQuery, data: Plan): Check | null {
  const wanted = q.local_constraint["room type"];
  if (wanted === null) return null;
  for (const stay of stays(t, q, data)) {
    if (!ROOM_TYPE_WANTED[wanted](stay.roomType)) return fail(`The room type should be ${wanted}.`);
  }
  return OK;
}

// ---------------------------------------------------------------------------------------------
// eval.py: delivery, which hard constraints enter the micro rate, and the whole evaluation.

/** The hard keys of a query that eval.py counts in the micro denominator (it decides by level). */
export function officialHardDenominator(q: TravelQuery): HardKey[] {
  const lc: LocalConstraint = q.local_constraint;
  // eval.py counts a constraint when `local_constraint[key] != None`.
  const set: [HardKey, boolean][] = [
    ["room_rule", lc["house rule"] !== null],
    ["cuisine", lc.cuisine !== null],
    ["room_type", lc["room type"] !== null],
    ["transportation", lc.transportation !== null],
  ];
  const counted =
    q.level === "easy"
      ? []
      : set.filter(([key, isSet]) => isSet && (q.level !== "medium" || key !== "transportation")).map(([k]) => k);
  return ["budget", ...counted];
}

/** The submitted plan as eval.py receives it: a non-empty list (`if tested_plan['plan']:`), or null. */
export function parseOfficialPlan(submission: string | null): unknown[] | null {
  const days = submittedDays(submission);
  return days && days.length > 0 ? days : null;
}

/** Evaluates one plan the way the official evaluator does (see the module doc). */
export function evaluatePlanOfficial(world: World, query: TravelQuery, submission: string | null): PlanEvaluation {
  const t = tablesOf(world);
  const plan = parseOfficialPlan(submission);
  const denominator = officialHardDenominator(query);
  if (!plan) return undelivered("official", denominator);
  const notes: string[] = [];
  const guarded = <T>(fn: string, run: () => T, onCrash: (note: string) => T): T => {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof OfficialCrash)) throw e;
      const note = `${fn}: the official code raises ${e.message} here, which aborts an official run; recorded as failed`;
      notes.push(note);
      return onCrash(note);
    }
  };
  const check = (fn: string, run: () => Check | null): Check | null =>
    guarded(fn, run, (note) => ({ pass: false, reason: note, note }));
  const commonsense: Record<CommonsenseKey, Check> = {
    reasonable_city_route: check("is_reasonable_visiting_city", () => isReasonableVisitingCity(t, query, plan))!,
    valid_restaurants: check("is_valid_restaurants", () => isValidRestaurants(query, plan))!,
    valid_attractions: check("is_valid_attractions", () => isValidAttractions(query, plan))!,
    valid_accommodation: check("is_valid_accommodaton", () => isValidAccommodation(t, query, plan))!,
    valid_transportation: check("is_valid_transportation", () => isValidTransportation(query, plan))!,
    valid_information_in_current_city: check("is_valid_information_in_current_city", () =>
      isValidInformationInCurrentCity(query, plan),
    )!,
    valid_information_in_sandbox: check("is_valid_information_in_sandbox", () =>
      isValidInformationInSandbox(t, query, plan),
    )!,
    not_absent: check("is_not_absent", () => isNotAbsent(query, plan))!,
  };
  const hardEvaluated = commonsense.not_absent.pass && commonsense.valid_information_in_sandbox.pass;
  // Officially the cost is only computed inside the hard checks (valid_cost notes a crash there).
  let cost = 0;
  try {
    cost = getTotalCost(t, query, plan);
  } catch (e) {
    if (!(e instanceof OfficialCrash)) throw e;
  }
  const hard: Partial<Record<HardKey, Check>> = {};
  if (!hardEvaluated) {
    for (const key of denominator)
      hard[key] = fail("not evaluated: the plan is incomplete or names things outside the sandbox");
  } else {
    const verdicts: [HardKey, Check | null][] = [
      [
        "budget",
        check("valid_cost", () => {
          const total = getTotalCost(t, query, plan);
          return total <= query.budget ? OK : fail(`Total cost ${total} exceeds the budget ${query.budget}.`);
        }),
      ],
      ["room_rule", check("is_valid_room_rule", () => isValidRoomRule(t, query, plan))],
      ["room_type", check("is_valid_room_type", () => isValidRoomType(t, query, plan))],
      ["cuisine", check("is_valid_cuisine", () => isValidCuisine(t, query, plan))],
      ["transportation", check("is_valid_transportation (hard)", () => isValidTransportationRule(query, plan))],
    ];
    for (const [key, verdict] of verdicts) if (verdict !== null) hard[key] = verdict;
  }
  return {
    scoring: "official",
    delivered: true,
    commonsense,
    hard,
    hardEvaluated,
    hardTotal: denominator.length,
    cost,
    notes: [...new Set(notes)],
  };
}
