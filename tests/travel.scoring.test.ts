import { evaluatePlan, toScores, totalCost, type CommonsenseKey, type HardKey } from "../src/tools/travel/scoring.js";
import type { PlanDay, TravelQuery } from "../src/tools/travel/types.js";
import { WorldIndex } from "../src/tools/travel/worldIndex.js";
import { TINY_QUERY, TINY_WORLD, tinyPlan } from "./fixtures/travel/tinyWorld.js";

const index = new WorldIndex(TINY_WORLD);

function evaluate(plan: unknown, query: TravelQuery = TINY_QUERY) {
  return evaluatePlan(index, query, JSON.stringify(plan));
}

/** The base plan with some fields of some days replaced. */
function edit(changes: Record<number, Partial<PlanDay>>): PlanDay[] {
  return tinyPlan().map((d, i) => ({ ...d, ...(changes[i + 1] ?? {}) }));
}

function failing(plan: unknown, query: TravelQuery = TINY_QUERY): string[] {
  const ev = evaluate(plan, query);
  return [
    ...Object.entries(ev.commonsense)
      .filter(([, c]) => !c.pass)
      .map(([k]) => k),
    ...Object.entries(ev.hard)
      .filter(([, c]) => !c.pass)
      .map(([k]) => k),
  ];
}

const SELF_DRIVE = {
  1: { transportation: "Self-driving, from Home to Ash, duration: 5 hours 0 mins, distance: 1000 km, cost: 50" },
  3: { transportation: "Self-driving, from Ash to Birch, duration: 2 hours 0 mins, distance: 200 km, cost: 10" },
  5: { transportation: "Self-driving, from Birch to Home, duration: 5 hours 10 mins, distance: 1010 km, cost: 50" },
};

describe("travel scoring: the reference plan", () => {
  it("passes all 8 commonsense and all 5 hard constraints", () => {
    expect(failing(tinyPlan())).toEqual([]);
    expect(toScores(evaluate(tinyPlan()))).toMatchObject({
      delivered: 1,
      cs_passed: 8,
      cs_total: 8,
      cs_micro: 1,
      cs_macro: 1,
      hc_passed: 5,
      hc_total: 5,
      hc_micro: 1,
      hc_macro: 1,
      final_pass: 1,
      cost: 1897,
    });
  });

  it("computes the cost with the official formulas (hand-computed)", () => {
    // flights (100 + 80 + 120) x 3 people = 900
    // meals (10 + 8 + 12 + 15 + 20 + 9 + 11 + 14) x 3 = 297
    // Ash Loft 100 x ceil(3/2) x 2 nights = 400; Birch House 150 x ceil(3/4) x 2 nights = 300
    expect(totalCost(index, TINY_QUERY, tinyPlan())).toBe(900 + 297 + 400 + 300);
  });

  it("prices cars per 5 people and taxis per 4 people", () => {
    const drive = edit(SELF_DRIVE);
    const meals = 297;
    const stays = 700;
    // self-driving: floor(km x 0.05) per car: 50 + 10 + 50, one car for 3 people
    expect(totalCost(index, TINY_QUERY, drive)).toBe(110 + meals + stays);
    // six people need two cars; meals scale with people, Ash Loft needs 3 rooms, Birch House 2
    const six = { ...TINY_QUERY, people_number: 6 };
    expect(totalCost(index, six, drive)).toBe(220 + 2 * meals + 100 * 3 * 2 + 150 * 2 * 2);
    const taxi = edit({
      1: { transportation: "Taxi, from Home to Ash, duration: 5 hours 0 mins, distance: 1000 km, cost: 1000" },
      3: { transportation: "Taxi, from Ash to Birch, duration: 2 hours 0 mins, distance: 200 km, cost: 200" },
      5: { transportation: "Taxi, from Birch to Home, duration: 5 hours 10 mins, distance: 1010 km, cost: 1010" },
    });
    // taxi: floor(km) per car of 4; five people need two
    const five = { ...TINY_QUERY, people_number: 5 };
    expect(totalCost(index, five, taxi)).toBe(2 * (1000 + 200 + 1010) + (meals / 3) * 5 + 100 * 3 * 2 + 150 * 2 * 2);
  });
});

