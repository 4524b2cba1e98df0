/**
 * Which tasks a benchmark of `--n N` runs: a stratified, seeded sample across levels instead of
 * the first N tasks (which would be all easy travel tasks, or all bridge questions).
 *
 * Each level gets a share of N proportional to its size (largest remainder; ties broken in a
 * seeded order of the levels, so another seed may favour other levels), never more than it
 * has. Within a level the tasks are a seeded random draw. The result keeps the environment's
 * task order. Same (tasks, n, seed), same sample, on every machine.
 */
import { createRng, hashString, shuffle } from "../tools/rng.js";
import type { TaskInfo } from "../tools/types.js";
import { UsageError } from "../errors.js";

/** How many tasks each level contributes to a sample of `n` (levels in first-appearance order). */
export function levelQuotas(tasks: readonly TaskInfo[], n: number, seed: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const t of tasks) sizes.set(t.level, (sizes.get(t.level) ?? 0) + 1);
  const total = tasks.length;
  const take = Math.min(n, total);
  const quotas = new Map<string, number>();
  const remainders: { level: string; rest: number }[] = [];
  let given = 0;
  for (const [level, size] of sizes) {
    const exact = (take * size) / total;
    const q = Math.floor(exact);
    quotas.set(level, q);
    given += q;
    remainders.push({ level, rest: exact - q });
  }
  // Seeded tie order, then the largest remainders get the tasks still to hand out.
  const order = shuffle(createRng(hashString(`levels:${seed}`)), [...sizes.keys()]);
  remainders.sort((a, b) => b.rest - a.rest || order.indexOf(a.level) - order.indexOf(b.level));
  for (const { level } of remainders) {
    if (given >= take) break;
    if (quotas.get(level)! < sizes.get(level)!) {
      quotas.set(level, quotas.get(level)! + 1);
      given++;
    }
  }
  return quotas;
}

/**
 * A stratified, seeded sample of `n` tasks (all of them when `n` >= their number), in the
 * tasks' own order. `n` must be a whole number >= 1.
 */
export function sampleTasks(tasks: readonly TaskInfo[], n: number, seed: number): TaskInfo[] {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`the sample size must be a whole number >= 1, got ${n}`);
  if (n >= tasks.length) return [...tasks];
  const quotas = levelQuotas(tasks, n, seed);
  const chosen = new Set<string>();
  for (const [level, quota] of quotas) {
    const ids = tasks.filter((t) => t.level === level).map((t) => t.id);
    const rng = createRng(hashString(`sample:${seed}:${level}`));
    for (const id of shuffle(rng, ids).slice(0, quota)) chosen.add(id);
  }
  return tasks.filter((t) => chosen.has(t.id));
}
