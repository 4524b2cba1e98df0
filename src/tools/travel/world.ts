/**
 * Deterministic generator of a TravelPlanner-like database. Every section draws from its
 * own RNG stream (derived from the seed and the section name) so a change in one section
 * never reshuffles the others, and the same seed gives byte-identical data.
 */
import { createRng, hashString, pick, randInt, sample, type Rng } from "../rng.js";
import { dateRange } from "./dates.js";
import {
  ALL_CUISINES,
  RESTAURANT_FIRST,
  RESTAURANT_KIND,
  RESTAURANT_SECOND,
  SIGHT_ADJECTIVES,
  SIGHT_KINDS,
  STATES,
  STAY_ADJECTIVES,
  STAY_PLACES,
  STAY_UNITS,
  STREETS,
  SURNAMES,
  type StateSeed,
} from "./names.js";
import {
  HOUSE_RULE_TEXTS,
  QUERY_CUISINES,
  type Accommodation,
  type Attraction,
  type City,
  type DistanceEntry,
  type Flight,
  type Restaurant,
  type RoomType,
  type World,
} from "./types.js";

/** The seed of the bundled world and task set. */
export const DEFAULT_SEED = 2024;

/** Flights run on these dates (inclusive); long tours must fit inside. */
export const FLIGHT_START = "2022-03-01";
export const FLIGHT_DAYS = 61;

/** Average road speed for durations; trips of a day or more count as "no valid information". */
const ROAD_KMH = 92;
const ROAD_FACTOR = 1.22;

interface Placed extends City {
  lat: number;
  lon: number;
  abbr: string;
  airport: boolean;
  hub: boolean;
}

function streamFor(seed: number, section: string): Rng {
  return createRng(hashString(`${seed}:${section}`));
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function placeCities(seed: number): Placed[] {
  const rng = streamFor(seed, "cities");
  const out: Placed[] = [];
  for (const s of STATES) {
    const inState: Placed[] = [];
    s.cities.forEach((name, i) => {
      // Keep cities of a state apart (at least ~120 km) so every trip is a real trip.
      let lat = s.lat;
      let lon = s.lon;
      for (let attempt = 0; attempt < 60; attempt++) {
        lat = round(s.lat + (rng() - 0.5) * 4.5, 4);
        lon = round(s.lon + (rng() - 0.5) * 6.5, 4);
        if (inState.every((o) => haversineKm(o, { lat, lon }) >= 120)) break;
      }
      const city: Placed = {
        name,
        state: s.name,
        abbr: s.abbr,
        lat,
        lon,
        hub: i === 0,
        airport: i === 0 || rng() < 0.8,
      };
      inState.push(city);
      out.push(city);
    });
  }
  return out;
}

function formatDuration(hours: number): string {
  const total = Math.max(1, Math.round(hours * 60));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts: string[] = [];
  if (d > 0) parts.push(`${d} day${d === 1 ? "" : "s"}`);
  if (h > 0) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (d === 0) parts.push(`${m} min${m === 1 ? "" : "s"}`);
  return parts.join(" ");
}

function buildDistances(seed: number, cities: Placed[]): DistanceEntry[] {
  const rng = streamFor(seed, "distances");
  const out: DistanceEntry[] = [];
  for (const a of cities) {
    for (const b of cities) {
      if (a === b) continue;
      // Road distances are a little asymmetric, as in the official matrix.
      const km = round(haversineKm(a, b) * ROAD_FACTOR * (1 + (rng() - 0.5) * 0.04) + 8, 1);
      out.push({ origin: a.name, destination: b.name, duration: formatDuration(km / ROAD_KMH), distanceKm: km });
    }
  }
  return out;
}

function clock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function buildFlights(seed: number, cities: Placed[]): Flight[] {
  const rng = streamFor(seed, "flights");
  const airports = cities.filter((c) => c.airport);
  const routes: [Placed, Placed][] = [];
  for (let i = 0; i < airports.length; i++) {
    for (let j = i + 1; j < airports.length; j++) {
      const a = airports[i];
      const b = airports[j];
      const p = a.hub && b.hub ? 1 : a.state === b.state ? 0.8 : a.hub || b.hub ? 0.7 : 0.4;
      if (rng() < p) routes.push([a, b], [b, a]);
    }
  }
  const dates = dateRange(FLIGHT_START, FLIGHT_DAYS);
  const out: Flight[] = [];
  let number = randInt(rng, 3_000_000, 3_400_000);
  for (const [a, b] of routes) {
    const km = haversineKm(a, b);
    const miles = Math.round(km * 0.6214);
    const minutes = 35 + (km / 760) * 60;
    const base = 45 + km * (0.09 + rng() * 0.08);
    for (const date of dates) {
      if (rng() >= 0.8) continue;
      const count = rng() < 0.3 ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const dep = randInt(rng, 5 * 60, 21 * 60 + 30);
        const elapsed = Math.round(minutes * (0.95 + rng() * 0.15));
        number += randInt(rng, 1, 9);
        out.push({
          flightNumber: `F${number}`,
          price: Math.round(base * (0.7 + rng() * 0.7)),
          depTime: clock(dep),
          // Arrival in local time: one hour of zone shift per 15 degrees of longitude.
          arrTime: clock(dep + elapsed + Math.round((b.lon - a.lon) / 15) * 60),
          elapsed: `${Math.floor(elapsed / 60)} hours ${elapsed % 60} minutes`,
          date,
          origin: a.name,
          destination: b.name,
          distance: miles,
        });
      }
    }
  }
  return out;
}

function uniqueName(rng: Rng, taken: Set<string>, make: () => string): string {
  for (let i = 0; i < 200; i++) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // Pools are large enough that this is unreachable in practice; keep names unique anyway.
  const name = `${make()} ${taken.size + 1}`;
  taken.add(name);
  return name;
}

