/**
 * The agent-facing tools of the travel sandbox, with TravelPlanner's names and arguments.
 * Observations are compact CSV tables (row-limited); bad input gets an "Error: ..." reply
 * and changes nothing.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import { csvLine } from "./csv.js";
import { FLIGHT_COLUMNS, flightRow } from "./official.js";
import { guardSchema } from "./guard.js";
import { isIsoDate } from "./dates.js";
import type { City } from "./types.js";
import { roadCost, type WorldIndex } from "./worldIndex.js";

/** Rows shown at most per observation, so prompts stay a reasonable size. */
export const MAX_ROWS = 50;

export const TOOL_NAMES = [
  "CitySearch",
  "FlightSearch",
  "DistanceMatrix",
  "AccommodationSearch",
  "RestaurantSearch",
  "AttractionSearch",
  "NotebookWrite",
  "SubmitPlan",
] as const;

/** What the tools need from the session they belong to. */
export interface ToolHost {
  readonly index: WorldIndex;
  /** Counts one executed call. */
  count(tool: string): void;
  /** The scope's last search observation (what NotebookWrite stores). */
  lastObservation(scope: string): string | undefined;
  remember(scope: string, observation: string): void;
  /** Stores a note and returns its index. */
  writeNote(description: string, content: string): number;
  submit(answer: string): void;
}

function table(header: string[], rows: (string | number)[][]): string {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [csvLine(header), ...shown.map(csvLine)];
  if (rows.length > shown.length) lines.push(`(showing ${shown.length} of ${rows.length} rows)`);
  return lines.join("\n");
}

const cityError = (name: string) => `Error: unknown city "${name}". Use CitySearch to list the cities of a state.`;

const planDay = z.object({
  days: z.number().int().describe("Day number, starting at 1"),
  current_city: z.string().describe('The city of the day, or "from A to B" on a day of travel'),
  transportation: z
    .string()
    .describe(
      'E.g. "Flight Number: F123, from A to B, Departure Time: 08:00, Arrival Time: 10:00", ' +
        '"Self-driving, from A to B, duration: .., distance: .., cost: ..", "Taxi, from A to B, ..." or "-"',
    ),
  breakfast: z.string().describe('"Restaurant Name, City" or "-"'),
  attraction: z.string().describe('"Name, City;Name, City;" or "-"'),
  lunch: z.string().describe('"Restaurant Name, City" or "-"'),
  dinner: z.string().describe('"Restaurant Name, City" or "-"'),
  accommodation: z.string().describe('"Accommodation Name, City" for the night, or "-"'),
});

