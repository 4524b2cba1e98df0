/** `sampleTasks`: a stratified, seeded sample across levels for `tdp bench --n N`. */
import { levelQuotas, sampleTasks } from "../src/bench/sample.js";
import type { TaskInfo } from "../src/tools/types.js";
import { UsageError } from "../src/errors.js";

/** `counts` tasks per level, in blocks, as environments list them. */
function tasks(counts: Record<string, number>): TaskInfo[] {
  return Object.entries(counts).flatMap(([level, n]) =>
    Array.from({ length: n }, (_v, i) => ({ id: `${level}-${String(i + 1).padStart(3, "0")}`, level, query: "q" })),
  );
}

const count = (sample: TaskInfo[]) => {
  const out: Record<string, number> = {};
  for (const t of sample) out[t.level] = (out[t.level] ?? 0) + 1;
  return out;
};

describe("sampleTasks", () => {
  const travel = tasks({ easy: 20, medium: 20, hard: 20 });

  test("takes every level in proportion instead of the first N tasks", () => {
    const s = sampleTasks(travel, 6, 1);
    expect(s).toHaveLength(6);
    expect(count(s)).toEqual({ easy: 2, medium: 2, hard: 2 });
    // The first 6 would all be easy.
    expect(s.map((t) => t.id)).not.toEqual(travel.slice(0, 6).map((t) => t.id));
  });

  test("splits uneven levels by size, with the largest remainders first", () => {
    const wiki = tasks({ bridge: 60, "bridge-3hop": 30, "bridge-4hop": 15, comparison: 60, "comparison-4hop": 15 });
    expect(count(sampleTasks(wiki, 12, 3))).toEqual({
      bridge: 4,
      "bridge-3hop": 2,
      "bridge-4hop": 1,
      comparison: 4,
      "comparison-4hop": 1,
    });
    // A level never gives more than it has.
    const lopsided = tasks({ big: 98, tiny: 2 });
    expect(count(sampleTasks(lopsided, 50, 0))).toEqual({ big: 49, tiny: 1 });
    expect([...levelQuotas(tasks({ a: 1, b: 9 }), 9, 0).values()].reduce((x, y) => x + y)).toBe(9);
  });

  test("breaks ties between equal levels in a seeded order, so seeds differ in which level gets the extra task", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const c = count(sampleTasks(travel, 4, seed));
      expect(Object.values(c).sort()).toEqual([1, 1, 2]);
      seen.add(Object.entries(c).find(([, n]) => n === 2)![0]);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  test("is deterministic in (tasks, n, seed) and varies with the seed", () => {
    const ids = (seed: number) => sampleTasks(travel, 9, seed).map((t) => t.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(8)).not.toEqual(ids(7));
  });

  test("keeps the environment's task order and never repeats a task", () => {
    const s = sampleTasks(travel, 15, 5);
    const positions = s.map((t) => travel.indexOf(t));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(s.map((t) => t.id)).size).toBe(15);
  });

  test("returns every task when n covers them, and refuses a size that is not a whole number >= 1", () => {
    expect(sampleTasks(travel, 60, 1)).toEqual(travel);
    expect(sampleTasks(travel, 100, 1)).toEqual(travel);
    expect(() => sampleTasks(travel, 0, 1)).toThrow(UsageError);
    expect(() => sampleTasks(travel, 2.5, 1)).toThrow(UsageError);
  });
});