function minimumNights(rng: Rng): number {
  const r = rng();
  if (r < 0.42) return 1;
  if (r < 0.62) return 2;
  if (r < 0.76) return 3;
  if (r < 0.83) return 4;
  if (r < 0.9) return 7;
  if (r < 0.95) return 14;
  return 30;
}

/**
 * House rules of one listing. Every listing has at least one, as in the official database:
 * there an empty `house_rules` cell is NaN and `dropna()` removes the listing, so a listing
 * without rules could not survive an export to the official files. The fallback rule comes
 * from its own stream, so the other fields of the city's listings stay as they were.
 */
function houseRules(rng: Rng, fallback: Rng): string[] {
  const rules = HOUSE_RULE_TEXTS.filter(() => rng() < 0.25);
  return rules.length > 0 ? rules : [pick(fallback, HOUSE_RULE_TEXTS)];
}

function buildAccommodations(seed: number, cities: Placed[]): Accommodation[] {
  const out: Accommodation[] = [];
  for (const c of cities) {
    const rng = streamFor(seed, `stay:${c.name}`);
    const fallbackRules = streamFor(seed, `rules:${c.name}`);
    const taken = new Set<string>();
    const n = randInt(rng, 14, 20);
    for (let i = 0; i < n; i++) {
      const r = rng();
      const roomType: RoomType = r < 0.45 ? "Entire home/apt" : r < 0.85 ? "Private room" : "Shared room";
      const name = uniqueName(rng, taken, () => {
        const adj = pick(rng, STAY_ADJECTIVES);
        const unit = pick(rng, STAY_UNITS[roomType]);
        const place = pick(rng, STAY_PLACES);
        // Some hosts put a comma in the title, like many official listings.
        return rng() < 0.25 ? `${adj}, ${pick(rng, STAY_ADJECTIVES)} ${unit} ${place}` : `${adj} ${unit} ${place}`;
      });
      const [lo, hi] =
        roomType === "Entire home/apt" ? [140, 1100] : roomType === "Private room" ? [50, 600] : [25, 280];
      const occupancy =
        roomType === "Entire home/apt" ? randInt(rng, 2, 8) : roomType === "Private room" ? randInt(rng, 1, 2) : 1;
      out.push({
        name,
        price: randInt(rng, lo, hi),
        roomType,
        houseRules: houseRules(rng, fallbackRules),
        minimumNights: minimumNights(rng),
        maximumOccupancy: occupancy,
        reviewRate: randInt(rng, 1, 5),
        city: c.name,
      });
    }
  }
  return out;
}

function restaurantName(rng: Rng): string {
  const kind = pick(rng, RESTAURANT_KIND);
  const base =
    rng() < 0.3 ? `${pick(rng, SURNAMES)}'s` : `${pick(rng, RESTAURANT_FIRST)} ${pick(rng, RESTAURANT_SECOND)}`;
  return kind ? `${base} ${kind}` : base;
}

function buildRestaurants(seed: number, cities: Placed[]): Restaurant[] {
  const out: Restaurant[] = [];
  const main = [...QUERY_CUISINES];
  for (const c of cities) {
    const rng = streamFor(seed, `food:${c.name}`);
    const taken = new Set<string>();
    const n = randInt(rng, 28, 36);
    for (let i = 0; i < n; i++) {
      // One of the cuisines queries ask for, plus one to three others.
      const cuisines = [pick(rng, main), ...sample(rng, ALL_CUISINES, randInt(rng, 1, 3))];
      out.push({
        name: uniqueName(rng, taken, () => restaurantName(rng)),
        averageCost: randInt(rng, 10, 100),
        cuisines: [...new Set(cuisines)],
        rating: round(1 + rng() * 4, 1),
        city: c.name,
      });
    }
  }
  return out;
}

function buildAttractions(seed: number, cities: Placed[]): Attraction[] {
  const out: Attraction[] = [];
  for (const c of cities) {
    const rng = streamFor(seed, `sights:${c.name}`);
    const taken = new Set<string>();
    const n = randInt(rng, 12, 18);
    for (let i = 0; i < n; i++) {
      const name = uniqueName(rng, taken, () => {
        const kind = pick(rng, SIGHT_KINDS);
        const r = rng();
        if (r < 0.4) return `${c.name} ${kind}`;
        if (r < 0.6) return `${pick(rng, SURNAMES)} ${kind}`;
        return `${pick(rng, SIGHT_ADJECTIVES)} ${kind}`;
      });
      const zip = String(randInt(rng, 10000, 99999));
      out.push({
        name,
        latitude: round(c.lat + (rng() - 0.5) * 0.2, 6),
        longitude: round(c.lon + (rng() - 0.5) * 0.2, 6),
        address: `${randInt(rng, 1, 9999)} ${pick(rng, STREETS)} St, ${c.name}, ${c.abbr} ${zip}, USA`,
        city: c.name,
      });
    }
  }
  return out;
}

/** Builds the whole sandbox database for a seed. */
export function generateWorld(seed: number = DEFAULT_SEED): World {
  const placed = placeCities(seed);
  return {
    source: "generated",
    seed,
    cities: placed.map(({ name, state }) => ({ name, state })),
    flights: buildFlights(seed, placed),
    distances: buildDistances(seed, placed),
    accommodations: buildAccommodations(seed, placed),
    restaurants: buildRestaurants(seed, placed),
    attractions: buildAttractions(seed, placed),
  };
}

/** The state list the generator uses (for docs and tests). */
export function generatedStates(): readonly StateSeed[] {
  return STATES;
}
