import { join } from "node:path";
import { csvLine, parseCsv } from "../src/tools/travel/csv.js";
import { createTravelEnvironment } from "../src/tools/travel/index.js";
import { loadOfficialDatabase, loadOfficialQueries, tasksFromQueries } from "../src/tools/travel/official.js";
import { parsePyLiteral, PyLiteralError } from "../src/tools/travel/pyLiteral.js";
import type { PlanDay, World } from "../src/tools/travel/types.js";
import { WorldIndex } from "../src/tools/travel/worldIndex.js";

const FIXTURE = join(process.cwd(), "tests/fixtures/travel");

describe("CSV and Python literals", () => {
  it("quotes fields with commas, quotes and line breaks, and parses them back", () => {
    const row = ['Sunny, "Big" Loft', "plain", "two\nlines", 42];
    const line = csvLine(row);
    expect(line).toBe('"Sunny, ""Big"" Loft",plain,"two\nlines",42');
    expect(parseCsv(`a,b,c,d\r\n${line}\n`)).toEqual([
      ["a", "b", "c", "d"],
      ['Sunny, "Big" Loft', "plain", "two\nlines", "42"],
    ]);
  });

  it("parses the literals of the official query files without evaluating them", () => {
    expect(parsePyLiteral("['2022-03-16', '2022-03-17']")).toEqual(["2022-03-16", "2022-03-17"]);
    expect(
      parsePyLiteral(
        "{'house rule': None, 'cuisine': ['Chinese', \"Mexican\"], 'room type': 'entire room', 'n': 2.5, 'ok': True}",
      ),
    ).toEqual({
      "house rule": null,
      cuisine: ["Chinese", "Mexican"],
      "room type": "entire room",
      n: 2.5,
      ok: true,
    });
    expect(parsePyLiteral("('a', 'it\\'s')")).toEqual(["a", "it's"]);
    expect(() => parsePyLiteral("__import__('os').system('ls')")).toThrow(PyLiteralError);
    expect(() => parsePyLiteral("['unterminated")).toThrow(PyLiteralError);
  });
});

