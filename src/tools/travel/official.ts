/**
 * Loaders for the official TravelPlanner files, for users who have them: the database folder
 * (`database/` of the TravelPlanner repository) and the query rows (the Hugging Face
 * `osunlp/TravelPlanner` splits as CSV or JSONL). Like the official tools, rows with a
 * missing value in a used column are dropped (pandas `dropna`).
 */
import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseCsv, parseCsvRecords } from "./csv.js";
import { parsePyLiteral, type PyValue } from "./pyLiteral.js";
import {
  HOUSE_RULES,
  ROOM_TYPE_CONSTRAINTS,
  ROOM_TYPES,
  TRANSPORT_CONSTRAINTS,
  type Accommodation,
  type Attraction,
  type City,
  type DistanceEntry,
  type Flight,
  type HouseRule,
  type LocalConstraint,
  type Restaurant,
  type RoomType,
  type RoomTypeConstraint,
  type TransportConstraint,
  type TravelQuery,
  type TravelTask,
  type World,
} from "./types.js";

/** File locations inside the official `database/` folder. */
export const OFFICIAL_FILES = {
  flights: "flights/clean_Flights_2022.csv",
  accommodations: "accommodations/clean_accommodations_2022.csv",
  restaurants: "restaurants/clean_restaurant_2022.csv",
  attractions: "attractions/attractions.csv",
  distances: "googleDistanceMatrix/distance.csv",
  cities: "background/citySet_with_states.txt",
} as const;

type Row = Record<string, string>;

/** The `house_rules` cell of a listing, as the official CSV writes it ("No parties & No pets"). */
export function houseRulesCell(rules: readonly string[]): string {
  return rules.join(" & ");
}

/** The `Cuisines` cell of a restaurant ("Tea, French, Bakery"). */
export function cuisinesCell(cuisines: readonly string[]): string {
  return cuisines.join(", ");
}

/** Streams CSV records (the flights table is millions of rows); quoted line breaks are kept. */
async function* csvRecords(file: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let header: string[] | null = null;
  let pending = "";
  for await (const line of lines) {
    pending = pending === "" ? line : `${pending}\n${line}`;
    // An odd number of quotes means a quoted field continues on the next line.
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) continue;
    const fields = parseCsv(pending)[0] ?? [""];
    pending = "";
    if (!header) {
      header = fields.map((h) => h.trim());
      continue;
    }
    if (fields.length === 1 && fields[0] === "") continue;
    yield Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""]));
  }
}

/** The row's values for `columns`, or null when one is missing (pandas `dropna`). */
function complete(row: Row, columns: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const c of columns) {
    const v = (row[c] ?? "").trim();
    if (v === "" || v.toLowerCase() === "nan") return null;
    out.push(v);
  }
  return out;
}

function num(s: string): number {
  return Number(s.replace(/[$,]/g, ""));
}

/** "1,144 km" -> 1144. */
function kilometres(s: string): number | null {
  const n = Number(s.replace(/km/i, "").replace(/,/g, "").trim());
  return s.trim() === "" || !Number.isFinite(n) ? null : n;
}

/** The flights file's columns, in the official order (the FlightSearch tool shows the same). */
export const FLIGHT_COLUMNS = [
  "Flight Number",
  "Price",
  "DepTime",
  "ArrTime",
  "ActualElapsedTime",
  "FlightDate",
  "OriginCityName",
  "DestCityName",
  "Distance",
];

/** A flight's cells in `FLIGHT_COLUMNS` order (the exported file and the FlightSearch tool). */
export function flightRow(f: Flight): (string | number)[] {
  return [f.flightNumber, f.price, f.depTime, f.arrTime, f.elapsed, f.date, f.origin, f.destination, f.distance];
}
const STAY_COLUMNS = [
  "NAME",
  "price",
  "room type",
  "house_rules",
  "minimum nights",
  "maximum occupancy",
  "review rate number",
  "city",
];
const FOOD_COLUMNS = ["Name", "Average Cost", "Cuisines", "Aggregate Rating", "City"];
const SIGHT_COLUMNS = ["Name", "Latitude", "Longitude", "Address", "City"];

