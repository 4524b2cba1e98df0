/**
 * A small greedy solver: given a query (and optionally the route to take), it builds a plan
 * that meets every commonsense and hard constraint except possibly the budget, choosing the
 * cheapest option at each step. The task generator uses it to guarantee a reference plan
 * exists (the budget is then set above its cost); the official loader uses it to attempt
 * references for official queries.
 */
import { allowsRule, fitsRoomType } from "./rules.js";
import type { Accommodation, Attraction, Itinerary, Leg, PlanDay, Restaurant, Stay, TravelQuery } from "./types.js";
import { groupRoadCost, roadCost, type DriveMode, type WorldIndex } from "./worldIndex.js";

/**
 * How a trip moves between cities. Self-driving cannot be mixed with flights or taxis, so a
 * trip either drives every leg, flies every leg, flies where it can and takes taxis
 * elsewhere ("mixed"), or takes taxis throughout.
 */
export type Family = "fly" | "mixed" | "drive" | "taxi";

export interface SolveOptions {
  /** The visiting order; by default the solver tries routes through the destination. */
  route?: string[];
  /** Families to try, in order of preference; by default every family the query allows. */
  families?: Family[];
  /** Routes tried at most when the route is not given. */
  maxRoutes?: number;
}

/** Night and arrival layout: day 0 leaves home, the last day comes back. */
export interface StayLayout {
  arrival: number;
  nights: number;
}

/** Spreads the days evenly: every city gets one arrival night plus its share of full days. */
export function layoutStays(days: number, cityCount: number): StayLayout[] | null {
  const extra = days - (cityCount + 1);
  if (cityCount < 1 || extra < 0) return null;
  const out: StayLayout[] = [];
  let arrival = 0;
  for (let i = 0; i < cityCount; i++) {
    const full = Math.floor(extra / cityCount) + (i < extra % cityCount ? 1 : 0);
    out.push({ arrival, nights: full + 1 });
    arrival += full + 1;
  }
  return out;
}

/** Restaurants and attractions a city needs for a stay of `nights` nights. */
export function stayNeeds(nights: number): { meals: number; attractions: number } {
  const fullDays = nights - 1;
  return { meals: 1 + 3 * fullDays, attractions: fullDays };
}

function allowedFamilies(query: TravelQuery): Family[] {
  const t = query.local_constraint.transportation;
  if (t === "no flight") return ["drive", "taxi"];
  if (t === "no self-driving") return ["fly", "mixed", "taxi"];
  return ["fly", "drive", "mixed", "taxi"];
}

function roadText(
  mode: "Self-driving" | "Taxi",
  from: string,
  to: string,
  duration: string,
  km: number,
  cost: number,
): string {
  return `${mode}, from ${from} to ${to}, duration: ${duration}, distance: ${km} km, cost: ${cost}`;
}

function buildLeg(
  index: WorldIndex,
  query: TravelQuery,
  family: Family,
  from: string,
  to: string,
  day: number,
): Leg | null {
  const date = query.date[day];
  const people = query.people_number;
  const road = index.road(from, to);
  const roadLeg = (mode: DriveMode): Leg | null => {
    if (!road) return null;
    return {
      from,
      to,
      date,
      day,
      mode,
      flight: null,
      cost: groupRoadCost(road.distanceKm, mode, people),
      text: roadText(
        mode === "taxi" ? "Taxi" : "Self-driving",
        from,
        to,
        road.duration,
        road.distanceKm,
        roadCost(road.distanceKm, mode),
      ),
    };
  };
  const taxi = () => roadLeg("taxi");
  if (family === "drive") return roadLeg("self-driving");
  if (family === "taxi") return taxi();
  const flights = [...index.flights(from, to, date)].sort(
    (a, b) => a.price - b.price || a.flightNumber.localeCompare(b.flightNumber),
  );
  const f = flights[0];
  if (!f) return family === "mixed" ? taxi() : null;
  return {
    from,
    to,
    date,
    day,
    mode: "flight",
    flight: f,
    cost: f.price * people,
    text: `Flight Number: ${f.flightNumber}, from ${from} to ${to}, Departure Time: ${f.depTime}, Arrival Time: ${f.arrTime}`,
  };
}

