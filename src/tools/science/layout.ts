/**
 * The house every task starts from: six rooms, six doors (all closed at the start) and the
 * fixed furniture and appliances. Tasks add their own objects on top (see tasks.ts).
 */
import { World, type Thing, type ThingInit } from "./world.js";

export const ROOMS = ["kitchen", "hallway", "bathroom", "greenhouse", "workshop", "outside"] as const;
export type RoomName = (typeof ROOMS)[number];

/** Air temperature of each room, degrees Celsius. */
export const AMBIENT: Record<RoomName, number> = {
  kitchen: 20,
  hallway: 20,
  bathroom: 20,
  greenhouse: 24,
  workshop: 18,
  outside: 12,
};

export const DOORS: ReadonlyArray<readonly [RoomName, RoomName]> = [
  ["kitchen", "hallway"],
  ["hallway", "greenhouse"],
  ["hallway", "workshop"],
  ["kitchen", "bathroom"],
  ["kitchen", "outside"],
  ["greenhouse", "outside"],
];

/** The surface in each room where tasks lay out their objects. */
export const SURFACE: Record<RoomName, string> = {
  kitchen: "counter",
  hallway: "side table",
  bathroom: "shelf",
  greenhouse: "potting bench",
  workshop: "workbench",
  outside: "picnic table",
};

/** Heater set points, degrees Celsius. */
export const HEATERS = { stove: 250, oven: 220, "fire pit": 900 } as const;
export type HeaterName = keyof typeof HEATERS;
export const FREEZER_C = -18;
export const FRIDGE_C = 4;

/** Containers that start closed (a solution has to open them first). */
export const CLOSED_AT_START: ReadonlySet<string> = new Set(["cupboard", "fridge", "freezer", "oven", "seed jar"]);

const surface = (name: string, extra: Partial<ThingInit> = {}): ThingInit => ({
  name,
  container: { preposition: "on", closable: false, open: true },
  ...extra,
});
const box = (name: string, closable: boolean, extra: Partial<ThingInit> = {}): ThingInit => ({
  name,
  container: { preposition: "in", closable, open: !closable },
  ...extra,
});

/** Builds the house with the agent standing in `start`. */
export function buildHouse(start: RoomName): World {
  const w = new World();
  for (const r of ROOMS) w.addRoom(r, AMBIENT[r]);
  for (const [a, b] of DOORS) w.addDoor(a, b, false);
  w.agentRoom = start;

  const kitchen = w.room("kitchen");
  w.add(
    surface("stove", { appliance: { kind: "heater", switchable: true, active: false, setPoint: HEATERS.stove } }),
    kitchen,
  );
  w.add(
    box("oven", true, { appliance: { kind: "heater", switchable: true, active: false, setPoint: HEATERS.oven } }),
    kitchen,
  );
  w.add(
    box("freezer", true, {
      temperature: FREEZER_C,
      appliance: { kind: "cooler", switchable: false, active: true, setPoint: FREEZER_C },
    }),
    kitchen,
  );
  w.add(
    box("fridge", true, {
      temperature: FRIDGE_C,
      appliance: { kind: "cooler", switchable: false, active: true, setPoint: FRIDGE_C },
    }),
    kitchen,
  );
  w.add(box("sink", false, { appliance: { kind: "tap", switchable: true, active: false, setPoint: 0 } }), kitchen);
  const counter = w.add(surface("counter"), kitchen);
  w.add(box("glass cup", false, { portable: true, aliases: ["cup"] }), counter);
  const cupboard = w.add(box("cupboard", true), kitchen);
  w.add(box("metal pot", false, { portable: true, conductive: true, aliases: ["pot"] }), cupboard);

  const hallway = w.room("hallway");
  w.add(surface("side table"), hallway);
  w.add({ name: "painting" }, hallway);
  w.add({ name: "umbrella", portable: true }, hallway);

  const bathroom = w.room("bathroom");
  w.add(box("sink", false, { appliance: { kind: "tap", switchable: true, active: false, setPoint: 0 } }), bathroom);
  w.add(box("bathtub", false), bathroom);
  w.add({ name: "toilet" }, bathroom);
  const shelf = w.add(surface("shelf"), bathroom);
  w.add({ name: "towel", portable: true }, shelf);

  const greenhouse = w.room("greenhouse");
  w.add(surface("potting bench"), greenhouse);
  const clayPot = w.add(box("clay pot", false, { portable: true }), greenhouse);
  w.add({ name: "soil", soil: true, portable: true }, clayPot);
  w.add(
    {
      name: "fern",
      portable: true,
      living: { kind: "plant", species: "fern", alive: true, stage: "adult", grows: false, growth: 0, dry: 0 },
    },
    clayPot,
  );
  const flowerPot = w.add(box("flower pot", false, { portable: true }), greenhouse);
  w.add({ name: "soil", soil: true, portable: true }, flowerPot);
  w.add({ name: "shovel", portable: true, conductive: true }, greenhouse);

  const workshop = w.room("workshop");
  const bench = w.add(surface("workbench"), workshop);
  w.add({ name: "hammer", portable: true, conductive: true }, bench);

  const outside = w.room("outside");
  w.add(
    surface("fire pit", {
      appliance: { kind: "heater", switchable: true, active: false, setPoint: HEATERS["fire pit"] },
    }),
    outside,
  );
  w.add(surface("picnic table"), outside);
  w.add(
    {
      name: "oak tree",
      living: { kind: "plant", species: "oak", alive: true, stage: "adult", grows: false, growth: 0, dry: 0 },
    },
    outside,
  );
  w.add({ name: "rock", portable: true }, outside);
  return w;
}

/** The unique thing called `name` inside `room` (setup code only; throws when missing). */
export function thingIn(w: World, room: RoomName, name: string): Thing {
  const roomId = w.room(room).id;
  for (const t of w.things.values()) if (w.nameOf(t) === name && w.isWithin(t, roomId)) return t;
  throw new Error(`no ${name} in the ${room}`);
}

/** Where a task object is laid out: a named spot (fridge, freezer, cupboard) or the room's surface. */
export function spotIn(w: World, room: RoomName, spot?: string): Thing {
  return thingIn(w, room, spot ?? SURFACE[room]);
}
