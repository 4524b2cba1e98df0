/**
 * Lookup tables over a World, built once per environment and shared by the tools, the
 * scorer and the solver (the world itself is never mutated).
 */
import { nameKey, stripParenthesis } from "./planText.js";
import type { Accommodation, Attraction, City, DistanceEntry, Flight, Restaurant, World } from "./types.js";

export type DriveMode = "self-driving" | "taxi";

/** Cost of one vehicle for a road trip, as TravelPlanner computes it from the distance. */
export function roadCost(distanceKm: number, mode: DriveMode): number {
  return Math.floor(mode === "taxi" ? distanceKm : distanceKm * 0.05);
}

/** People one vehicle carries in the official cost formula: a taxi 4, a self-driven car 5. */
const SEATS: Record<DriveMode, number> = { taxi: 4, "self-driving": 5 };

/** Cost of a road trip for a group: one vehicle's cost times the vehicles the group needs. */
export function groupRoadCost(distanceKm: number, mode: DriveMode, people: number): number {
  return roadCost(distanceKm, mode) * Math.ceil(people / SEATS[mode]);
}

function byCity<T extends { city: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.city);
    if (list) list.push(item);
    else out.set(item.city, [item]);
  }
  return out;
}

function byCityAndName<T extends { city: string; name: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  // The first row wins, as the official evaluator takes `.values[0]`.
  for (const item of items) {
    const key = `${item.city}|${nameKey(item.name)}`;
    if (!out.has(key)) out.set(key, item);
  }
  return out;
}

export class WorldIndex {
  readonly cities: City[];
  readonly states: string[];
  private readonly cityByKey = new Map<string, City>();
  private readonly stateByKey = new Map<string, string>();
  private readonly citiesOfState = new Map<string, City[]>();
  private readonly flightsByRoute = new Map<string, Flight[]>();
  private readonly flightsByNumber = new Map<string, Flight[]>();
  private readonly distanceByPair = new Map<string, DistanceEntry>();
  private readonly accommodationsByCity: Map<string, Accommodation[]>;
  private readonly restaurantsByCity: Map<string, Restaurant[]>;
  private readonly attractionsByCity: Map<string, Attraction[]>;
  private readonly accommodationByName: Map<string, Accommodation>;
  private readonly restaurantByName: Map<string, Restaurant>;
  private readonly attractionByName: Map<string, Attraction>;
  /** First and last flight date, for telling a bad date from a day without flights. */
  readonly flightDates: { first: string; last: string } | null;

  constructor(readonly world: World) {
    this.cities = world.cities;
    for (const c of world.cities) {
      this.cityByKey.set(nameKey(c.name), c);
      const stateKey = nameKey(c.state);
      if (!this.stateByKey.has(stateKey)) this.stateByKey.set(stateKey, c.state);
      const list = this.citiesOfState.get(c.state);
      if (list) list.push(c);
      else this.citiesOfState.set(c.state, [c]);
    }
    this.states = [...this.citiesOfState.keys()];
    let first: string | null = null;
    let last: string | null = null;
    for (const f of world.flights) {
      const key = `${f.origin}|${f.destination}|${f.date}`;
      const list = this.flightsByRoute.get(key);
      if (list) list.push(f);
      else this.flightsByRoute.set(key, [f]);
      const byNumber = this.flightsByNumber.get(f.flightNumber);
      if (byNumber) byNumber.push(f);
      else this.flightsByNumber.set(f.flightNumber, [f]);
      if (first === null || f.date < first) first = f.date;
      if (last === null || f.date > last) last = f.date;
    }
    this.flightDates = first !== null && last !== null ? { first, last } : null;
    for (const d of world.distances) {
      const key = `${d.origin}|${d.destination}`;
      if (!this.distanceByPair.has(key)) this.distanceByPair.set(key, d);
    }
    this.accommodationsByCity = byCity(world.accommodations);
    this.restaurantsByCity = byCity(world.restaurants);
    this.attractionsByCity = byCity(world.attractions);
    this.accommodationByName = byCityAndName(world.accommodations);
    this.restaurantByName = byCityAndName(world.restaurants);
    this.attractionByName = byCityAndName(world.attractions);
  }

  /** Resolves a city name typed by a model ("austin", "Austin(Texas)") to the world's city. */
  city(name: string): City | undefined {
    return this.cityByKey.get(nameKey(stripParenthesis(name)));
  }

  state(name: string): string | undefined {
    return this.stateByKey.get(nameKey(name));
  }

  citiesIn(state: string): City[] {
    return this.citiesOfState.get(state) ?? [];
  }

  flights(origin: string, destination: string, date: string): Flight[] {
    return this.flightsByRoute.get(`${origin}|${destination}|${date}`) ?? [];
  }

  flightsNumbered(flightNumber: string): Flight[] {
    return this.flightsByNumber.get(flightNumber) ?? [];
  }

  /** The road entry, or undefined when the matrix has no usable row for the pair. */
  road(origin: string, destination: string): { duration: string; distanceKm: number } | undefined {
    const d = this.distanceByPair.get(`${origin}|${destination}`);
    // Like the official tool, a duration counted in days means "no valid information".
    if (!d || d.duration === null || d.distanceKm === null || /day/.test(d.duration)) return undefined;
    return { duration: d.duration, distanceKm: d.distanceKm };
  }

  accommodations(city: string): Accommodation[] {
    return this.accommodationsByCity.get(city) ?? [];
  }

  restaurants(city: string): Restaurant[] {
    return this.restaurantsByCity.get(city) ?? [];
  }

  attractions(city: string): Attraction[] {
    return this.attractionsByCity.get(city) ?? [];
  }

  findAccommodation(name: string, city: string): Accommodation | undefined {
    return this.accommodationByName.get(`${city}|${nameKey(name)}`);
  }

  findRestaurant(name: string, city: string): Restaurant | undefined {
    return this.restaurantByName.get(`${city}|${nameKey(name)}`);
  }

  findAttraction(name: string, city: string): Attraction | undefined {
    return this.attractionByName.get(`${city}|${nameKey(name)}`);
  }
}

const indexes = new WeakMap<World, WorldIndex>();

/** The (cached) index of a world, so callers holding only the World do not rebuild it. */
export function indexOf(world: World): WorldIndex {
  let index = indexes.get(world);
  if (!index) {
    index = new WorldIndex(world);
    indexes.set(world, index);
  }
  return index;
}
