/**
 * The reference solution of a crossover task, as sub-tasks whose dependencies mirror the
 * task's structure: one chain of sub-tasks per chain (a chain longer than SEGMENT records is
 * split into consecutive segments, so no sub-task needs more steps than TDP's default
 * per-node cap of 12), a coupled chain's first segment depending on the chain whose result
 * it needs, and a final sub-task that submits the sum once every chain is done.
 */
import type { ReferenceSolution, ReferenceSubtask } from "../types.js";
import { LOOKUP_TOOL, SUBMIT_TOOL } from "./tools.js";
import type { Chain, CrossoverTask } from "./world.js";

/** Most lookups one reference sub-task takes. */
export const SEGMENT = 8;

/** Id of the final sub-task. */
export const SUBMIT_ID = "submit";

export function segmentId(label: string, segment: number): string {
  return `${label}${segment + 1}`;
}

export function segmentsOf(depth: number): number {
  return Math.ceil(depth / SEGMENT);
}

function lastSegmentId(c: Chain): string {
  return segmentId(c.label, segmentsOf(c.codes.length) - 1);
}

function segmentSpec(c: Chain, chains: Chain[], s: number): string {
  const depth = c.codes.length;
  const a = s * SEGMENT + 1;
  const b = Math.min(depth, a + SEGMENT - 1);
  const head =
    depth === 1
      ? `Chain ${c.label} (1 record).`
      : a === 1 && b === depth
        ? `Chain ${c.label}, records 1-${depth} (the whole chain).`
        : `Chain ${c.label}, records ${a}-${b} of ${depth}.`;
  let how: string;
  if (s > 0) how = `Look up the code that the prerequisite sub-task found in the "next" field of record ${a - 1}`;
  else if (c.start.kind === "code") how = `Look up code ${c.start.code}`;
  else
    how = `Chain ${c.label} starts at code ${c.start.word}-N, where N is the result of chain ${chains[c.start.parent].label} (given by the prerequisite sub-task); look up that code`;
  const follow = b > a ? `, then follow each record's "next" code until you have read record ${b}.` : ".";
  const report =
    b === depth
      ? ` Report the amount on record ${depth}: it is chain ${c.label}'s result.`
      : ` Report the code in the "next" field of record ${b}.`;
  return `${head} ${how}${follow}${report}`;
}

export function referenceFor(task: CrossoverTask): ReferenceSolution {
  const subtasks: ReferenceSubtask[] = [];
  for (const c of task.chains) {
    for (let s = 0; s < segmentsOf(c.codes.length); s++) {
      const deps =
        s > 0
          ? [segmentId(c.label, s - 1)]
          : c.start.kind === "coupled"
            ? [lastSegmentId(task.chains[c.start.parent])]
            : [];
      subtasks.push({
        id: segmentId(c.label, s),
        spec: segmentSpec(c, task.chains, s),
        deps,
        actions: c.codes.slice(s * SEGMENT, (s + 1) * SEGMENT).map((code) => ({ tool: LOOKUP_TOOL, args: { code } })),
      });
    }
  }
  const labels = task.chains.map((c) => c.label);
  subtasks.push({
    id: SUBMIT_ID,
    spec:
      labels.length === 1
        ? `Submit chain A's result (given by the prerequisite sub-task) with ${SUBMIT_TOOL}, as just the number.`
        : `Add up the results of chains ${labels.join(", ")} (given by the prerequisite sub-tasks) and submit the sum with ${SUBMIT_TOOL}, as just the number.`,
    deps: task.chains.map(lastSegmentId),
    actions: [{ tool: SUBMIT_TOOL, args: { answer: String(task.answer) } }],
  });
  return { subtasks, answer: String(task.answer) };
}
