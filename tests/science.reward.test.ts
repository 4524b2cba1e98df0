/**
 * Reward: ordered, weighted subgoals; transient states; the wrong-focus and wrong-box rules.
 */
import { ScienceSession, type Variation } from "../src/tools/science/index.js";
import { rulesFor } from "../src/tools/science/reward.js";
import { TASK_TYPES, generateTasks } from "../src/tools/science/tasks.js";

function session(v: Variation): ScienceSession {
  return new ScienceSession({ id: "science-test-01", level: v.type, query: "test", type: v.type, variation: v });
}

function ok(s: ScienceSession, ...actions: string[]): void {
  for (const a of actions) {
    const r = s.step(a);
    if (!r.ok) throw new Error(`"${a}" was rejected: ${r.observation}`);
  }
}

const boil: Variation = {
  type: "boil",
  substance: "water",
  room: "kitchen",
  spot: "counter",
  holder: "mug",
  via: "stove",
  start: "kitchen",
};
const conductivity: Variation = {
  type: "conductivity",
  object: "iron nail",
  conductive: true,
  objectRoom: "workshop",
  conductiveBox: "green box",
  nonconductiveBox: "orange box",
  boxRoom: "workshop",
  start: "workshop",
};

test("every task type's subgoal weights add up to 1", () => {
  const tasks = generateTasks(1);
  for (const type of TASK_TYPES) {
    const v = tasks.find((t) => t.type === type)?.variation as Variation;
    const rules = rulesFor(v);
    expect(rules.subgoals.length).toBeGreaterThanOrEqual(3);
    expect(rules.subgoals.reduce((s, g) => s + g.points, 0)).toBe(100);
  }
});

test("reward climbs subgoal by subgoal: focus, heat, boil", () => {
  const s = session(boil);
  expect(s.scores()).toMatchObject({ reward: 0, subgoals_done: 0, subgoals_total: 3, delivered: 0 });
  ok(s, "focus on water");
  expect(s.scores().reward).toBeCloseTo(0.2);
  ok(s, "open cupboard", "pour mug into metal pot", "move metal pot to stove");
  expect(s.scores().reward).toBeCloseTo(0.2);
  ok(s, "activate stove", "wait1");
  expect(s.scores().reward).toBeCloseTo(0.5);
  const r = s.step("wait");
  expect(r.observation).toMatch(/The task is complete/);
  expect(s.scores()).toMatchObject({ reward: 1, delivered: 1, subgoals_done: 3, failed: 0 });
});

test("a transient state counts only if it happens while it is the next subgoal", () => {
  const s = session(boil);
  // Boil the water before focusing on it, then let it condense again.
  ok(s, "open cupboard", "pour mug into metal pot", "move metal pot to stove", "activate stove", "wait");
  expect(s.world.nameOf(s.world.get(s.roles.substance))).toBe("steam");
  expect(s.scores().reward).toBe(0);
  ok(s, "deactivate stove", "wait", "wait", "wait");
  expect(s.world.nameOf(s.world.get(s.roles.substance))).toBe("water");
  ok(s, "focus on water");
  // Focus counts; the boiling that happened earlier does not.
  expect(s.scores().reward).toBeCloseTo(0.2);
  expect(s.scores().subgoals_done).toBe(1);
});

test("a later subgoal reached before an earlier one does not count until the earlier one is done", () => {
  const s = session(conductivity);
  ok(s, "connect battery to iron nail", "connect iron nail to light bulb", "connect light bulb to battery");
  expect(s.scores().reward).toBe(0); // tested, but not focused yet
  ok(s, "disconnect iron nail", "focus on iron nail");
  expect(s.scores().reward).toBeCloseTo(0.2); // the earlier test no longer counts
  ok(s, "connect battery to iron nail", "connect iron nail to light bulb");
  expect(s.scores().reward).toBeCloseTo(0.6);
  ok(s, "move iron nail to green box");
  expect(s.scores()).toMatchObject({ reward: 1, delivered: 1 });
});

test("pouring the focused water into more water keeps the task on the merged water", () => {
  const s = session(boil);
  ok(s, "open cupboard", "move metal pot to sink", "activate sink", "deactivate sink");
  expect(s.step("focus on water").observation).toMatch(
    /ambiguous: water \(in the metal pot\), water \(in the mug\)\. Say e\.g\. "water in metal pot"/,
  );
  ok(s, "focus on water in mug", "pour water in metal pot into mug");
  const waters = [...s.world.things.values()].filter((t) => t.substance === "water");
  expect(waters).toHaveLength(1);
  expect(s.roles.substance).toBe(waters[0].id);
  expect(s.progress.focused).toEqual([waters[0].id]);
  ok(s, "pour mug into metal pot", "move metal pot to stove", "activate stove", "wait");
  expect(s.scores()).toMatchObject({ reward: 1, failed: 0 });
});

