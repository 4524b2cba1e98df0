/**
 * The official export is lossless: export the bundled world and its 60 tasks, read the files
 * back with the official-data loaders, and every reference plan scores exactly as before under
 * both scorings.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportCommand } from "../src/cli/export.js";
import { EXPORT_FILES, exportProblems, officialQueryRow, writeOfficialExport } from "../src/tools/travel/export.js";
import { createTravelEnvironment, travelEnv } from "../src/tools/travel/index.js";
import {
  loadOfficialDatabase,
  loadOfficialQueries,
  OFFICIAL_FILES,
  tasksFromQueries,
} from "../src/tools/travel/official.js";
import { parsePyLiteral, toPyLiteral } from "../src/tools/travel/pyLiteral.js";
import type { PlanDay, World } from "../src/tools/travel/types.js";
import { UsageError } from "../src/errors.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tdp-export-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("Python literals for the official query files", () => {
  it("writes what Python's repr writes, and reads it back", () => {
    const lc = {
      "house rule": null,
      cuisine: ["Chinese", "Mexican"],
      "room type": "not shared room",
      transportation: null,
    };
    const text = toPyLiteral(lc);
    expect(text).toBe(
      "{'house rule': None, 'cuisine': ['Chinese', 'Mexican'], 'room type': 'not shared room', 'transportation': None}",
    );
    expect(parsePyLiteral(text)).toEqual(lc);
    expect(toPyLiteral(["it's", 'say "hi"', "a\\b\n", true, 3])).toBe(`["it's", 'say "hi"', 'a\\\\b\\n', True, 3]`);
    expect(parsePyLiteral(toPyLiteral(["it's", `both ' and "`, "\u0001"]))).toEqual(["it's", `both ' and "`, "\u0001"]);
  });
});

describe("official export of the bundled travel world", () => {
  const world = travelEnv.world();
  const tasks = travelEnv.tasks().map((t) => travelEnv.travelTask(t.id));
  const plans = tasks.map((t) => JSON.parse(travelEnv.reference(t.id).answer) as PlanDay[]);
  let dir: string;
  let loaded: World;
  beforeAll(async () => {
    dir = tempDir();
    writeOfficialExport(dir, world, tasks, plans);
    loaded = await loadOfficialDatabase(join(dir, EXPORT_FILES.database));
  }, 60_000);

  it("gives every listing house rules, so nothing is lost to dropna", () => {
    expect(world.accommodations.every((a) => a.houseRules.length > 0)).toBe(true);
    expect(exportProblems(world)).toEqual([]);
  });

  it("writes the files of the official layout", () => {
    for (const rel of Object.values(OFFICIAL_FILES)) expect(existsSync(join(dir, "database", rel))).toBe(true);
    for (const f of Object.values(EXPORT_FILES)) expect(existsSync(join(dir, f))).toBe(true);
    const cities = readFileSync(join(dir, "database", OFFICIAL_FILES.cities), "utf8");
    // The official code unpacks every "\n"-separated piece as "city\tstate": no final newline.
    expect(cities.endsWith("\n")).toBe(false);
    expect(cities.split("\n")).toHaveLength(world.cities.length);
    const header = readFileSync(join(dir, "database", OFFICIAL_FILES.accommodations), "utf8").split("\n")[0];
    expect(header).toBe(",NAME,room type,price,minimum nights,review rate number,house_rules,maximum occupancy,city");
    const first = JSON.parse(readFileSync(join(dir, EXPORT_FILES.queriesJsonl), "utf8").split("\n")[0]) as Record<
      string,
      unknown
    >;
    expect(first.local_constraint).toBe(officialQueryRow(tasks[0].query).local_constraint);
    expect(String(first.local_constraint)).toMatch(/^\{'house rule': /);
    const planLine = JSON.parse(readFileSync(join(dir, EXPORT_FILES.plans), "utf8").split("\n")[0]) as Record<
      string,
      unknown
    >;
    expect(planLine).toEqual({ idx: 1, query: tasks[0].query.query, plan: plans[0] });
  });

  it("reads back into the same world, table for table and row for row", () => {
    expect({ ...loaded, source: "generated", seed: world.seed }).toEqual(world);
  });

  it("reads back the same queries from the JSONL and from the CSV", () => {
    const queries = tasks.map((t) => t.query);
    expect(loadOfficialQueries(join(dir, EXPORT_FILES.queriesJsonl))).toEqual(queries);
    expect(loadOfficialQueries(join(dir, EXPORT_FILES.queriesCsv))).toEqual(queries);
  });

  it("scores every reference plan identically on the loaded world, under both scorings", () => {
    const reloaded = createTravelEnvironment({
      world: loaded,
      tasks: tasksFromQueries(loadOfficialQueries(join(dir, EXPORT_FILES.queriesJsonl))),
    });
    const ids = reloaded.tasks().map((t) => t.id);
    expect(ids).toHaveLength(60);
    let passed = 0;
    tasks.forEach((t, i) => {
      const plan = JSON.stringify(plans[i]);
      for (const scoring of ["strict", "official"] as const) {
        const before = travelEnv.evaluate(t.id, plan, scoring);
        const after = reloaded.evaluate(ids[i], plan, scoring);
        expect(after).toEqual(before);
        if (before.delivered && Object.values({ ...before.commonsense, ...before.hard }).every((c) => c.pass)) passed++;
      }
    });
    // Every bundled reference plan passes both scorings.
    expect(passed).toBe(120);
  });
});

describe("tdp export travel DIR", () => {
  it("refuses a wrong environment, a missing directory and a non-empty one (exit 2 as UsageError)", async () => {
    await expect(exportCommand(["wiki", tempDir()])).rejects.toThrow(UsageError);
    await expect(exportCommand(["travel"])).rejects.toThrow(UsageError);
    const full = tempDir();
    writeFileSync(join(full, "x.txt"), "x");
    await expect(exportCommand(["travel", full])).rejects.toThrow(/not empty/);
    await expect(exportCommand(["travel", tempDir(), "--seed", "x"])).rejects.toThrow(UsageError);
  });

  it("writes the bundled world's export", async () => {
    const dir = join(tempDir(), "out");
    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(args.join(" "));
    try {
      expect(await exportCommand(["travel", dir])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(printed.join("\n")).toMatch(/60 queries, 60 reference plans/);
    const lines = readFileSync(join(dir, EXPORT_FILES.plans), "utf8").trim().split("\n");
    expect(lines).toHaveLength(60);
    expect(readFileSync(join(dir, EXPORT_FILES.script), "utf8")).toContain("commonsense_constraint import evaluation");
  }, 60_000);
});
