/**
 * `scoring: "official"` reproduces TravelPlanner's official evaluator (OSU-NLP-Group/TravelPlanner,
 * evaluation/commonsense_constraint.py, evaluation/hard_constraint.py, evaluation/eval.py,
 * utils/func.py). One test per quirk: each builds the smallest plan that shows it, states what the
 * official function does with it, and checks that the strict scorer decides otherwise where the
 * two differ. The function each test mirrors is named in the test title.
 */
import { evaluatePlanOfficial, officialHardDenominator } from "../src/tools/travel/officialScoring.js";
import { evaluatePlan, toScores, type PlanEvaluation } from "../src/tools/travel/scoring.js";
import type { PlanDay, TravelQuery, World } from "../src/tools/travel/types.js";
import { WorldIndex } from "../src/tools/travel/worldIndex.js";
import { TINY_QUERY, TINY_WORLD, tinyPlan } from "./fixtures/travel/tinyWorld.js";

/** The tiny world plus look-alike names for the substring quirks. */
const WORLD: World = {
  ...TINY_WORLD,
  accommodations: [
    ...TINY_WORLD.accommodations,
    {
      name: "Ash Monthly Flat Deluxe",
      price: 70,
      roomType: "Entire home/apt",
      houseRules: ["No parties"],
      minimumNights: 1,
      maximumOccupancy: 4,
      reviewRate: 4,
      city: "Ash",
    },
  ],
  restaurants: [
    // "Mei's Bistro" comes first in the table, so a search for "Mei's" finds it first.
    { name: "Mei's Bistro", averageCost: 40, cuisines: ["French"], rating: 4, city: "Ash" },
    { name: "Mei's", averageCost: 10, cuisines: ["Chinese"], rating: 4, city: "Ash" },
    ...TINY_WORLD.restaurants,
  ],
};
const index = new WorldIndex(WORLD);

function official(plan: unknown, query: TravelQuery = TINY_QUERY): PlanEvaluation {
  return evaluatePlanOfficial(WORLD, query, JSON.stringify(plan));
}

function strict(plan: unknown, query: TravelQuery = TINY_QUERY): PlanEvaluation {
  return evaluatePlan(index, query, JSON.stringify(plan));
}

function edit(changes: Record<number, Partial<PlanDay>>): PlanDay[] {
  return tinyPlan().map((d, i) => ({ ...d, ...(changes[i + 1] ?? {}) }));
}

const noLocal: TravelQuery = {
  ...TINY_QUERY,
  local_constraint: { "house rule": null, cuisine: null, "room type": null, transportation: null },
};

describe("official scoring: the reference plan", () => {
  it("passes every constraint, like the strict scorer, and says which scoring made the numbers", () => {
    const scores = toScores(official(tinyPlan()));
    expect(scores).toMatchObject({ cs_passed: 8, hc_passed: 5, hc_total: 5, final_pass: 1, cost: 1897 });
    expect(scores.scoring_official).toBe(1);
    expect(scores.official_crashes).toBe(0);
    expect(toScores(strict(tinyPlan())).scoring_official).toBe(0);
  });
});