test("focusing on the wrong object ends the task with reward 0", () => {
  const s = session(boil);
  ok(s, "focus on water");
  expect(s.scores().reward).toBeCloseTo(0.2);
  const r = s.step("focus on stove");
  expect(r.ok).toBe(true);
  expect(r.observation).toMatch(/The task has failed: you focused on the stove/);
  expect(s.scores()).toMatchObject({ reward: 0, delivered: 0, failed: 1, subgoals_done: 0 });
  const before = s.fingerprint();
  const after = s.step("activate stove");
  expect(after.ok).toBe(false);
  expect(after.observation).toMatch(/already over/);
  expect(s.fingerprint()).toBe(before);
  expect(s.callCounts()).toEqual({ act: 3 });
});

test("putting the object in the wrong answer box ends the task with reward 0", () => {
  const s = session(conductivity);
  ok(
    s,
    "focus on iron nail",
    "connect battery to iron nail",
    "connect iron nail to light bulb",
    "connect light bulb to battery",
  );
  expect(s.scores().reward).toBeCloseTo(0.6);
  const r = s.step("move iron nail to orange box");
  expect(r.observation).toMatch(/failed: the iron nail was put in the wrong box/);
  expect(s.scores()).toMatchObject({ reward: 0, failed: 1 });
});

test("the thermometer task wants both focuses, a reading, and the box the temperature calls for", () => {
  const v: Variation = {
    type: "thermometer",
    substance: "unknown substance C",
    temperature: 5,
    threshold: 40,
    substanceRoom: "kitchen",
    thermometerRoom: "kitchen",
    boxRoom: "kitchen",
    aboveBox: "red box",
    belowBox: "blue box",
    start: "kitchen",
  };
  const s = session(v);
  ok(s, "focus on thermometer", "focus on unknown substance C");
  expect(s.scores().reward).toBeCloseTo(0.3);
  ok(s, "move unknown substance C to blue box");
  expect(s.scores().reward).toBeCloseTo(0.3); // in the right box, but not measured yet
  ok(s, "use thermometer on unknown substance C");
  expect(s.scores()).toMatchObject({ reward: 1, delivered: 1 });
});

test("find-living accepts any thing of the category and rejects others", () => {
  const v: Variation = {
    type: "find-living",
    category: "animal",
    box: "red box",
    boxRoom: "kitchen",
    animals: ["frog", "snail"],
    start: "greenhouse",
  };
  const good = session(v);
  ok(good, "focus on snail", "pick up snail");
  expect(good.scores().reward).toBeCloseTo(0.5);
  const bad = session(v);
  ok(bad, "focus on fern");
  expect(bad.scores()).toMatchObject({ reward: 0, failed: 1 });
});

test("grow-plant rewards each stage of growth in turn", () => {
  const s = session({
    type: "grow-plant",
    species: "bean",
    others: ["pea", "tomato"],
    seedRoom: "greenhouse",
    water: "watering can",
    start: "greenhouse",
  });
  const seen: number[] = [];
  for (const a of [
    "open seed jar",
    "focus on bean seed",
    "move bean seed to flower pot",
    "pour watering can into flower pot",
    "wait",
    "wait",
    "wait",
  ]) {
    ok(s, a);
    seen.push(s.scores().reward);
  }
  expect(seen).toEqual([0, 0.1, 0.25, 0.4, 0.6, 0.8, 1]);
});

test("scoring official: ScienceWorld's scale, 0-100 over equally weighted subgoals and -100 for a failed task", () => {
  const s = session(boil);
  expect(s.scores("official")).toMatchObject({ reward_official: 0, scoring_official: 1 });
  ok(s, "focus on water");
  // One of three subgoals: 20 of this project's weighted points, 33.3 on the official scale.
  expect(s.scores("official").reward_official).toBeCloseTo(100 / 3);
  expect(s.scores("official").reward).toBeCloseTo(0.2);
  expect(s.scores()).not.toHaveProperty("reward_official");
  expect(s.scores().scoring_official).toBe(0);
  s.step("focus on stove");
  expect(s.scores("official")).toMatchObject({ reward_official: -100, reward: 0, failed: 1 });
});