describe("official TravelPlanner loader", () => {
  let world: World;
  beforeAll(async () => {
    world = await loadOfficialDatabase(join(FIXTURE, "database"));
  });

  it("reads every table into the World type, dropping rows with a missing value", () => {
    expect(world.source).toBe("official");
    expect(world.cities).toEqual([
      { name: "St. Petersburg", state: "Florida" },
      { name: "Rockford", state: "Illinois" },
      { name: "Peoria", state: "Illinois" },
      { name: "Chicago", state: "Illinois" },
    ]);
    // One flight lacks an arrival time, one listing has no house rules, one restaurant no cost.
    expect(world.flights.map((f) => f.flightNumber)).not.toContain("F3500004");
    expect(world.flights).toHaveLength(5);
    expect(world.flights[0]).toEqual({
      flightNumber: "F3573659",
      price: 474,
      depTime: "15:40",
      arrTime: "17:04",
      elapsed: "2 hours 24 minutes",
      date: "2022-03-16",
      origin: "St. Petersburg",
      destination: "Rockford",
      distance: 1049,
    });
    expect(world.accommodations.map((a) => a.name)).not.toContain("No Rules House");
    expect(world.accommodations.find((a) => a.name === "Cozy, Quiet Room near Downtown")).toEqual({
      name: "Cozy, Quiet Room near Downtown",
      price: 90,
      roomType: "Private room",
      houseRules: ["No parties", "No pets"],
      minimumNights: 1,
      maximumOccupancy: 2,
      reviewRate: 3,
      city: "Rockford",
    });
    expect(world.restaurants.map((r) => r.name)).not.toContain("Lakeview Diner");
    expect(world.restaurants.find((r) => r.name === "Subway, Downtown")?.cuisines).toEqual(["Fast Food", "American"]);
    expect(world.attractions.find((a) => a.city === "Chicago")?.name).toBe("Navy Pier, Chicago Lakefront");
    const index = new WorldIndex(world);
    expect(index.road("St. Petersburg", "Rockford")).toEqual({ duration: "17 hours 5 mins", distanceKm: 1845 });
    expect(index.road("St. Petersburg", "Peoria")).toBeUndefined();
    expect(index.road("St. Petersburg", "Chicago")).toBeUndefined(); // a day or more of driving
  });

  it("reads query rows from CSV and from JSONL alike", () => {
    const fromCsv = loadOfficialQueries(join(FIXTURE, "queries.csv"));
    const fromJsonl = loadOfficialQueries(join(FIXTURE, "queries.jsonl"));
    expect(fromJsonl).toEqual(fromCsv);
    expect(fromCsv).toHaveLength(2);
    expect(fromCsv[1]).toMatchObject({
      org: "St. Petersburg",
      dest: "Illinois",
      days: 5,
      visiting_city_number: 2,
      date: ["2022-03-20", "2022-03-21", "2022-03-22", "2022-03-23", "2022-03-24"],
      people_number: 2,
      local_constraint: { "house rule": "pets", cuisine: ["Chinese"], "room type": null, transportation: null },
      budget: 3000,
      level: "medium",
    });
    expect(fromCsv[0].query).toContain("$1,700");
  });

  it("builds an environment over the loaded data and scores an official-style plan", async () => {
    const tasks = tasksFromQueries(loadOfficialQueries(join(FIXTURE, "queries.csv")));
    expect(tasks.map((t) => t.id)).toEqual(["travel-official-001", "travel-official-002"]);
    const env = createTravelEnvironment({ world, tasks });
    const plan: PlanDay[] = [
      {
        days: 1,
        current_city: "from St. Petersburg to Rockford",
        transportation:
          "Flight Number: F3573659, from St. Petersburg to Rockford, Departure Time: 15:40, Arrival Time: 17:04",
        breakfast: "-",
        attraction: "-",
        lunch: "-",
        dinner: "Coco Bambu, Rockford",
        accommodation: "Pure luxury one bdrm + sofa bed on Central Park, Rockford",
      },
      {
        days: 2,
        current_city: "Rockford",
        transportation: "-",
        breakfast: "Dial A Cake, Rockford",
        attraction: "Burpee Museum of Natural History, Rockford;Midway Village Museum, Rockford;",
        lunch: "Flying Mango, Rockford",
        dinner: "Cafe Southall, Rockford",
        accommodation: "Pure luxury one bdrm + sofa bed on Central Park, Rockford",
      },
      {
        days: 3,
        current_city: "from Rockford to St. Petersburg",
        transportation:
          "Flight Number: F3573120, from Rockford to St. Petersburg, Departure Time: 19:00, Arrival Time: 22:43",
        breakfast: "Subway, Downtown, Rockford",
        attraction: "Discovery Center Museum, Rockford;",
        lunch: "-",
        dinner: "-",
        accommodation: "-",
      },
    ];
    const session = env.createSession("travel-official-001");
    const submit = session.tools("main").find((t) => t.name === "SubmitPlan")!;
    await submit.invoke({ plan });
    // flights 474 + 507; meals 72 + 15 + 30 + 25 + 12; 2 nights at 250 for one person
    expect(env.score("travel-official-001", session)).toMatchObject({
      delivered: 1,
      cs_macro: 1,
      hc_macro: 1,
      final_pass: 1,
      cost: 981 + 154 + 500,
    });
  });

  it("finds references for official queries with the solver, and they replay to a pass", async () => {
    const env = createTravelEnvironment({
      world,
      tasks: tasksFromQueries(loadOfficialQueries(join(FIXTURE, "queries.csv"))),
    });
    for (const id of ["travel-official-001", "travel-official-002"]) {
      const ref = env.reference(id);
      const session = env.createSession(id);
      for (const sub of ref.subtasks) {
        const tools = session.tools(sub.id);
        for (const a of sub.actions) await tools.find((t) => t.name === a.tool)!.invoke(a.args);
      }
      expect(env.score(id, session).final_pass).toBe(1);
    }
    // The medium query: two Illinois cities, a pet-friendly stay, and a Chinese meal.
    const plan = JSON.parse(env.reference("travel-official-002").answer) as PlanDay[];
    expect(plan.map((d) => d.current_city)).toEqual([
      "from St. Petersburg to Rockford",
      "Rockford",
      "from Rockford to Peoria",
      "Peoria",
      "from Peoria to St. Petersburg",
    ]);
  });
});