describe("travel scoring: each commonsense constraint fails on its own violation", () => {
  const cases: [CommonsenseKey, string, unknown][] = [
    [
      "reasonable_city_route",
      "does not return home",
      edit({ 5: { current_city: "from Birch to Cedar", transportation: "Taxi, from Birch to Cedar" } }),
    ],
    [
      "reasonable_city_route",
      "visits a city outside the destination state",
      edit({
        3: { current_city: "from Ash to Faraway", transportation: "Taxi, from Ash to Faraway" },
        4: { current_city: "Faraway" },
        5: { current_city: "from Faraway to Home", transportation: "Taxi, from Faraway to Home" },
      }),
    ],
    [
      "reasonable_city_route",
      "starts somewhere other than home",
      edit({ 1: { current_city: "from Cedar to Ash", transportation: "Taxi, from Cedar to Ash" } }),
    ],
    ["valid_restaurants", "eats at the same restaurant twice", edit({ 4: { lunch: "Birch Bakery, Birch" } })],
    [
      "valid_attractions",
      "visits the same attraction twice",
      edit({ 4: { attraction: "Birch Zoo, Birch;Birch Zoo, Birch;" } }),
    ],
    [
      "valid_accommodation",
      "stays fewer nights than the minimum",
      edit({ 1: { accommodation: "Ash Monthly Flat, Ash" }, 2: { accommodation: "Ash Monthly Flat, Ash" } }),
    ],
    ["valid_transportation", "has no transportation on day 1", edit({ 1: { transportation: "-" } })],
    [
      "valid_transportation",
      "mixes self-driving with flights",
      edit({
        3: { transportation: "Self-driving, from Ash to Birch, duration: 2 hours 0 mins, distance: 200 km, cost: 10" },
      }),
    ],
    ["valid_information_in_current_city", "has lunch in another city", edit({ 2: { lunch: "Birch Grill, Birch" } })],
    [
      "valid_information_in_current_city",
      "sleeps in the city it left",
      edit({ 3: { accommodation: "Ash Loft, Ash" } }),
    ],
    [
      "valid_information_in_sandbox",
      "names a restaurant that does not exist",
      edit({ 2: { lunch: "Phantom Diner, Ash" } }),
    ],
    [
      "valid_information_in_sandbox",
      "takes a flight on a day it does not fly",
      edit({
        1: { transportation: "Flight Number: FA9, from Home to Ash, Departure Time: 07:00, Arrival Time: 08:00" },
      }),
    ],
    ["not_absent", "leaves a full day without attractions", edit({ 2: { attraction: "-" } })],
    ["not_absent", "stops after four days", tinyPlan().slice(0, 4)],
  ];

  it.each(cases)("%s fails when the plan %s", (key, _why, plan) => {
    expect(evaluate(plan).commonsense[key].pass).toBe(false);
  });

  it("keeps the other constraints independent (a repeated restaurant breaks only that)", () => {
    expect(failing(edit({ 4: { lunch: "Birch Bakery, Birch" } }))).toEqual(["valid_restaurants"]);
  });

  it("reads names that contain commas (the city is after the last comma)", () => {
    expect(evaluate(tinyPlan()).commonsense.valid_information_in_sandbox.pass).toBe(true);
    expect(failing(edit({ 4: { accommodation: "Birch House Garden View, Birch" } }))).toContain(
      "valid_information_in_sandbox",
    );
  });
});

