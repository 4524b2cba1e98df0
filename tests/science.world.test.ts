/**
 * Action semantics of the science simulator: doors, containers, carrying, heat and changes
 * of state, the freezer, the thermometer, circuits, plant growth, and rejected actions.
 */
import { ScienceSession, type Variation } from "../src/tools/science/index.js";
import { buildHouse } from "../src/tools/science/layout.js";
import type { Thing } from "../src/tools/science/world.js";

function session(v: Variation): ScienceSession {
  return new ScienceSession({ id: "science-test-01", level: v.type, query: "test", type: v.type, variation: v });
}

/** A boil task whose water sits in a mug on the kitchen counter. */
const boilWater = (start: Variation["start"] = "kitchen"): Variation => ({
  type: "boil",
  substance: "water",
  room: "kitchen",
  spot: "counter",
  holder: "mug",
  via: "stove",
  start,
});

function ok(s: ScienceSession, ...actions: string[]): string {
  let last = "";
  for (const a of actions) {
    const r = s.step(a);
    if (!r.ok) throw new Error(`"${a}" was rejected: ${r.observation}`);
    last = r.observation;
  }
  return last;
}

function named(s: ScienceSession, name: string): Thing {
  const hit = [...s.world.things.values()].find((t) => s.world.nameOf(t) === name);
  if (!hit) throw new Error(`no ${name}`);
  return hit;
}

describe("doors and movement", () => {
  test("a closed door blocks movement until it is opened, from either side", () => {
    const s = session(boilWater("hallway"));
    const blocked = s.step("go to kitchen");
    expect(blocked.ok).toBe(false);
    expect(blocked.observation).toMatch(/door to the kitchen is closed/);
    expect(s.world.agentRoom).toBe("hallway");

    expect(ok(s, "open door to kitchen")).toMatch(/now open/);
    expect(ok(s, "go to kitchen")).toMatch(/This room is called the kitchen/);
    expect(s.world.agentRoom).toBe("kitchen");

    // The same door seen from the kitchen is the door to the hallway.
    ok(s, "close door to hallway");
    expect(s.step("go to hallway").ok).toBe(false);
    expect(s.world.agentRoom).toBe("kitchen");
  });

  test("rooms that share no door cannot be reached directly", () => {
    const s = session(boilWater("hallway"));
    const r = s.step("go to bathroom");
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/not connected/);
    expect(r.observation).toMatch(/kitchen \(door closed\)/);
  });
});

