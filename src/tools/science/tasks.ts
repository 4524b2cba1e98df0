/**
 * Task types, their seeded variations, the task text (phrased as ScienceWorld phrases it)
 * and the world each variation starts from.
 *
 * A variation is plain data; `buildTask` turns it into a fresh world plus the ids of the
 * objects the task is about ("roles"), so every session of a task starts identical.
 */
import { createRng, hashString, pick, randInt, sample, shuffle, type Rng } from "../rng.js";
import type { TaskInfo } from "../types.js";
import { buildHouse, ROOMS, spotIn, type HeaterName, type RoomName } from "./layout.js";
import type { SubstanceKey, Thing, World } from "./world.js";

export const TASK_TYPES = [
  "boil",
  "melt",
  "freeze",
  "thermometer",
  "find-living",
  "grow-plant",
  "circuit",
  "conductivity",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Variations generated per task type. */
export const VARIATIONS_PER_TYPE = 8;

interface Base {
  /** Room the agent starts in. */
  start: RoomName;
}

export interface StateChangeVariation extends Base {
  type: "boil" | "melt" | "freeze";
  substance: SubstanceKey;
  room: RoomName;
  /** Container or surface the substance sits in/on (fridge, cupboard, counter, ...). */
  spot: string;
  /** Vessel holding a liquid (glass jar, mug, ...); null for a bare solid. */
  holder: string | null;
  /** Where the reference solution changes its state. */
  via: HeaterName | "freezer";
}

export interface ThermometerVariation extends Base {
  type: "thermometer";
  /** "unknown substance B". */
  substance: string;
  temperature: number;
  threshold: number;
  substanceRoom: RoomName;
  thermometerRoom: RoomName;
  boxRoom: RoomName;
  aboveBox: string;
  belowBox: string;
}

export type LifeCategory = "living thing" | "non-living thing" | "plant" | "animal";

export interface FindLivingVariation extends Base {
  type: "find-living";
  category: LifeCategory;
  box: string;
  boxRoom: RoomName;
  /** The first lives outside, the second in the greenhouse. */
  animals: [string, string];
}

export interface GrowVariation extends Base {
  type: "grow-plant";
  species: string;
  /** Species of the other seeds in the jar. */
  others: string[];
  seedRoom: RoomName;
  /** Water comes from a full watering can in the greenhouse, or from the kitchen sink. */
  water: "watering can" | "sink";
}

export interface CircuitVariation extends Base {
  type: "circuit";
  device: string;
  /** The other devices on the workbench. */
  others: string[];
  wires: [string, string];
  batteryRoom: RoomName;
}

export interface ConductivityVariation extends Base {
  type: "conductivity";
  object: string;
  conductive: boolean;
  objectRoom: RoomName;
  conductiveBox: string;
  nonconductiveBox: string;
  boxRoom: RoomName;
}

export type Variation =
  | StateChangeVariation
  | ThermometerVariation
  | FindLivingVariation
  | GrowVariation
  | CircuitVariation
  | ConductivityVariation;

export interface ScienceTask extends TaskInfo {
  type: TaskType;
  variation: Variation;
}

/** Ids of the objects a task is about, by role name ("substance", "box", "device", ...). */
export type Roles = Record<string, number>;

const LIQUIDS: SubstanceKey[] = ["water", "orange juice", "apple juice", "milk"];
const LIQUID_PLACES: Array<[RoomName, string]> = [
  ["kitchen", "counter"],
  ["kitchen", "fridge"],
  ["bathroom", "shelf"],
  ["workshop", "workbench"],
  ["hallway", "side table"],
];
const HOLDERS = ["glass jar", "mug", "flask", "beaker"];
const SOLIDS: Array<[SubstanceKey, Array<[RoomName, string]>, HeaterName[]]> = [
  ["water", [["kitchen", "freezer"]], ["stove", "oven"]],
  [
    "chocolate",
    [
      ["kitchen", "counter"],
      ["kitchen", "cupboard"],
    ],
    ["stove", "oven"],
  ],
  [
    "butter",
    [
      ["kitchen", "fridge"],
      ["kitchen", "counter"],
    ],
    ["stove", "oven"],
  ],
  [
    "wax",
    [
      ["workshop", "workbench"],
      ["hallway", "side table"],
    ],
    ["stove", "oven"],
  ],
  [
    "lead",
    [
      ["workshop", "workbench"],
      ["outside", "picnic table"],
    ],
    ["fire pit"],
  ],
];
const COLORS = ["red", "green", "blue", "orange", "yellow", "purple"];
const ANIMALS = ["frog", "turtle", "snail", "beetle", "moth", "toad"];
const SPECIES = ["apple", "orange", "pea", "bean", "tomato", "sunflower", "lemon", "pumpkin"];
export const DEVICES: Record<string, "bulb" | "buzzer" | "motor"> = {
  "red light bulb": "bulb",
  "green light bulb": "bulb",
  "blue light bulb": "bulb",
  buzzer: "buzzer",
  "electric motor": "motor",
};
const WIRE_COLORS = ["red", "black", "blue", "yellow", "orange", "green"];
/** Objects whose conductivity can be tested, and whether they conduct. */
export const TEST_OBJECTS: Record<string, boolean> = {
  "metal fork": true,
  "iron nail": true,
  "steel key": true,
  "copper coin": true,
  "aluminum foil": true,
  "plastic spoon": false,
  "wooden block": false,
  "rubber eraser": false,
  "glass marble": false,
  "ceramic tile": false,
};

function boxPair(rng: Rng): [string, string] {
  const [a, b] = sample(rng, COLORS, 2);
  return [`${a} box`, `${b} box`];
}

/** All candidate variations of one type (each distinct), drawing incidental details from `rng`. */
function candidates(type: TaskType, rng: Rng): Variation[] {
  const start = () => pick(rng, ROOMS);
  const out: Variation[] = [];
  switch (type) {
    case "boil":
    case "freeze":
      for (const substance of LIQUIDS) {
        for (const [room, spot] of LIQUID_PLACES) {
          const vias: Array<HeaterName | "freezer"> = type === "boil" ? ["stove", "oven", "fire pit"] : ["freezer"];
          for (const via of vias)
            out.push({ type, substance, room, spot, holder: pick(rng, HOLDERS), via, start: start() });
        }
      }
      return out;
    case "melt":
      for (const [substance, places, heaters] of SOLIDS) {
        for (const [room, spot] of places)
          for (const via of heaters) out.push({ type, substance, room, spot, holder: null, via, start: start() });
      }
      return out;
    case "thermometer":
      for (const substanceRoom of ["kitchen", "workshop", "greenhouse", "outside", "hallway"] as const) {
        for (const thermometerRoom of ["kitchen", "workshop", "bathroom"] as const) {
          for (const hot of [true, false]) {
            const threshold = pick(rng, [30, 40, 50]);
            const [aboveBox, belowBox] = boxPair(rng);
            out.push({
              type,
              substance: `unknown substance ${pick(rng, ["A", "B", "C", "D"])}`,
              temperature: hot ? threshold + randInt(rng, 35, 55) : randInt(rng, -10, 10),
              threshold,
              substanceRoom,
              thermometerRoom,
              boxRoom: pick(rng, ["bathroom", "kitchen", "hallway", "workshop"] as const),
              aboveBox,
              belowBox,
              start: start(),
            });
          }
        }
      }
      return out;
    case "find-living":
      for (const category of ["living thing", "non-living thing", "plant", "animal"] as const) {
        for (const boxRoom of ["kitchen", "bathroom", "hallway", "workshop"] as const) {
          const [a, b] = sample(rng, ANIMALS, 2);
          out.push({ type, category, box: `${pick(rng, COLORS)} box`, boxRoom, animals: [a, b], start: start() });
        }
      }
      return out;
    case "grow-plant":
      for (const species of SPECIES) {
        for (const seedRoom of ["greenhouse", "kitchen", "workshop"] as const) {
          for (const water of ["watering can", "sink"] as const) {
            const others = sample(
              rng,
              SPECIES.filter((s) => s !== species),
              2,
            ).sort();
            out.push({ type, species, others, seedRoom, water, start: start() });
          }
        }
      }
      return out;
    case "circuit":
      for (const device of Object.keys(DEVICES)) {
        for (const batteryRoom of ["workshop", "kitchen", "hallway"] as const) {
          const others = sample(
            rng,
            Object.keys(DEVICES).filter((d) => d !== device),
            2,
          ).sort();
          const [w1, w2] = sample(rng, WIRE_COLORS, 2);
          out.push({ type, device, others, wires: [`${w1} wire`, `${w2} wire`], batteryRoom, start: start() });
        }
      }
      return out;
    case "conductivity":
      for (const [object, conductive] of Object.entries(TEST_OBJECTS)) {
        for (const objectRoom of ["kitchen", "bathroom", "hallway", "greenhouse", "outside"] as const) {
          const [conductiveBox, nonconductiveBox] = boxPair(rng);
          out.push({
            type,
            object,
            conductive,
            objectRoom,
            conductiveBox,
            nonconductiveBox,
            boxRoom: pick(rng, ["workshop", "kitchen", "hallway"] as const),
            start: start(),
          });
        }
      }
      return out;
  }
}

const an = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
const SPOT_PHRASE = (v: StateChangeVariation) =>
  ["fridge", "freezer", "cupboard"].includes(v.spot) ? `in the ${v.spot} in the ${v.room}` : `in the ${v.room}`;

/** The task text the agent receives. */
export function taskQuery(v: Variation): string {
  switch (v.type) {
    case "boil":
    case "melt":
    case "freeze":
      return (
        `Your task is to ${v.type} ${v.substance === "water" && v.type === "melt" ? "ice" : v.substance}. ` +
        "First, focus on the substance. Then, take actions that will cause it to change its state of matter. " +
        `The ${v.substance === "water" && v.type === "melt" ? "ice" : v.substance} can be found ${SPOT_PHRASE(v)}.`
      );
    case "thermometer":
      return (
        `Your task is to measure the temperature of ${v.substance}, which is located around the ${v.substanceRoom}. ` +
        `First, focus on the thermometer. Next, focus on the ${v.substance}. ` +
        `If the ${v.substance} temperature is above ${v.threshold} degrees celsius, place it in the ${v.aboveBox}. ` +
        `If the ${v.substance} temperature is below ${v.threshold} degrees celsius, place it in the ${v.belowBox}. ` +
        `The boxes are located around the ${v.boxRoom}. A thermometer can be found in the ${v.thermometerRoom}.`
      );
    case "find-living":
      return `Your task is to find ${an(v.category)}. First, focus on the thing. Then, move it to the ${v.box} in the ${v.boxRoom}.`;
    case "grow-plant":
      return (
        `Your task is to grow ${an(v.species)} plant from seed. Seeds can be found in the ${v.seedRoom}, ` +
        `and there is a flower pot with soil in the greenhouse. First, focus on the ${v.species} seed. ` +
        "Then, make changes to the environment that grow the plant until it reaches the reproducing stage."
      );
    case "circuit":
      return (
        `Your task is to turn on the ${v.device} by powering it using the battery. First, focus on the ${v.device}. ` +
        `Then, create an electrical circuit that powers it on. The ${v.device} and the wires are in the workshop; ` +
        `the battery is in the ${v.batteryRoom}.`
      );
    case "conductivity":
      return (
        `Your task is to determine if ${v.object} is electrically conductive. The ${v.object} is located around the ${v.objectRoom}. ` +
        `First, focus on the ${v.object}. If it is electrically conductive, place it in the ${v.conductiveBox}. ` +
        `If it is electrically nonconductive, place it in the ${v.nonconductiveBox}. The boxes are located around the ${v.boxRoom}. ` +
        "A battery, wires and a light bulb are in the workshop."
      );
  }
}

/** The property variations of a type differ in first (substance, category, species, ...). */
function mainAxis(v: Variation): string {
  switch (v.type) {
    case "boil":
    case "melt":
    case "freeze":
      return v.substance;
    case "thermometer":
      return v.substanceRoom;
    case "find-living":
      return v.category;
    case "grow-plant":
      return v.species;
    case "circuit":
      return v.device;
    case "conductivity":
      return v.object;
  }
}

/** Round-robin over the values of `key` (in order of first appearance), so a prefix covers as many as it can. */
function spread<T>(items: T[], key: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const group of groups.values()) if (round < group.length) out.push(group[round]);
  }
  return out;
}