/** Reads an official TravelPlanner `database/` folder into a World. */
export async function loadOfficialDatabase(dir: string): Promise<World> {
  const cities: City[] = readFileSync(join(dir, OFFICIAL_FILES.cities), "utf8")
    .split(/\r?\n/)
    .map((line) => line.split("\t"))
    .filter((parts) => parts.length >= 2 && parts[0].trim() !== "")
    .map(([name, state]) => ({ name: name.trim(), state: state.trim() }));

  const flights: Flight[] = [];
  for await (const row of csvRecords(join(dir, OFFICIAL_FILES.flights))) {
    const v = complete(row, FLIGHT_COLUMNS);
    if (!v) continue;
    const [flightNumber, price, depTime, arrTime, elapsed, date, origin, destination, distance] = v;
    flights.push({
      flightNumber,
      price: num(price),
      depTime,
      arrTime,
      elapsed,
      date,
      origin,
      destination,
      distance: num(distance),
    });
  }

  const accommodations: Accommodation[] = [];
  for await (const row of csvRecords(join(dir, OFFICIAL_FILES.accommodations))) {
    const v = complete(row, STAY_COLUMNS);
    if (!v || !(ROOM_TYPES as readonly string[]).includes(v[2])) continue;
    const [name, price, roomType, rules, minNights, maxOcc, review, city] = v;
    accommodations.push({
      name,
      price: num(price),
      roomType: roomType as RoomType,
      houseRules: rules
        .split("&")
        .map((r) => r.trim())
        .filter((r) => r !== ""),
      minimumNights: num(minNights),
      maximumOccupancy: num(maxOcc),
      reviewRate: num(review),
      city,
    });
  }

  const restaurants: Restaurant[] = [];
  for await (const row of csvRecords(join(dir, OFFICIAL_FILES.restaurants))) {
    const v = complete(row, FOOD_COLUMNS);
    if (!v) continue;
    const [name, cost, cuisines, rating, city] = v;
    restaurants.push({
      name,
      averageCost: num(cost),
      cuisines: cuisines.split(",").map((c) => c.trim()),
      rating: num(rating),
      city,
    });
  }

  const attractions: Attraction[] = [];
  for await (const row of csvRecords(join(dir, OFFICIAL_FILES.attractions))) {
    const v = complete(row, SIGHT_COLUMNS);
    if (!v) continue;
    const [name, lat, lon, address, city] = v;
    attractions.push({ name, latitude: num(lat), longitude: num(lon), address, city });
  }

  const distances: DistanceEntry[] = [];
  for await (const row of csvRecords(join(dir, OFFICIAL_FILES.distances))) {
    const origin = (row.origin ?? "").trim();
    const destination = (row.destination ?? "").trim();
    if (!origin || !destination) continue;
    const duration = (row.duration ?? "").trim();
    const km = kilometres(row.distance ?? "");
    distances.push({
      origin,
      destination,
      duration: duration && km !== null ? duration : null,
      distanceKm: duration ? km : null,
    });
  }

  return { source: "official", seed: null, cities, flights, distances, accommodations, restaurants, attractions };
}

function asLiteral(v: unknown): PyValue {
  if (typeof v === "string") {
    const t = v.trim();
    if (t.startsWith("[") || t.startsWith("{") || t.startsWith("(")) return parsePyLiteral(t);
    return t;
  }
  return v as PyValue;
}

function oneOf<T extends string>(allowed: readonly T[], v: PyValue | undefined, what: string, row: number): T | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new Error(`query row ${row}: unknown ${what} ${JSON.stringify(v)} (expected one of ${allowed.join(", ")})`);
}

function localConstraint(raw: unknown, row: number): LocalConstraint {
  const v = raw === undefined || raw === null || raw === "" ? {} : asLiteral(raw);
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new Error(`query row ${row}: local_constraint is not a dict`);
  const cuisine = v.cuisine;
  return {
    "house rule": oneOf<HouseRule>(HOUSE_RULES, v["house rule"], "house rule", row),
    cuisine: Array.isArray(cuisine) ? cuisine.map(String) : typeof cuisine === "string" && cuisine ? [cuisine] : null,
    "room type": oneOf<RoomTypeConstraint>(ROOM_TYPE_CONSTRAINTS, v["room type"], "room type", row),
    transportation: oneOf<TransportConstraint>(TRANSPORT_CONSTRAINTS, v.transportation, "transportation", row),
  };
}

function toQuery(r: Record<string, unknown>, row: number): TravelQuery {
  const need = (key: string): unknown => {
    if (r[key] === undefined || r[key] === null || r[key] === "") throw new Error(`query row ${row}: missing "${key}"`);
    return r[key];
  };
  const date = asLiteral(need("date"));
  if (!Array.isArray(date)) throw new Error(`query row ${row}: date is not a list`);
  return {
    org: String(need("org")).trim(),
    dest: String(need("dest")).trim(),
    days: Number(need("days")),
    visiting_city_number: Number(need("visiting_city_number")),
    date: date.map(String),
    people_number: Number(need("people_number")),
    local_constraint: localConstraint(r.local_constraint, row),
    budget: Number(need("budget")),
    query: String(r.query ?? ""),
    level: String(r.level ?? ""),
  };
}

/** Reads official query rows from a CSV or JSONL (or JSON array) file. */
export function loadOfficialQueries(file: string): TravelQuery[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const head = text.trimStart()[0];
  let rows: Record<string, unknown>[];
  if (head === "[") rows = JSON.parse(text) as Record<string, unknown>[];
  else if (head === "{") {
    rows = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  } else rows = parseCsvRecords(text);
  return rows.map((r, i) => toQuery(r, i + 1));
}

/** Wraps queries as tasks with ids `<prefix>-001`, ... (references come from the solver). */
export function tasksFromQueries(queries: TravelQuery[], prefix = "travel-official"): TravelTask[] {
  return queries.map((query, i) => ({ id: `${prefix}-${String(i + 1).padStart(3, "0")}`, query }));
}