describe("travel scoring: each hard constraint", () => {
  const noLocal: TravelQuery = {
    ...TINY_QUERY,
    local_constraint: { "house rule": null, cuisine: null, "room type": null, transportation: null },
  };
  const cases: [HardKey, string, unknown, TravelQuery][] = [
    ["budget", "costs more than the budget", tinyPlan(), { ...TINY_QUERY, budget: 1896 }],
    [
      "room_rule",
      "books a listing that bans pets",
      edit({ 1: { accommodation: "Ash Pet-Free Flat, Ash" }, 2: { accommodation: "Ash Pet-Free Flat, Ash" } }),
      TINY_QUERY,
    ],
    [
      "room_type",
      "books a shared room",
      edit({ 1: { accommodation: "Ash Shared Bunk, Ash" }, 2: { accommodation: "Ash Shared Bunk, Ash" } }),
      TINY_QUERY,
    ],
    ["cuisine", "never eats Italian", edit({ 3: { dinner: "Birch Grill, Birch" } }), TINY_QUERY],
    ["transportation", "self-drives when asked not to", edit(SELF_DRIVE), TINY_QUERY],
    [
      "transportation",
      "flies when asked not to",
      tinyPlan(),
      { ...TINY_QUERY, local_constraint: { ...TINY_QUERY.local_constraint, transportation: "no flight" } },
    ],
  ];

  it.each(cases)("%s fails when the plan %s", (key, _why, plan, query) => {
    const ev = evaluate(plan, query);
    expect(ev.hard[key]?.pass).toBe(false);
    // The violation is a hard one only: the plan is otherwise sound.
    expect(Object.values(ev.commonsense).every((c) => c.pass)).toBe(true);
    expect(toScores(ev).final_pass).toBe(0);
  });

  it("passes a budget exactly equal to the cost", () => {
    expect(evaluate(tinyPlan(), { ...TINY_QUERY, budget: 1897 }).hard.budget?.pass).toBe(true);
  });

  it("counts a cuisine only when eaten outside the origin city", () => {
    const mexican: TravelQuery = {
      ...TINY_QUERY,
      local_constraint: { ...TINY_QUERY.local_constraint, cuisine: ["Mexican"] },
    };
    const atHome = edit({ 1: { breakfast: "Home Cantina, Home" } });
    expect(evaluate(atHome, mexican).hard.cuisine?.pass).toBe(false);
    expect(evaluate(edit({ 2: { lunch: "Ash Tacos, Ash" } }), mexican).hard.cuisine?.pass).toBe(true);
  });

  it("evaluates only the constraints a query sets (budget always), like the official script", () => {
    const ev = evaluate(tinyPlan(), noLocal);
    expect(Object.keys(ev.hard)).toEqual(["budget"]);
    expect(toScores(ev)).toMatchObject({ hc_passed: 1, hc_total: 1, hc_macro: 1, final_pass: 1 });
    // Self-driving is fine when nothing forbids it.
    expect(failing(edit(SELF_DRIVE), noLocal)).toEqual([]);
  });

  it("fails every hard constraint when the plan leaves the sandbox (official rule)", () => {
    const scores = toScores(evaluate(edit({ 2: { lunch: "Phantom Diner, Ash" } })));
    expect(scores).toMatchObject({
      delivered: 1,
      cs_passed: 7,
      cs_macro: 0,
      hc_passed: 0,
      hc_total: 5,
      hc_macro: 0,
      final_pass: 0,
    });
  });
});

describe("travel scoring: delivery", () => {
  it.each([
    ["nothing submitted", null],
    ["not JSON", "the plan is in my head"],
    ["an empty array", "[]"],
    ["only empty days", "[{}, {}]"],
  ])("an undelivered plan (%s) fails everything", (_why, submission) => {
    const scores = toScores(evaluatePlan(index, TINY_QUERY, submission));
    expect(scores).toMatchObject({
      delivered: 0,
      cs_passed: 0,
      cs_total: 8,
      cs_micro: 0,
      hc_passed: 0,
      hc_total: 5,
      hc_micro: 0,
      final_pass: 0,
    });
  });

  it('accepts {"plan": [...]} and ignores days beyond the trip', () => {
    const padded = [...tinyPlan(), {}, {}];
    expect(toScores(evaluatePlan(index, TINY_QUERY, JSON.stringify({ plan: padded }))).final_pass).toBe(1);
  });
});
