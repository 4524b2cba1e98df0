/**
 * Lossless export of a travel world and its queries to the official TravelPlanner layouts, so
 * the official evaluator (and the official tools) can run on our worlds and our plans:
 *
 * - `database/` exactly as the TravelPlanner repository lays it out (the CSV files the
 *   official `tools/*\/apis.py` read with pandas, and `background/citySet_with_states.txt`);
 * - `queries.jsonl` and `queries.csv` with the columns of the Hugging Face `osunlp/TravelPlanner`
 *   splits (`date` and `local_constraint` as Python literals, as there);
 * - `reference_plans.jsonl`: each task's reference plan in the official submission format;
 * - `run_official_eval.py`: a driver that runs the official evaluation functions on them.
 *
 * `loadOfficialDatabase` + `loadOfficialQueries` read the export back into an equal World and
 * equal queries (the round-trip test checks it, and that every reference plan scores the same).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { csvLine } from "./csv.js";
import { cuisinesCell, FLIGHT_COLUMNS, flightRow, houseRulesCell, OFFICIAL_FILES } from "./official.js";
import { OFFICIAL_EVAL_SCRIPT } from "./officialEvalScript.js";
import { toPyLiteral } from "./pyLiteral.js";
import type { PlanDay, TravelQuery, TravelTask, World } from "./types.js";

/** Files the export writes besides `database/`. */
export const EXPORT_FILES = {
  database: "database",
  queriesJsonl: "queries.jsonl",
  queriesCsv: "queries.csv",
  plans: "reference_plans.jsonl",
  script: "run_official_eval.py",
} as const;

/** The Hugging Face query columns, in their order. */
export const QUERY_COLUMNS = [
  "org",
  "dest",
  "days",
  "visiting_city_number",
  "date",
  "people_number",
  "local_constraint",
  "budget",
  "query",
  "level",
] as const;

/** Attractions have no phone or website here; the official loader's `dropna()` needs a value. */
const NO_VALUE = "-";

/** One query as a row of the official split (Python literals where the split has them). */
export function officialQueryRow(q: TravelQuery): Record<(typeof QUERY_COLUMNS)[number], string | number> {
  const lc = q.local_constraint;
  return {
    org: q.org,
    dest: q.dest,
    days: q.days,
    visiting_city_number: q.visiting_city_number,
    date: toPyLiteral(q.date),
    people_number: q.people_number,
    local_constraint: toPyLiteral({
      "house rule": lc["house rule"],
      cuisine: lc.cuisine,
      "room type": lc["room type"],
      transportation: lc.transportation,
    }),
    budget: q.budget,
    query: q.query,
    level: q.level,
  };
}

/** The CSV text of each database file, keyed by its path inside `database/`. */
export function officialDatabaseFiles(world: World): Record<string, string> {
  const lines = (header: string[], rows: (string | number)[][]) => [header, ...rows].map(csvLine).join("\n") + "\n";
  return {
    [OFFICIAL_FILES.flights]: lines(
      ["", ...FLIGHT_COLUMNS],
      world.flights.map((f, i) => [i, ...flightRow(f)]),
    ),
    [OFFICIAL_FILES.accommodations]: lines(
      [
        "",
        "NAME",
        "room type",
        "price",
        "minimum nights",
        "review rate number",
        "house_rules",
        "maximum occupancy",
        "city",
      ],
      world.accommodations.map((a, i) => [
        i,
        a.name,
        a.roomType,
        a.price,
        a.minimumNights,
        a.reviewRate,
        houseRulesCell(a.houseRules),
        a.maximumOccupancy,
        a.city,
      ]),
    ),
    [OFFICIAL_FILES.restaurants]: lines(
      ["", "Name", "City", "Cuisines", "Average Cost", "Aggregate Rating"],
      world.restaurants.map((r, i) => [i, r.name, r.city, cuisinesCell(r.cuisines), r.averageCost, r.rating]),
    ),
    [OFFICIAL_FILES.attractions]: lines(
      ["Name", "Latitude", "Longitude", "Address", "Phone", "Website", "City"],
      world.attractions.map((a) => [a.name, a.latitude, a.longitude, a.address, NO_VALUE, NO_VALUE, a.city]),
    ),
    [OFFICIAL_FILES.distances]: lines(
      ["origin", "destination", "cost", "duration", "distance"],
      world.distances.map((d) => [
        d.origin,
        d.destination,
        "",
        d.duration ?? "",
        d.distanceKm === null || d.duration === null ? "" : `${d.distanceKm} km`,
      ]),
    ),
    // No final newline: the official code splits the file on "\n" and unpacks every piece.
    [OFFICIAL_FILES.cities]: world.cities.map((c) => `${c.name}\t${c.state}`).join("\n"),
  };
}