function pickAccommodation(index: WorldIndex, query: TravelQuery, city: string, nights: number): Accommodation | null {
  const rule = query.local_constraint["house rule"];
  const type = query.local_constraint["room type"];
  const cost = (a: Accommodation) => a.price * Math.ceil(query.people_number / a.maximumOccupancy);
  const ok = index
    .accommodations(city)
    .filter((a) => a.minimumNights <= nights && allowsRule(a, rule) && fitsRoomType(a, type))
    .sort((a, b) => cost(a) - cost(b) || a.name.localeCompare(b.name));
  return ok[0] ?? null;
}

/** Cheapest restaurants per city, after forcing one restaurant per wanted cuisine. */
function pickRestaurants(
  index: WorldIndex,
  query: TravelQuery,
  stays: { city: string; meals: number }[],
): Restaurant[][] | null {
  const chosen = stays.map(() => new Set<Restaurant>());
  const byCost = (a: Restaurant, b: Restaurant) => a.averageCost - b.averageCost || a.name.localeCompare(b.name);
  const has = (r: Restaurant, c: string) => r.cuisines.some((x) => x.toLowerCase() === c.toLowerCase());
  for (const cuisine of query.local_constraint.cuisine ?? []) {
    if (chosen.some((set) => [...set].some((r) => has(r, cuisine)))) continue;
    let best: Restaurant | null = null;
    let bestStay = -1;
    for (const [i, s] of stays.entries()) {
      if (chosen[i].size >= s.meals) continue;
      for (const r of index.restaurants(s.city)) {
        if (!chosen[i].has(r) && has(r, cuisine) && (best === null || byCost(r, best) < 0)) {
          best = r;
          bestStay = i;
        }
      }
    }
    if (best === null) return null;
    chosen[bestStay].add(best);
  }
  const out: Restaurant[][] = [];
  for (const [i, s] of stays.entries()) {
    const rest = index
      .restaurants(s.city)
      .filter((r) => !chosen[i].has(r))
      .sort(byCost);
    const list = [...chosen[i], ...rest.slice(0, s.meals - chosen[i].size)];
    if (list.length < s.meals) return null;
    out.push(list);
  }
  return out;
}

function pickAttractions(index: WorldIndex, city: string, fullDays: number): Attraction[] | null {
  const all = index.attractions(city);
  if (all.length < fullDays) return null;
  return all.slice(0, Math.min(all.length, 2 * fullDays));
}

const entity = (e: { name: string; city: string }) => `${e.name}, ${e.city}`;

function writePlan(query: TravelQuery, route: string[], legs: Leg[], stays: Stay[]): PlanDay[] {
  const plan: PlanDay[] = [];
  const legByDay = new Map(legs.map((l, i) => [l.day, i]));
  for (let day = 0; day < query.days; day++) {
    const legIndex = legByDay.get(day);
    if (legIndex !== undefined) {
      const leg = legs[legIndex];
      const stay = stays[legIndex];
      plan.push({
        days: day + 1,
        current_city: `from ${leg.from} to ${leg.to}`,
        transportation: leg.text,
        breakfast: "-",
        attraction: "-",
        lunch: "-",
        dinner: stay ? entity(stay.restaurants[0]) : "-",
        accommodation: stay ? entity(stay.accommodation) : "-",
      });
      continue;
    }
    const stayIndex = stays.findIndex((s) => day > s.arrival && day < s.arrival + s.nights);
    const stay = stays[stayIndex];
    const k = day - stay.arrival - 1;
    const perDay = stay.attractions.length >= 2 * (stay.nights - 1) ? 2 : 1;
    const sights = stay.attractions.slice(k * perDay, k * perDay + perDay);
    plan.push({
      days: day + 1,
      current_city: route[stayIndex],
      transportation: "-",
      breakfast: entity(stay.restaurants[1 + 3 * k]),
      attraction: sights.map((a) => `${entity(a)};`).join(""),
      lunch: entity(stay.restaurants[2 + 3 * k]),
      dinner: entity(stay.restaurants[3 + 3 * k]),
      accommodation: entity(stay.accommodation),
    });
  }
  return plan;
}

