import type { StructuredToolInterface } from "@langchain/core/tools";
import { ToolMessage } from "@langchain/core/messages";
import { createTravelEnvironment } from "../src/tools/travel/index.js";
import type { TravelSession } from "../src/tools/travel/session.js";
import { MAX_ROWS, TOOL_NAMES } from "../src/tools/travel/tools.js";
import type { TravelTask } from "../src/tools/travel/types.js";
import { TINY_QUERY, TINY_WORLD, tinyPlan } from "./fixtures/travel/tinyWorld.js";

const TASK: TravelTask = { id: "tiny-001", query: TINY_QUERY };
const env = createTravelEnvironment({ world: TINY_WORLD, tasks: [TASK] });

function tools(session: ReturnType<typeof env.createSession>, scope = "main"): Record<string, StructuredToolInterface> {
  return Object.fromEntries(session.tools(scope).map((t) => [t.name, t]));
}

async function call(t: StructuredToolInterface, args: Record<string, unknown>): Promise<string> {
  return String(await t.invoke(args));
}

describe("travel tools", () => {
  it("offers exactly the TravelPlanner tool names", () => {
    expect(
      env
        .createSession("tiny-001")
        .tools("main")
        .map((t) => t.name),
    ).toEqual([...TOOL_NAMES]);
  });

  it("answers searches with CSV tables, quoting names that contain commas", async () => {
    const t = tools(env.createSession("tiny-001"));
    const flights = await call(t.FlightSearch, { departure_city: "Home", destination_city: "Ash", date: "2022-03-10" });
    expect(flights.split("\n")).toEqual([
      "Flight Number,Price,DepTime,ArrTime,ActualElapsedTime,FlightDate,OriginCityName,DestCityName,Distance",
      "FA1,100,08:00,09:00,1 hours 0 minutes,2022-03-10,Home,Ash,300",
    ]);
    const stays = await call(t.AccommodationSearch, { city: "birch" });
    expect(stays).toContain('"Birch House, Garden View",150,Entire home/apt,No smoking,2,4,5,Birch');
    const food = await call(t.RestaurantSearch, { city: "Birch" });
    expect(food).toContain('Birch Bistro,20,"Italian, French",4,Birch');
    expect(await call(t.AttractionSearch, { city: "Ash" })).toContain('Ash Museum,1,1,"1 Main St, Ash",Ash');
    expect(await call(t.CitySearch, { state: "beta" })).toBe("Cities in Beta (3): Ash, Birch, Cedar");
    expect(await call(t.DistanceMatrix, { origin: "Home", destination: "Ash", mode: "taxi" })).toBe(
      "taxi, from Home to Ash, duration: 5 hours 0 mins, distance: 1000 km, cost: 1000",
    );
    expect(await call(t.DistanceMatrix, { origin: "Home", destination: "Ash", mode: "self-driving" })).toContain(
      "cost: 50",
    );
  });

  it("reports missing connections as information, not errors", async () => {
    const t = tools(env.createSession("tiny-001"));
    expect(await call(t.FlightSearch, { departure_city: "Ash", destination_city: "Home", date: "2022-03-12" })).toBe(
      "There is no flight from Ash to Home on 2022-03-12.",
    );
    expect(await call(t.DistanceMatrix, { origin: "Birch", destination: "Cedar", mode: "taxi" })).toBe(
      "taxi, from Birch to Cedar, no valid information.",
    );
  });

  it.each([
    ["CitySearch", { state: "Atlantis" }, /^Error: unknown state "Atlantis"/],
    [
      "FlightSearch",
      { departure_city: "Gotham", destination_city: "Ash", date: "2022-03-10" },
      /^Error: unknown city "Gotham"/,
    ],
    [
      "FlightSearch",
      { departure_city: "Home", destination_city: "Ash", date: "10/03/2022" },
      /^Error: the date must be/,
    ],
    [
      "FlightSearch",
      { departure_city: "Home", destination_city: "Ash", date: "2022-02-30" },
      /^Error: the date must be/,
    ],
    [
      "FlightSearch",
      { departure_city: "Home", destination_city: "Ash", date: "2023-01-01" },
      /^Error: there is no flight schedule/,
    ],
    [
      "FlightSearch",
      { departure_city: "Ash", destination_city: "ash", date: "2022-03-10" },
      /^Error: the departure and destination/,
    ],
    ["DistanceMatrix", { origin: "Ash", destination: "Nowhere", mode: "taxi" }, /^Error: unknown city "Nowhere"/],
    [
      "DistanceMatrix",
      { origin: "Ash", destination: "Birch", mode: "helicopter" },
      /^Error: the arguments do not match the DistanceMatrix schema/,
    ],
    ["AccommodationSearch", { city: "Gotham" }, /^Error: unknown city/],
    ["RestaurantSearch", { town: "Ash" }, /^Error: the arguments do not match the RestaurantSearch schema/],
    ["AttractionSearch", { city: "Gotham" }, /^Error: unknown city/],
    ["NotebookWrite", { description: "nothing yet" }, /^Error: there is nothing to write yet/],
    ["SubmitPlan", { plan: [] }, /^Error: the plan is empty/],
    [
      "SubmitPlan",
      { plan: [{ days: 1, current_city: "Ash" }] },
      /^Error: the arguments do not match the SubmitPlan schema/,
    ],
  ])("%s answers bad input %j with an Error observation and changes nothing", async (name, args, pattern) => {
    const session = env.createSession("tiny-001") as TravelSession;
    const t = tools(session);
    await expect(call(t[name], args)).resolves.toMatch(pattern);
    expect(session.submission()).toBeNull();
    expect(session.notebook()).toEqual([]);
    expect(session.lastObservation("main")).toBeUndefined();
    // A rejected call is still a step the agent took.
    expect(session.callCounts()).toEqual({ [name]: 1 });
  });

  it("returns a ToolMessage (not an exception) for a bad tool call", async () => {
    const t = tools(env.createSession("tiny-001"));
    const reply = await t.DistanceMatrix.invoke({
      type: "tool_call",
      id: "call-1",
      name: "DistanceMatrix",
      args: { origin: "Ash" },
    });
    expect(reply).toBeInstanceOf(ToolMessage);
    expect((reply as ToolMessage).tool_call_id).toBe("call-1");
    expect(String((reply as ToolMessage).content)).toMatch(/^Error:/);
  });

  it("NotebookWrite stores the scope's last observation, separately per scope", async () => {
    const session = env.createSession("tiny-001") as TravelSession;
    const a = tools(session, "node-a");
    const b = tools(session, "node-b");
    const flights = await call(a.FlightSearch, { departure_city: "Home", destination_city: "Ash", date: "2022-03-10" });
    const food = await call(b.RestaurantSearch, { city: "Ash" });
    await call(a.CitySearch, { state: "Nowhere" }); // an error is not an observation to store
    expect(await call(a.NotebookWrite, { description: "Flights Home to Ash" })).toBe(
      "The information has been recorded in Notebook, and its index is 0.",
    );
    expect(await call(b.NotebookWrite, { description: "Food in Ash" })).toContain("index is 1");
    expect(session.notebook()).toEqual([
      { description: "Flights Home to Ash", content: flights },
      { description: "Food in Ash", content: food },
    ]);
    expect(await call(tools(session, "node-c").NotebookWrite, { description: "x" })).toMatch(/^Error:/);
  });

  it("SubmitPlan records the plan and acknowledges it without a score", async () => {
    const session = env.createSession("tiny-001");
    const reply = await call(tools(session).SubmitPlan, { plan: tinyPlan() });
    expect(reply).toBe("Plan received: 5 day(s). Submitting again replaces it.");
    expect(reply).not.toMatch(/pass|score|valid|budget|constraint/i);
    expect(JSON.parse(session.submission()!)).toEqual(tinyPlan());
    expect(env.score("tiny-001", session).final_pass).toBe(1);
  });

  it("counts executed calls per tool name", async () => {
    const session = env.createSession("tiny-001");
    const t = tools(session);
    await call(t.CitySearch, { state: "Beta" });
    await call(t.RestaurantSearch, { city: "Ash" });
    await call(t.RestaurantSearch, { city: "Birch" });
    expect(session.callCounts()).toEqual({ CitySearch: 1, RestaurantSearch: 2 });
    expect(env.createSession("tiny-001").callCounts()).toEqual({});
  });

  it("caps long tables at MAX_ROWS rows", async () => {
    const many = {
      ...TINY_WORLD,
      restaurants: Array.from({ length: MAX_ROWS + 7 }, (_, i) => ({
        name: `R${i}`,
        averageCost: 10,
        cuisines: ["Cafe"],
        rating: 3,
        city: "Ash",
      })),
    };
    const big = createTravelEnvironment({ world: many, tasks: [TASK] });
    const out = await call(tools(big.createSession("tiny-001")).RestaurantSearch, { city: "Ash" });
    const lines = out.split("\n");
    expect(lines).toHaveLength(1 + MAX_ROWS + 1);
    expect(lines[lines.length - 1]).toBe(`(showing ${MAX_ROWS} of ${MAX_ROWS + 7} rows)`);
  });
});
