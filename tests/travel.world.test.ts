import { generateWorld } from "../src/tools/travel/world.js";
import { WorldIndex } from "../src/tools/travel/worldIndex.js";
import { HOUSE_RULE_TEXTS, ROOM_TYPES } from "../src/tools/travel/types.js";

describe("travel world generator", () => {
  const world = generateWorld(2024);
  const index = new WorldIndex(world);

  it("is deterministic: the same seed gives identical JSON, another seed differs", () => {
    const json = JSON.stringify(world);
    expect(JSON.stringify(generateWorld(2024))).toBe(json);
    const other = JSON.stringify(generateWorld(7));
    expect(other).not.toBe(json);
    expect(other.length).toBeGreaterThan(1000);
  });

  it("has at least 30 cities in at least 6 states, each with places to stay, eat and visit", () => {
    expect(world.cities.length).toBeGreaterThanOrEqual(30);
    expect(new Set(world.cities.map((c) => c.state)).size).toBeGreaterThanOrEqual(6);
    for (const c of world.cities) {
      expect(index.accommodations(c.name).length).toBeGreaterThanOrEqual(10);
      expect(index.restaurants(c.name).length).toBeGreaterThanOrEqual(20);
      expect(index.attractions(c.name).length).toBeGreaterThanOrEqual(10);
    }
  });

  it("schedules flights by date, not on every route every day", () => {
    const dates = [...new Set(world.flights.map((f) => f.date))].sort();
    expect(dates.length).toBeGreaterThanOrEqual(60);
    const pairs = world.cities.length * (world.cities.length - 1);
    const onFirstDay = new Set(
      world.flights.filter((f) => f.date === dates[0]).map((f) => `${f.origin}|${f.destination}`),
    );
    expect(onFirstDay.size).toBeGreaterThan(50);
    expect(onFirstDay.size).toBeLessThan(pairs / 2);
    expect(new Set(world.flights.map((f) => f.flightNumber)).size).toBe(world.flights.length);
    for (const f of world.flights.slice(0, 200)) {
      expect(f.flightNumber).toMatch(/^F\d{7}$/);
      expect(f.depTime).toMatch(/^\d\d:\d\d$/);
      expect(f.price).toBeGreaterThan(0);
    }
  });

  it("has a distance matrix for every ordered pair, unusable past a day of driving", () => {
    expect(world.distances).toHaveLength(world.cities.length * (world.cities.length - 1));
    const long = world.distances.filter((d) => d.duration?.includes("day"));
    expect(long.length).toBeGreaterThan(0);
    for (const d of long) expect(index.road(d.origin, d.destination)).toBeUndefined();
    const short = world.distances.find((d) => d.duration !== null && !d.duration.includes("day"))!;
    expect(index.road(short.origin, short.destination)).toEqual({
      duration: short.duration,
      distanceKm: short.distanceKm,
    });
  });

  it("uses TravelPlanner's room types and house rules", () => {
    expect(new Set(world.accommodations.map((a) => a.roomType))).toEqual(new Set(ROOM_TYPES));
    const rules = new Set(world.accommodations.flatMap((a) => a.houseRules));
    expect(rules).toEqual(new Set(HOUSE_RULE_TEXTS));
    expect(world.accommodations.some((a) => a.name.includes(","))).toBe(true);
    for (const a of world.accommodations) {
      expect(a.maximumOccupancy).toBeGreaterThanOrEqual(1);
      expect(a.minimumNights).toBeGreaterThanOrEqual(1);
    }
  });

  it("keeps entity names unique within a city (lookups are by name and city)", () => {
    for (const list of [world.accommodations, world.restaurants, world.attractions]) {
      const keys = list.map((e) => `${e.city}|${e.name.toLowerCase()}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