/** Builds the cheapest plan for one route and one transport family, or null. */
export function buildItinerary(
  index: WorldIndex,
  query: TravelQuery,
  route: string[],
  family: Family,
): Itinerary | null {
  const layout = layoutStays(query.days, route.length);
  if (!layout || query.date.length < query.days) return null;
  if (!allowedFamilies(query).includes(family)) return null;
  const legs: Leg[] = [];
  for (let i = 0; i <= route.length; i++) {
    const from = i === 0 ? query.org : route[i - 1];
    const to = i === route.length ? query.org : route[i];
    const day = i === route.length ? query.days - 1 : layout[i].arrival;
    const leg = buildLeg(index, query, family, from, to, day);
    if (!leg) return null;
    legs.push(leg);
  }
  const accommodations: Accommodation[] = [];
  for (const [i, city] of route.entries()) {
    const a = pickAccommodation(index, query, city, layout[i].nights);
    if (!a) return null;
    accommodations.push(a);
  }
  const restaurants = pickRestaurants(
    index,
    query,
    route.map((city, i) => ({ city, meals: stayNeeds(layout[i].nights).meals })),
  );
  if (!restaurants) return null;
  const stays: Stay[] = [];
  for (const [i, city] of route.entries()) {
    const sights = pickAttractions(index, city, layout[i].nights - 1);
    if (!sights) return null;
    stays.push({
      city,
      arrival: layout[i].arrival,
      nights: layout[i].nights,
      accommodation: accommodations[i],
      restaurants: restaurants[i],
      attractions: sights,
    });
  }
  const people = query.people_number;
  let cost = legs.reduce((s, l) => s + l.cost, 0);
  for (const s of stays) {
    cost += s.accommodation.price * Math.ceil(people / s.accommodation.maximumOccupancy) * s.nights;
    cost += s.restaurants.reduce((sum, r) => sum + r.averageCost * people, 0);
  }
  return { route, legs, stays, plan: writePlan(query, route, legs, stays), cost };
}

function* permutations(items: string[], k: number, prefix: string[] = []): Generator<string[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (const item of items) if (!prefix.includes(item)) yield* permutations(items, k, [...prefix, item]);
}

/** Routes through the destination, in a stable order. */
function candidateRoutes(index: WorldIndex, query: TravelQuery, max: number): string[][] {
  const k = query.visiting_city_number;
  const org = index.city(query.org)?.name;
  const asCity = index.city(query.dest);
  if (k === 1 && asCity) return [[asCity.name]];
  const states = query.dest
    .split(",")
    .map((s) => index.state(s.trim()))
    .filter((s): s is string => s !== undefined);
  const pool = states
    .flatMap((s) => index.citiesIn(s))
    .map((c) => c.name)
    .filter((c) => c !== org);
  const out: string[][] = [];
  for (const r of permutations(pool, k)) {
    out.push(r);
    if (out.length >= max) break;
  }
  return out;
}

/** The cheapest itinerary over the routes and families tried, or null. */
export function solveQuery(index: WorldIndex, query: TravelQuery, options: SolveOptions = {}): Itinerary | null {
  const org = index.city(query.org);
  if (!org) return null;
  const q: TravelQuery = { ...query, org: org.name };
  const routes = options.route ? [options.route] : candidateRoutes(index, q, options.maxRoutes ?? 120);
  const families = (options.families ?? allowedFamilies(q)).filter((f) => allowedFamilies(q).includes(f));
  let best: Itinerary | null = null;
  for (const route of routes) {
    for (const family of families) {
      const it = buildItinerary(index, q, route, family);
      if (it && (!best || it.cost < best.cost)) best = it;
      // With an explicit preference order, the first family that works wins.
      if (it && options.families) break;
    }
    if (best && options.route) break;
  }
  return best;
}