/** One tool set bound to a session and a scope (the scope only matters for NotebookWrite). */
export function createTravelTools(host: ToolHost, scope: string): StructuredToolInterface[] {
  const { index } = host;
  // Search observations become the scope's "last observation"; errors never do.
  const observe = (text: string): string => {
    if (!text.startsWith("Error:")) host.remember(scope, text);
    return text;
  };
  const withCity = (name: string, fn: (city: City) => string): string => {
    const city = index.city(name);
    return city ? fn(city) : cityError(name);
  };

  const citySearch = tool(
    ({ state }) => {
      host.count("CitySearch");
      const found = index.state(state);
      if (!found) return `Error: unknown state "${state}". Known states: ${index.states.join(", ")}.`;
      const cities = index.citiesIn(found).map((c) => c.name);
      return observe(`Cities in ${found} (${cities.length}): ${cities.join(", ")}`);
    },
    {
      name: "CitySearch",
      description: "List the cities of a US state that the sandbox covers.",
      schema: z.object({ state: z.string().describe('State name, e.g. "Texas"') }),
    },
  );

  const flightSearch = tool(
    ({ departure_city, destination_city, date }) => {
      host.count("FlightSearch");
      const from = index.city(departure_city);
      const to = index.city(destination_city);
      if (!from) return cityError(departure_city);
      if (!to) return cityError(destination_city);
      if (from === to) return "Error: the departure and destination cities are the same.";
      if (!isIsoDate(date)) return `Error: the date must be a calendar date written YYYY-MM-DD, got "${date}".`;
      const range = index.flightDates;
      if (range && (date < range.first || date > range.last)) {
        return `Error: there is no flight schedule for ${date}; flights are listed from ${range.first} to ${range.last}.`;
      }
      const flights = [...index.flights(from.name, to.name, date)].sort((a, b) => a.depTime.localeCompare(b.depTime));
      if (flights.length === 0) return observe(`There is no flight from ${from.name} to ${to.name} on ${date}.`);
      return observe(table(FLIGHT_COLUMNS, flights.map(flightRow)));
    },
    {
      name: "FlightSearch",
      description: "Flights between two cities on one date; the price is per person.",
      schema: z.object({
        departure_city: z.string().describe("City to fly from"),
        destination_city: z.string().describe("City to fly to"),
        date: z.string().describe("Departure date, YYYY-MM-DD"),
      }),
    },
  );

  const distanceMatrix = tool(
    ({ origin, destination, mode }) => {
      host.count("DistanceMatrix");
      const from = index.city(origin);
      const to = index.city(destination);
      if (!from) return cityError(origin);
      if (!to) return cityError(destination);
      if (from === to) return "Error: the origin and destination cities are the same.";
      const road = index.road(from.name, to.name);
      if (!road) return observe(`${mode}, from ${from.name} to ${to.name}, no valid information.`);
      const cost = roadCost(road.distanceKm, mode);
      return observe(
        `${mode}, from ${from.name} to ${to.name}, duration: ${road.duration}, distance: ${road.distanceKm} km, cost: ${cost}`,
      );
    },
    {
      name: "DistanceMatrix",
      description:
        "Driving duration, distance and cost between two cities. The cost is per vehicle: a car takes up to 5 people, a taxi up to 4.",
      schema: z.object({
        origin: z.string().describe("City to leave from"),
        destination: z.string().describe("City to arrive at"),
        mode: z.enum(["self-driving", "taxi"]).describe('"self-driving" or "taxi"'),
      }),
    },
  );

  const accommodationSearch = tool(
    ({ city }) => {
      host.count("AccommodationSearch");
      return withCity(city, (c) => {
        const rows = index.accommodations(c.name);
        if (rows.length === 0) return observe(`There is no accommodation in ${c.name}.`);
        return observe(
          table(
            [
              "NAME",
              "price",
              "room type",
              "house_rules",
              "minimum nights",
              "maximum occupancy",
              "review rate number",
              "city",
            ],
            rows.map((a) => [
              a.name,
              a.price,
              a.roomType,
              a.houseRules.join(" & ") || "none",
              a.minimumNights,
              a.maximumOccupancy,
              a.reviewRate,
              a.city,
            ]),
          ),
        );
      });
    },
    {
      name: "AccommodationSearch",
      description:
        "Accommodations in a city: price per night per room, room type, house rules, minimum nights and maximum occupancy.",
      schema: z.object({ city: z.string().describe("City name") }),
    },
  );

  const restaurantSearch = tool(
    ({ city }) => {
      host.count("RestaurantSearch");
      return withCity(city, (c) => {
        const rows = index.restaurants(c.name);
        if (rows.length === 0) return observe(`There is no restaurant in ${c.name}.`);
        return observe(
          table(
            ["Name", "Average Cost", "Cuisines", "Aggregate Rating", "City"],
            rows.map((r) => [r.name, r.averageCost, r.cuisines.join(", "), r.rating, r.city]),
          ),
        );
      });
    },
    {
      name: "RestaurantSearch",
      description: "Restaurants in a city with their average cost per person and cuisines.",
      schema: z.object({ city: z.string().describe("City name") }),
    },
  );

  const attractionSearch = tool(
    ({ city }) => {
      host.count("AttractionSearch");
      return withCity(city, (c) => {
        const rows = index.attractions(c.name);
        if (rows.length === 0) return observe(`There is no attraction in ${c.name}.`);
        return observe(
          table(
            ["Name", "Latitude", "Longitude", "Address", "City"],
            rows.map((a) => [a.name, a.latitude, a.longitude, a.address, a.city]),
          ),
        );
      });
    },
    {
      name: "AttractionSearch",
      description: "Attractions (sights) in a city.",
      schema: z.object({ city: z.string().describe("City name") }),
    },
  );

  const notebookWrite = tool(
    ({ description }) => {
      host.count("NotebookWrite");
      const last = host.lastObservation(scope);
      if (last === undefined) return "Error: there is nothing to write yet; run a search first.";
      if (description.trim() === "") return "Error: give the note a short description.";
      const i = host.writeNote(description.trim(), last);
      return `The information has been recorded in Notebook, and its index is ${i}.`;
    },
    {
      name: "NotebookWrite",
      description: "Store the result of your last search in the notebook, under a short description.",
      schema: z.object({
        description: z.string().describe('Short description, e.g. "Flights from Austin to Dallas on 2022-03-16"'),
      }),
    },
  );

  const submitPlan = tool(
    ({ plan }) => {
      host.count("SubmitPlan");
      if (plan.length === 0) return "Error: the plan is empty; give one entry per day.";
      host.submit(JSON.stringify(plan));
      return `Plan received: ${plan.length} day(s). Submitting again replaces it.`;
    },
    {
      name: "SubmitPlan",
      description:
        'Submit the final travel plan: one object per day. Use "-" for anything not needed (e.g. no breakfast on a travel day, no accommodation on the last day).',
      schema: z.object({ plan: z.array(planDay).describe("The day-by-day plan, day 1 first") }),
    },
  );

  const tools: StructuredToolInterface[] = [
    citySearch,
    flightSearch,
    distanceMatrix,
    accommodationSearch,
    restaurantSearch,
    attractionSearch,
    notebookWrite,
    submitPlan,
  ];
  // A call rejected by the schema still counts as a step the agent took.
  return tools.map((t) => guardSchema(t, () => host.count(t.name)));
}