/** Reasons an export would not be lossless under the official loaders (empty when it is). */
export function exportProblems(world: World): string[] {
  const out: string[] = [];
  const blank = (s: string) => s.trim() === "" || s.trim().toLowerCase() === "nan";
  for (const a of world.accommodations) {
    if (a.houseRules.length === 0)
      out.push(
        `listing "${a.name}" (${a.city}) has no house rules: pandas reads the empty cell as NaN and dropna() removes it`,
      );
    if (a.houseRules.some((r) => r.includes("&")))
      out.push(`listing "${a.name}" (${a.city}) has a house rule containing "&", the cell's separator`);
  }
  for (const r of world.restaurants) {
    if (r.cuisines.length === 0 || r.cuisines.some((c) => blank(c) || c.includes(",")))
      out.push(`restaurant "${r.name}" (${r.city}) has an empty cuisine or one containing ","`);
  }
  for (const c of world.cities) {
    if (/[\t\n]/.test(c.name + c.state)) out.push(`city "${c.name}" has a tab or newline in its name or state`);
  }
  const texts: [string, string][] = [
    ...world.accommodations.map((a): [string, string] => [a.name, a.city]),
    ...world.restaurants.map((r): [string, string] => [r.name, r.city]),
    ...world.attractions.map((a): [string, string] => [a.name, a.address]),
  ];
  for (const [name, other] of texts) {
    if (blank(name) || blank(other)) out.push(`an entry named "${name}" has an empty name, city or address`);
  }
  return out;
}

export interface ExportSummary {
  dir: string;
  files: string[];
  queries: number;
  plans: number;
}

/**
 * Writes the export into `dir` (created if needed; existing files of the same names are
 * replaced). `plans[i]` is task i's plan (null: none, written as an empty plan, which the
 * official evaluator counts as not delivered). Throws when the world cannot be exported
 * losslessly (see `exportProblems`).
 */
export function writeOfficialExport(
  dir: string,
  world: World,
  tasks: readonly TravelTask[],
  plans: readonly (PlanDay[] | null)[] = [],
): ExportSummary {
  const problems = exportProblems(world);
  if (problems.length > 0)
    throw new Error(`this world cannot be exported losslessly: ${problems.slice(0, 3).join("; ")}`);
  const files: string[] = [];
  const write = (rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files.push(path);
  };
  for (const [rel, text] of Object.entries(officialDatabaseFiles(world))) write(join(EXPORT_FILES.database, rel), text);
  const rows = tasks.map((t) => officialQueryRow(t.query));
  write(EXPORT_FILES.queriesJsonl, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  write(
    EXPORT_FILES.queriesCsv,
    [QUERY_COLUMNS as readonly string[], ...rows.map((r) => QUERY_COLUMNS.map((c) => r[c]))].map(csvLine).join("\n") +
      "\n",
  );
  write(
    EXPORT_FILES.plans,
    tasks.map((t, i) => JSON.stringify({ idx: i + 1, query: t.query.query, plan: plans[i] ?? [] })).join("\n") + "\n",
  );
  write(EXPORT_FILES.script, OFFICIAL_EVAL_SCRIPT);
  return { dir, files, queries: tasks.length, plans: plans.filter((p) => p !== null && p !== undefined).length };
}