describe("containers and carrying", () => {
  test("a closed container hides its contents; opening reveals them", () => {
    const s = session(boilWater());
    expect(s.step("look at metal pot").ok).toBe(false);
    expect(ok(s, "look around")).toMatch(/The cupboard is closed/);
    ok(s, "open cupboard");
    expect(ok(s, "look at cupboard")).toMatch(/In the cupboard is: a metal pot/);
    expect(ok(s, "look at metal pot")).toMatch(/a metal pot/);
  });

  test("pick up, put down and move between containers", () => {
    const s = session(boilWater());
    ok(s, "open cupboard", "pick up metal pot");
    const pot = named(s, "metal pot");
    expect(pot.parent).toBe(s.world.inventoryId);
    expect(ok(s, "inventory")).toMatch(/a metal pot/);

    ok(s, "put down metal pot");
    expect(pot.parent).toBe(s.world.room("kitchen").id);

    ok(s, "move metal pot to counter");
    expect(pot.parent).toBe(named(s, "counter").id);

    // Closed targets, fixed furniture and containers inside themselves are refused.
    expect(s.step("move metal pot to fridge").observation).toMatch(/fridge is closed/);
    expect(s.step("pick up stove").observation).toMatch(/can't be picked up/);
    expect(s.step("move metal pot to metal pot").ok).toBe(false);
    expect(pot.parent).toBe(named(s, "counter").id);
  });

  test("liquids are poured, not picked up", () => {
    const s = session(boilWater());
    const water = s.world.get(s.roles.substance);
    expect(s.step("pick up water").observation).toMatch(/can't pick up water/);
    ok(s, "open cupboard", "pour mug into metal pot");
    expect(water.parent).toBe(named(s, "metal pot").id);
    expect(s.step("pour mug into metal pot").observation).toMatch(/nothing to pour/);
  });
});

describe("heat and states of matter", () => {
  test("a stove heats what is on it tick by tick, and water turns to steam at 100 C", () => {
    const s = session(boilWater());
    const water = s.world.get(s.roles.substance);
    ok(s, "open cupboard", "pour mug into metal pot", "move metal pot to stove");
    const start = water.temperature;
    ok(s, "activate stove");
    const temps: number[] = [];
    // Nothing was focused, so the task cannot end and freeze the world midway.
    for (let i = 0; i < 12; i++) {
      ok(s, "wait1");
      temps.push(water.temperature);
      expect(s.world.matter(water)).toBe(water.temperature >= 100 ? "gas" : "liquid");
    }
    expect(temps[0]).toBeGreaterThan(start);
    for (let i = 1; i < temps.length; i++) expect(temps[i]).toBeGreaterThanOrEqual(temps[i - 1]);
    expect(s.world.nameOf(water)).toBe("steam");
    expect(ok(s, "look at metal pot")).toMatch(/In the metal pot is: steam/);
  });

  test("a switched-off stove lets things cool back toward room temperature", () => {
    const s = session(boilWater());
    ok(s, "open cupboard", "pour mug into metal pot", "move metal pot to stove", "activate stove", "deactivate stove");
    const water = s.world.get(s.roles.substance);
    for (let i = 0; i < 60; i++) s.world.tick();
    expect(water.temperature).toBeCloseTo(20, 0);
    expect(s.world.nameOf(water)).toBe("water");
  });

  test("the freezer turns water into ice; solids melt again in a warm room", () => {
    const s = session({
      type: "freeze",
      substance: "water",
      room: "kitchen",
      spot: "counter",
      holder: "mug",
      via: "freezer",
      start: "kitchen",
    });
    const water = s.world.get(s.roles.substance);
    ok(s, "open freezer", "move mug to freezer", "wait");
    expect(water.temperature).toBeLessThan(0);
    expect(s.world.nameOf(water)).toBe("ice");
    expect(ok(s, "look at freezer")).toMatch(/a mug \(containing ice\)/);
    ok(s, "pick up mug", "wait", "wait");
    expect(s.world.nameOf(water)).toBe("water");
  });

  test("chocolate melts on the stove but stays solid on the counter", () => {
    const v: Variation = {
      type: "melt",
      substance: "chocolate",
      room: "kitchen",
      spot: "counter",
      holder: null,
      via: "stove",
      start: "kitchen",
    };
    const idle = session(v);
    ok(idle, "wait", "wait");
    expect(idle.world.nameOf(idle.world.get(idle.roles.substance))).toBe("chocolate");

    const s = session(v);
    const choc = s.world.get(s.roles.substance);
    ok(s, "move chocolate to stove", "activate stove");
    for (let i = 0; i < 10; i++) s.world.tick();
    expect(choc.temperature).toBeGreaterThan(34);
    expect(s.world.nameOf(choc)).toBe("liquid chocolate");
  });
});

describe("thermometer", () => {
  test("reports the temperature of what it is used on", () => {
    const s = session({
      type: "thermometer",
      substance: "unknown substance B",
      temperature: 85,
      threshold: 50,
      substanceRoom: "kitchen",
      thermometerRoom: "kitchen",
      boxRoom: "kitchen",
      aboveBox: "red box",
      belowBox: "blue box",
      start: "kitchen",
    });
    expect(ok(s, "use thermometer on unknown substance B")).toMatch(/measures a temperature of 85 degrees celsius/);
    expect(ok(s, "use thermometer on counter")).toMatch(/20 degrees celsius/);
    ok(s, "open freezer");
    expect(ok(s, "use thermometer on freezer")).toMatch(/-18 degrees celsius/);
    expect(s.step("use counter on thermometer").ok).toBe(false);
  });
});

describe("circuits", () => {
  const circuit: Variation = {
    type: "circuit",
    device: "red light bulb",
    others: ["buzzer", "green light bulb"],
    wires: ["red wire", "black wire"],
    batteryRoom: "workshop",
    start: "workshop",
  };

  test("a bulb lights only when the loop through the battery is closed", () => {
    const s = session(circuit);
    ok(s, "connect battery to red wire", "connect red wire to red light bulb", "connect red light bulb to black wire");
    expect(s.world.powered().has(s.roles.device)).toBe(false);
    expect(ok(s, "look at red light bulb")).toMatch(/which is off/);

    expect(ok(s, "connect black wire to battery")).toMatch(/red light bulb turns on/);
    expect(s.world.powered().has(s.roles.device)).toBe(true);
    expect(ok(s, "look at red light bulb")).toMatch(/which is on/);
  });

  test("each component has two terminals; disconnecting opens the loop", () => {
    const s = session(circuit);
    ok(s, "connect battery to red wire", "connect battery to black wire");
    expect(s.step("connect battery to buzzer").observation).toMatch(/Both terminals of the battery/);
    const bulbOff = session(circuit);
    ok(bulbOff, "connect battery to red wire", "connect red wire to buzzer", "connect buzzer to battery");
    expect(bulbOff.world.powered().size).toBe(3);
    expect(ok(bulbOff, "disconnect red wire")).toMatch(/buzzer stops buzzing/);
    expect(bulbOff.world.powered().size).toBe(0);
  });

  test("conductors close a circuit, insulators do not", () => {
    const make = (object: string, conductive: boolean) =>
      session({
        type: "conductivity",
        object,
        conductive,
        objectRoom: "workshop",
        conductiveBox: "green box",
        nonconductiveBox: "orange box",
        boxRoom: "workshop",
        start: "workshop",
      });
    const metal = make("metal fork", true);
    expect(
      ok(metal, "connect battery to metal fork", "connect metal fork to light bulb", "connect light bulb to battery"),
    ).toMatch(/light bulb turns on/);
    const plastic = make("plastic spoon", false);
    ok(
      plastic,
      "connect battery to plastic spoon",
      "connect plastic spoon to light bulb",
      "connect light bulb to battery",
    );
    expect(plastic.world.loops()).toHaveLength(1);
    expect(ok(plastic, "look at light bulb")).toMatch(/which is off/);
  });

  test("moving a wired object breaks its connections", () => {
    const s = session(circuit);
    ok(
      s,
      "connect battery to red wire",
      "connect red wire to red light bulb",
      "connect red light bulb to black wire",
      "connect black wire to battery",
    );
    expect(ok(s, "pick up red wire")).toMatch(
      /disconnects it from the battery and the red light bulb.*red light bulb turns off/,
    );
    expect(s.world.degree(s.roles.battery)).toBe(1);
  });
});

describe("plants", () => {
  const grow: Variation = {
    type: "grow-plant",
    species: "pea",
    others: ["bean", "tomato"],
    seedRoom: "greenhouse",
    water: "watering can",
    start: "greenhouse",
  };

  test("a seed in dry soil stays a seed; with water it grows through every stage", () => {
    const s = session(grow);
    const seed = s.world.get(s.roles.seed);
    ok(s, "open seed jar", "move pea seed to flower pot", "wait", "wait");
    expect(seed.living?.stage).toBe("seed");
    ok(s, "pour watering can into flower pot", "wait");
    expect(seed.living?.stage).toBe("seedling");
    expect(ok(s, "look at pea plant")).toMatch(/pea plant in the seedling stage/);
    ok(s, "wait", "wait");
    expect(seed.living?.stage).toBe("reproducing");
    expect(seed.living?.alive).toBe(true);
  });

  test("a plant dies when it gets too hot", () => {
    const w = buildHouse("kitchen");
    const pot = [...w.things.values()].find((t) => t.name === "metal pot") as Thing;
    const seedling = w.add(
      {
        name: "bean",
        living: { kind: "plant", species: "bean", alive: true, stage: "seedling", grows: true, growth: 0, dry: 0 },
      },
      pot,
    );
    const stove = [...w.things.values()].find((t) => t.name === "stove") as Thing;
    pot.parent = stove.id;
    if (stove.appliance) stove.appliance.active = true;
    for (let i = 0; i < 10; i++) w.tick();
    expect(seedling.living?.alive).toBe(false);
    expect(w.nameOf(seedling)).toBe("dead bean plant");
  });
});

describe("invalid actions", () => {
  test("a misspelt object is rejected with the objects in view, changes nothing, and is still counted", () => {
    const s = session(boilWater("hallway"));
    const before = s.fingerprint();
    const r = s.step("go to kitchne");
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/no place called "kitchne"/);
    expect(r.observation).toMatch(/kitchen \(door closed\)/);
    expect(s.fingerprint()).toBe(before);
    expect(s.callCounts()).toEqual({ act: 1 });

    const t = s.step("pick up thermometr");
    expect(t.observation).toMatch(/There is no "thermometr" here. You can see: side table, painting, umbrella/);
    expect(s.fingerprint()).toBe(before);
    expect(s.callCounts()).toEqual({ act: 2 });
    expect(s.scores().invalid_actions).toBe(2);
  });

  test("an unknown verb lists the grammar", () => {
    const s = session(boilWater());
    const r = s.step("dance with the stove");
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/I don't understand/);
    expect(r.observation).toMatch(/move OBJ to CONTAINER/);
    expect(s.step("").ok).toBe(false);
    expect(s.world.time).toBe(0);
  });

  test("ambiguous names ask which one, and 'X in Y' picks it", () => {
    const s = session({
      type: "grow-plant",
      species: "pea",
      others: ["bean", "tomato"],
      seedRoom: "greenhouse",
      water: "watering can",
      start: "greenhouse",
    });
    const r = s.step("look at soil");
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(/"soil" is ambiguous: soil \(in the clay pot\), soil \(in the flower pot\)/);
    expect(ok(s, "look at soil in flower pot")).toMatch(/^soil\./);
  });

  test("accepted actions take a tick, wait takes ten, rejected ones none", () => {
    const s = session(boilWater());
    ok(s, "look around");
    expect(s.world.time).toBe(1);
    ok(s, "wait");
    expect(s.world.time).toBe(11);
    ok(s, "wait1");
    expect(s.world.time).toBe(12);
    s.step("open stove");
    expect(s.world.time).toBe(12);
  });
});

describe("the act tool", () => {
  test("is one tool named act taking the command text", async () => {
    const s = session(boilWater("hallway"));
    const tools = s.tools("main");
    expect(tools.map((t) => t.name)).toEqual(["act"]);
    expect(tools[0].description).toMatch(/focus on OBJ/);
    expect(await tools[0].invoke({ action: "open door to kitchen" })).toMatch(/now open/);
    expect(await tools[0].invoke({ action: "fly away" })).toMatch(/I don't understand/);
    expect(s.callCounts()).toEqual({ act: 2 });
  });
});