/** The seeded task set: VARIATIONS_PER_TYPE distinct variations of every type, in a stable order. */
export function generateTasks(seed: number): ScienceTask[] {
  const tasks: ScienceTask[] = [];
  for (const type of TASK_TYPES) {
    const rng = createRng((seed ^ hashString(type)) >>> 0);
    const chosen = spread(shuffle(rng, candidates(type, rng)), mainAxis).slice(0, VARIATIONS_PER_TYPE);
    chosen.forEach((variation, i) => {
      tasks.push({
        id: `science-${type}-${String(i + 1).padStart(2, "0")}`,
        level: type,
        query: taskQuery(variation),
        type,
        variation,
      });
    });
  }
  return tasks;
}

const openBox = (name: string, portable = false) => ({
  name,
  portable,
  container: { preposition: "in" as const, closable: false, open: true },
});

function addBox(w: World, room: RoomName, name: string): Thing {
  return w.add(openBox(name), w.room(room));
}

/** A fresh world for a variation, and the ids of the objects it is about. */
export function buildTask(v: Variation): { world: World; roles: Roles } {
  const w = buildHouse(v.start);
  switch (v.type) {
    case "boil":
    case "melt":
    case "freeze": {
      let where = spotIn(w, v.room, v.spot);
      if (v.holder) where = w.add(openBox(v.holder, true), where);
      const substance = w.add({ name: v.substance, substance: v.substance, portable: true }, where);
      return { world: w, roles: { substance: substance.id } };
    }
    case "thermometer": {
      const thermometer = w.add(
        { name: "thermometer", portable: true, thermometer: true, conductive: true },
        spotIn(w, v.thermometerRoom),
      );
      const substance = w.add(
        {
          name: v.substance,
          portable: true,
          temperature: v.temperature,
          thermalRate: 0.004,
          description: "Its properties are unknown.",
        },
        spotIn(w, v.substanceRoom),
      );
      const above = addBox(w, v.boxRoom, v.aboveBox);
      const below = addBox(w, v.boxRoom, v.belowBox);
      return {
        world: w,
        roles: { thermometer: thermometer.id, substance: substance.id, aboveBox: above.id, belowBox: below.id },
      };
    }
    case "find-living": {
      const box = addBox(w, v.boxRoom, v.box);
      const animal = (species: string, room: RoomName) =>
        w.add(
          {
            name: species,
            portable: true,
            living: { kind: "animal", species, alive: true, stage: "adult", grows: false, growth: 0, dry: 0 },
          },
          w.room(room),
        );
      const first = animal(v.animals[0], "outside");
      animal(v.animals[1], "greenhouse");
      return { world: w, roles: { box: box.id, animal: first.id } };
    }
    case "grow-plant": {
      const jar = w.add(
        { name: "seed jar", portable: true, container: { preposition: "in", closable: true, open: false } },
        spotIn(w, v.seedRoom),
      );
      let seedId = -1;
      for (const species of [v.species, ...v.others].sort()) {
        const seed = w.add(
          {
            name: species,
            portable: true,
            living: { kind: "plant", species, alive: true, stage: "seed", grows: true, growth: 0, dry: 0 },
          },
          jar,
        );
        if (species === v.species) seedId = seed.id;
      }
      if (v.water === "watering can") {
        const can = w.add(openBox("watering can", true), spotIn(w, "greenhouse"));
        w.add({ name: "water", substance: "water", portable: true }, can);
      }
      return { world: w, roles: { seed: seedId, pot: spotIn(w, "greenhouse", "flower pot").id } };
    }
    case "circuit": {
      const battery = w.add(
        { name: "battery", portable: true, conductive: true, electric: "battery" },
        spotIn(w, v.batteryRoom),
      );
      const bench = spotIn(w, "workshop");
      for (const wire of v.wires) w.add({ name: wire, portable: true, conductive: true, electric: "wire" }, bench);
      let deviceId = -1;
      for (const name of [v.device, ...v.others].sort()) {
        const d = w.add({ name, portable: true, conductive: true, electric: DEVICES[name] }, bench);
        if (name === v.device) deviceId = d.id;
      }
      return { world: w, roles: { device: deviceId, battery: battery.id } };
    }
    case "conductivity": {
      const object = w.add({ name: v.object, portable: true, conductive: v.conductive }, spotIn(w, v.objectRoom));
      const bench = spotIn(w, "workshop");
      const battery = w.add({ name: "battery", portable: true, conductive: true, electric: "battery" }, bench);
      w.add({ name: "light bulb", portable: true, conductive: true, electric: "bulb", aliases: ["bulb"] }, bench);
      w.add({ name: "red wire", portable: true, conductive: true, electric: "wire" }, bench);
      w.add({ name: "black wire", portable: true, conductive: true, electric: "wire" }, bench);
      const yes = addBox(w, v.boxRoom, v.conductiveBox);
      const no = addBox(w, v.boxRoom, v.nonconductiveBox);
      return {
        world: w,
        roles: { object: object.id, battery: battery.id, conductiveBox: yes.id, nonconductiveBox: no.id },
      };
    }
  }
}