describe("official scoring quirks (each mirrors the official function in its title)", () => {
  it("is_valid_information_in_sandbox: a flight matches on number and route only, not on the day's date", () => {
    // FA9 flies Home -> Ash on 2022-03-11; day 1 is 2022-03-10.
    const plan = edit({
      1: { transportation: "Flight Number: FA9, from Home to Ash, Departure Time: 07:00, Arrival Time: 08:00" },
    });
    expect(official(plan).commonsense.valid_information_in_sandbox.pass).toBe(true);
    expect(strict(plan).commonsense.valid_information_in_sandbox.pass).toBe(false);
  });

  it("is_valid_information_in_sandbox: names match as substrings (str.contains), so a shortened name passes", () => {
    const plan = edit({ 2: { dinner: "Ash Noodle, Ash" }, 4: { dinner: "Dumplings, Birch" } });
    expect(official(plan).commonsense.valid_information_in_sandbox.pass).toBe(true);
    expect(strict(plan).commonsense.valid_information_in_sandbox.pass).toBe(false);
  });

  it("is_valid_information_in_sandbox / is_valid_attractions: the text after the last ';' is dropped (split(';')[:-1])", () => {
    const phantomLast = edit({ 2: { attraction: "Ash Museum, Ash;Phantom Park, Ash" } });
    expect(official(phantomLast).commonsense.valid_information_in_sandbox.pass).toBe(true);
    expect(strict(phantomLast).commonsense.valid_information_in_sandbox.pass).toBe(false);
    // A repeat written without the trailing ";" is not seen either.
    const repeat = edit({ 4: { attraction: "Birch Zoo, Birch;Ash Museum, Ash" } });
    expect(official(repeat).commonsense.valid_attractions.pass).toBe(true);
    expect(strict(repeat).commonsense.valid_attractions.pass).toBe(false);
  });

  it("is_valid_information_in_current_city: on a one-city day it iterates over the characters of the city name", () => {
    // Day 2 is in Ash: "h" (a character of "Ash") occurs in "Birch Grill, Birch", so the meal passes.
    const lunchElsewhere = edit({ 2: { lunch: "Birch Grill, Birch" } });
    expect(official(lunchElsewhere).commonsense.valid_information_in_current_city.pass).toBe(true);
    expect(strict(lunchElsewhere).commonsense.valid_information_in_current_city.pass).toBe(false);
    // The accommodation test is `final_city_list[-1] in cell`: the last character, "h".
    const stayElsewhere = edit({ 2: { accommodation: "Birch House, Garden View, Birch" } });
    expect(official(stayElsewhere).commonsense.valid_information_in_current_city.pass).toBe(true);
    // A meal with none of the characters still fails.
    expect(official(edit({ 2: { lunch: "Zz, Q" } })).commonsense.valid_information_in_current_city.pass).toBe(false);
  });

  it("is_reasonable_visiting_city: the destination is only checked when days > 3", () => {
    const threeDays: TravelQuery = { ...noLocal, dest: "Ash", days: 3, visiting_city_number: 1 };
    const plan = [
      { ...tinyPlan()[0], current_city: "from Home to Cedar" },
      { ...tinyPlan()[1], current_city: "Cedar" },
      { ...tinyPlan()[4], current_city: "from Cedar to Home" },
    ];
    expect(official(plan, threeDays).commonsense.reasonable_city_route.pass).toBe(true);
    expect(strict(plan, threeDays).commonsense.reasonable_city_route.pass).toBe(false);
  });

  it("is_reasonable_visiting_city: an origin-city day inside the route fails (its state is not the destination)", () => {
    // Day 1 at home, then the tour: [Home, Home, Ash, Ash, Birch, Birch, Home].
    const plan = edit({
      1: { current_city: "Home", transportation: "-", dinner: "Home Cantina, Home", accommodation: "-" },
      2: {
        current_city: "from Home to Ash",
        transportation: "Flight Number: FA9, from Home to Ash, Departure Time: 07:00, Arrival Time: 08:00",
      },
    });
    expect(official(plan).commonsense.reasonable_city_route).toMatchObject({
      pass: false,
      reason: "Home is not in Beta.",
    });
    expect(strict(plan).commonsense.reasonable_city_route.pass).toBe(true);
  });

  it("is_valid_information_in_sandbox / is_reasonable_visiting_city: names and cities are case-sensitive", () => {
    const lowerName = edit({ 2: { lunch: "ash grill, Ash" } });
    expect(official(lowerName).commonsense.valid_information_in_sandbox.pass).toBe(false);
    expect(strict(lowerName).commonsense.valid_information_in_sandbox.pass).toBe(true);
    const lowerCity = edit({
      1: { current_city: "from Home to ash" },
      2: { current_city: "ash" },
      3: { current_city: "from ash to Birch" },
    });
    expect(official(lowerCity).commonsense.reasonable_city_route).toMatchObject({
      pass: false,
      reason: "ash is not a valid city.",
    });
    expect(strict(lowerCity).commonsense.reasonable_city_route.pass).toBe(true);
  });

  it("hard_constraint.is_valid_transportation: 'no self-driving' looks for 'Self-driving' with a capital S", () => {
    const lowerDrive = edit({
      1: { transportation: "self-driving, from Home to Ash, duration: 5 hours 0 mins, distance: 1000 km, cost: 50" },
      3: { transportation: "self-driving, from Ash to Birch, duration: 2 hours 0 mins, distance: 200 km, cost: 10" },
      5: { transportation: "self-driving, from Birch to Home, duration: 5 hours 10 mins, distance: 1010 km, cost: 50" },
    });
    const ev = official(lowerDrive);
    expect(ev.hardEvaluated).toBe(true);
    expect(ev.hard.transportation?.pass).toBe(true);
    expect(strict(lowerDrive).hard.transportation?.pass).toBe(false);
    const capital = lowerDrive.map((d) => ({ ...d, transportation: d.transportation.replace("self-", "Self-") }));
    expect(official(capital).hard.transportation?.pass).toBe(false);
  });

  it("hard_constraint.is_valid_cuisine: a meal in the origin city `continue`s past the rest of that day's meals", () => {
    const chinese: TravelQuery = {
      ...TINY_QUERY,
      local_constraint: { ...TINY_QUERY.local_constraint, cuisine: ["Chinese"] },
    };
    // The only Chinese meal is day 1's dinner, after a breakfast at home.
    const plan = edit({
      1: { breakfast: "Home Cantina, Home", dinner: "Ash Noodles, Ash" },
      2: { dinner: "Ash Tacos, Ash" },
      4: { dinner: "Birch Grill, Birch" },
    });
    const ev = official(plan, chinese);
    expect(ev.hardEvaluated).toBe(true);
    expect(ev.hard.cuisine).toMatchObject({ pass: false, reason: "The cuisine Chinese is not satisfied." });
    expect(strict(plan, chinese).hard.cuisine?.pass).toBe(true);
    // Without the breakfast at home the same dinner counts.
    expect(
      official(
        edit({
          1: { dinner: "Ash Noodles, Ash" },
          2: { dinner: "Ash Tacos, Ash" },
          4: { dinner: "Birch Grill, Birch" },
        }),
        chinese,
      ).hard.cuisine?.pass,
    ).toBe(true);
  });

  it("is_valid_information_in_sandbox: a lower-case 'flight number:' raises IndexError officially; here it fails with a note", () => {
    const plan = edit({
      1: { transportation: "flight number: FA1, from Home to Ash, Departure Time: 08:00, Arrival Time: 09:00" },
    });
    const ev = official(plan);
    expect(ev.commonsense.valid_information_in_sandbox.pass).toBe(false);
    expect(ev.commonsense.valid_information_in_sandbox.note).toMatch(/^is_valid_information_in_sandbox: .*IndexError/);
    expect(ev.notes).toHaveLength(1);
    expect(toScores(ev).official_crashes).toBe(1);
    // The other checks still ran, and the hard constraints are not evaluated (sandbox failed).
    expect(ev.commonsense.valid_restaurants.pass).toBe(true);
    expect(ev.hardEvaluated).toBe(false);
    expect(strict(plan).commonsense.valid_information_in_sandbox.pass).toBe(true);
  });

  it("get_total_cost: the cost comes from the first table row whose name contains the plan's name", () => {
    const plan = edit({ 2: { lunch: "Mei's, Ash" } });
    // Ash Grill (12) replaced by Mei's: officially Mei's Bistro (40, first row containing "Mei's").
    expect(official(plan).cost).toBe(1897 + (40 - 12) * 3);
    expect(strict(plan).cost).toBe(1897 + (10 - 12) * 3);
  });

  it("get_total_cost: a flight is priced by its number alone", () => {
    const plan = edit({
      1: { transportation: "Flight Number: FA9, from Home to Ash, Departure Time: 07:00, Arrival Time: 08:00" },
    });
    expect(official(plan).cost).toBe(1897 + (60 - 100) * 3);
  });

  it("is_valid_accommodaton: the minimum-nights rule is checked only when exactly one listing matches the name", () => {
    // "Ash Monthly Flat" (3 nights minimum) is also a substring of "Ash Monthly Flat Deluxe".
    const plan = edit({ 1: { accommodation: "Ash Monthly Flat, Ash" }, 2: { accommodation: "Ash Monthly Flat, Ash" } });
    expect(official(plan).commonsense.valid_accommodation.pass).toBe(true);
    expect(strict(plan).commonsense.valid_accommodation.pass).toBe(false);
  });

  it("hard_constraint.is_valid_room_rule: 'parties' is checked (fixed upstream in April 2024; it was spelt 'parities')", () => {
    const parties: TravelQuery = {
      ...noLocal,
      local_constraint: { ...noLocal.local_constraint, "house rule": "parties" },
    };
    const plan = edit({
      1: { accommodation: "Ash Monthly Flat Deluxe, Ash" },
      2: { accommodation: "Ash Monthly Flat Deluxe, Ash" },
    });
    expect(official(plan, parties).hard.room_rule).toMatchObject({
      pass: false,
      reason: "The house rule should be parties.",
    });
    expect(strict(plan, parties).hard.room_rule?.pass).toBe(false);
  });

  it("eval.py: hard constraints enter the micro denominator by level (easy: budget only; medium: no transportation)", () => {
    const roomType = {
      ...noLocal.local_constraint,
      "room type": "entire room" as const,
      transportation: "no flight" as const,
    };
    expect(officialHardDenominator({ ...noLocal, level: "easy", local_constraint: roomType })).toEqual(["budget"]);
    expect(officialHardDenominator({ ...noLocal, level: "medium", local_constraint: roomType })).toEqual([
      "budget",
      "room_type",
    ]);
    expect(officialHardDenominator({ ...noLocal, level: "hard", local_constraint: roomType })).toEqual([
      "budget",
      "room_type",
      "transportation",
    ]);
    // An easy query with a room type: its verdict is computed and counted as passed, not in the total.
    const scores = toScores(official(tinyPlan(), { ...noLocal, level: "easy", local_constraint: roomType }));
    expect(scores).toMatchObject({ hc_total: 1 });
  });

  it("eval.py + is_valid_days: a plan of empty days counts as delivered, and every check that raises is noted", () => {
    const ev = official([{}, {}]);
    expect(ev.delivered).toBe(true);
    expect(ev.commonsense.reasonable_city_route).toMatchObject({ pass: false });
    expect(
      ev.notes.some((n) => n.startsWith("is_reasonable_visiting_city: ") && n.includes("KeyError: 'current_city'")),
    ).toBe(true);
    expect(toScores(ev)).toMatchObject({ delivered: 1, final_pass: 0 });
    expect(strict([{}, {}]).delivered).toBe(false);
  });

  it("a cell that is not a string raises TypeError in the official code (re.search), and fails that check with a note", () => {
    const ev = official(edit({ 2: { lunch: 7 as unknown as string } }));
    expect(ev.commonsense.valid_information_in_sandbox.note).toMatch(/TypeError: expected string or bytes-like object/);
    expect(ev.commonsense.valid_information_in_current_city.note).toMatch(/TypeError/);
  });

  it("an undelivered plan fails everything, as in eval.py", () => {
    for (const submission of [null, "not json", "[]", '{"plan": []}']) {
      const scores = toScores(evaluatePlanOfficial(WORLD, TINY_QUERY, submission));
      expect(scores).toMatchObject({ delivered: 0, cs_passed: 0, hc_passed: 0, hc_total: 5, final_pass: 0 });
    }
  });
});
