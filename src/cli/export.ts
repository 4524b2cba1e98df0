/** `tdp export travel DIR`: a travel world, its queries and reference plans in the official TravelPlanner layouts. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { createTravelEnvironment, DEFAULT_SEED } from "../tools/travel/index.js";
import { EXPORT_FILES, writeOfficialExport } from "../tools/travel/export.js";
import type { PlanDay } from "../tools/travel/types.js";
import { UsageError } from "../errors.js";
import { intOption, parseOptions } from "./args.js";

export const EXPORT_HELP = `Usage: tdp export travel DIR [--seed N] [--force]

Writes the generated travel world and its 60 tasks in the official TravelPlanner layouts:
  DIR/${EXPORT_FILES.database}/...            the CSV database as the official tools read it
  DIR/${EXPORT_FILES.queriesJsonl}, DIR/${EXPORT_FILES.queriesCsv}   the queries (Hugging Face columns, Python-literal local_constraint)
  DIR/${EXPORT_FILES.plans}   every task's reference plan in the official submission format
  DIR/${EXPORT_FILES.script}     runs the official evaluation functions on them (see docs/travel.md)

  --seed N   world and task seed (default ${DEFAULT_SEED}, the bundled set)
  --force    write into a directory that is not empty`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { seed: { type: "string" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    console.log(EXPORT_HELP);
    return 0;
  }
  const [what, dir, ...rest] = positionals;
  if (what !== "travel") throw new UsageError(`only the travel environment can be exported: tdp export travel DIR`);
  if (!dir || rest.length > 0) throw new UsageError("give one output directory: tdp export travel DIR");
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} exists and is not a directory`);
    if (readdirSync(dir).length > 0 && !values.force)
      throw new UsageError(`${dir} is not empty (use --force to write into it)`);
  }
  const seed = intOption(values.seed, "seed", { min: 0 }) ?? DEFAULT_SEED;
  const env = createTravelEnvironment({ seed });
  const tasks = env.tasks().map((t) => env.travelTask(t.id));
  const plans = tasks.map((t) => JSON.parse(env.reference(t.id).answer) as PlanDay[]);
  const world = env.world();
  const summary = writeOfficialExport(dir, world, tasks, plans);
  console.log(
    `exported seed ${seed}: ${world.cities.length} cities, ${world.flights.length} flights, ${world.accommodations.length} listings, ` +
      `${world.restaurants.length} restaurants, ${world.attractions.length} attractions; ${summary.queries} queries, ${summary.plans} reference plans`,
  );
  console.log(`wrote ${summary.files.length} files to ${dir}`);
  return 0;
}
