/**
 * The decomposition a good supervisor would write for a travel query: a CitySearch node for
 * tours through a state, one node per leg (transport), three per visited city (stay, meals,
 * sights) that can all run in parallel, and a final node that assembles and submits the
 * plan. Specs are standalone: each carries the cities, dates, party size and constraints
 * it needs.
 */
import type { ReferenceAction, ReferenceSolution, ReferenceSubtask } from "../types.js";
import { stayNeeds } from "./solver.js";
import type { Itinerary, LocalConstraint, TravelQuery } from "./types.js";

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function party(q: TravelQuery): string {
  return q.people_number === 1 ? "1 person" : `${q.people_number} people`;
}

function stayConstraints(lc: LocalConstraint): string {
  const parts: string[] = [];
  if (lc["house rule"]) parts.push(`the house rules must allow ${lc["house rule"]}`);
  if (lc["room type"]) parts.push(`room type must be: ${lc["room type"]}`);
  return parts.length > 0 ? ` Constraints: ${parts.join("; ")}.` : "";
}

function transportRule(lc: LocalConstraint): string {
  if (lc.transportation === "no flight") return " Constraint: no flights.";
  if (lc.transportation === "no self-driving") return " Constraint: no self-driving.";
  return "";
}

/** Builds the reference decomposition of a solved query. */
export function referenceFor(query: TravelQuery, it: Itinerary): ReferenceSolution {
  const subtasks: ReferenceSubtask[] = [];
  const lc = query.local_constraint;
  const multi = query.visiting_city_number > 1;
  const states = multi ? query.dest.split(",").map((s) => s.trim()) : [];
  const root: string[] = [];
  if (multi) {
    subtasks.push({
      id: "cities",
      spec:
        `List the cities of ${states.join(", ")} with CitySearch and confirm that the ${query.visiting_city_number} stops ` +
        `of the tour from ${query.org} (${query.date[0]} to ${query.date[query.date.length - 1]}) are among them: ` +
        `${it.route.join(", ")}.`,
      deps: [],
      actions: states.map((state) => ({ tool: "CitySearch", args: { state } })),
    });
    root.push("cities");
  }
  // Transport mode of the whole trip, so each leg's spec stays consistent with the others.
  const modes = [...new Set(it.legs.map((l) => l.mode))];
  const modeNote =
    modes.length === 1 && modes[0] === "self-driving"
      ? " The trip is self-driven, so use self-driving for this leg."
      : modes.includes("self-driving")
        ? ""
        : " The trip uses flights and taxis only (never mix them with self-driving).";
  it.legs.forEach((leg, i) => {
    const actions: ReferenceAction[] = [];
    if (leg.mode !== "self-driving" && lc.transportation !== "no flight") {
      actions.push({
        tool: "FlightSearch",
        args: { departure_city: leg.from, destination_city: leg.to, date: leg.date },
      });
    }
    if (leg.mode !== "flight") {
      actions.push({ tool: "DistanceMatrix", args: { origin: leg.from, destination: leg.to, mode: leg.mode } });
    }
    subtasks.push({
      id: `transport-${i + 1}`,
      spec:
        `Find transportation from ${leg.from} to ${leg.to} on ${leg.date} for ${party(query)} and report the ` +
        `cheapest suitable option with its details and cost.${modeNote}${transportRule(lc)}`,
      deps: [...root],
      actions,
    });
  });
  for (const stay of it.stays) {
    const c = slug(stay.city);
    const checkIn = query.date[stay.arrival];
    const checkOut = query.date[stay.arrival + stay.nights];
    const { meals, attractions } = stayNeeds(stay.nights);
    subtasks.push({
      id: `stay-${c}`,
      spec:
        `Find an accommodation in ${stay.city} for ${party(query)}, ${stay.nights} night(s) from ${checkIn} to ${checkOut}; ` +
        `its minimum-nights rule must fit ${stay.nights} night(s). Report the cheapest fit with its price, ` +
        `maximum occupancy and house rules.${stayConstraints(lc)}`,
      deps: [...root],
      actions: [{ tool: "AccommodationSearch", args: { city: stay.city } }],
    });
    const cuisine =
      lc.cuisine && lc.cuisine.length > 0
        ? ` The whole trip must include ${lc.cuisine.join(", ")} cuisine; prefer restaurants that offer it.`
        : "";
    subtasks.push({
      id: `meals-${c}`,
      spec:
        `Choose ${meals} different restaurants in ${stay.city} for ${party(query)} (dinner on ${checkIn}, then ` +
        `breakfast, lunch and dinner each full day until ${checkOut}), keeping the average cost low.${cuisine}`,
      deps: [...root],
      actions: [{ tool: "RestaurantSearch", args: { city: stay.city } }],
    });
    // A one-night stop has no full day, so it needs no sightseeing.
    if (attractions > 0) {
      subtasks.push({
        id: `sights-${c}`,
        spec: `Choose ${attractions} to ${2 * attractions} different attractions in ${stay.city}, at least one for each full day between ${checkIn} and ${checkOut}.`,
        deps: [...root],
        actions: [{ tool: "AttractionSearch", args: { city: stay.city } }],
      });
    }
  }
  const budgetNote = `total cost (official formulas) at most $${query.budget}`;
  const rules = [
    stayConstraints(lc),
    transportRule(lc),
    lc.cuisine?.length ? ` Meals must include ${lc.cuisine.join(", ")} cuisine.` : "",
  ].join("");
  subtasks.push({
    id: "submit",
    spec:
      `Assemble the ${query.days}-day plan from ${query.org} (${query.date[0]} to ${query.date[query.date.length - 1]}, ` +
      `${party(query)}, ${budgetNote}) from the other sub-tasks' findings and submit it with SubmitPlan: one entry per ` +
      `day with current_city, transportation, breakfast, attraction, lunch, dinner and accommodation ("-" when none). ` +
      `No restaurant or attraction may repeat.${rules}`,
    deps: subtasks.map((s) => s.id),
    actions: [{ tool: "SubmitPlan", args: { plan: it.plan } }],
  });
  return { subtasks, answer: JSON.stringify(it.plan) };
}
