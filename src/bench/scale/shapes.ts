/**
 * The DAG shapes of `npm run bench:scale`: each sub-task is a number of `work` steps, and the
 * shape is the reference solution the offline simulator replays. The four small shapes are the
 * ones issue 11 measured (uniform, skewed, chain, wide); `layered(n)` builds the large DAGs.
 */
import type { ReferenceSolution } from "../../tools/types.js";

export interface ShapeNode {
  id: string;
  deps: string[];
  /** Environment steps the sub-task takes (each one `work` call). */
  steps: number;
}

export interface ScaleShape {
  name: string;
  nodes: ShapeNode[];
  /** Independent sub-goals, for the wide shape's speedup target. */
  width: number;
}

const node = (id: string, steps: number, deps: string[] = []): ShapeNode => ({ id, deps, steps });

/** Four independent sub-tasks of three steps each. */
export const UNIFORM: ScaleShape = {
  name: "uniform 4x3",
  width: 4,
  nodes: ["a", "b", "c", "d"].map((id) => node(id, 3)),
};

/** A (1 step) -> C (5 steps); B (6 steps); D after B and C (1 step). Under a batch barrier C waits for B. */
export const SKEWED: ScaleShape = {
  name: "skewed",
  width: 2,
  nodes: [node("a", 1), node("b", 6), node("c", 5, ["a"]), node("d", 1, ["b", "c"])],
};

/** `n` sub-tasks of three steps, each after the one before. */
export function chain(n: number): ScaleShape {
  return {
    name: `chain ${n}`,
    width: 1,
    nodes: Array.from({ length: n }, (_, i) => node(`s${i + 1}`, 3, i ? [`s${i}`] : [])),
  };
}

export const CHAIN = chain(6);

/** Sixteen independent sub-tasks of three steps. */
export const WIDE: ScaleShape = {
  name: "wide 16",
  width: 16,
  nodes: Array.from({ length: 16 }, (_, i) => node(`w${String(i + 1).padStart(2, "0")}`, 3)),
};

export const SMALL_SHAPES = [UNIFORM, SKEWED, CHAIN, WIDE];

/**
 * `n` one-step sub-tasks in layers of about sqrt(n): node j of a layer depends on node j of
 * the layer before and, every third node, on its neighbour too, so dependencies stay O(n).
 */
export function layered(n: number, steps = 1): ScaleShape {
  const width = Math.max(1, Math.round(Math.sqrt(n)));
  const nodes: ShapeNode[] = [];
  const id = (i: number) => `n${String(i).padStart(String(n).length, "0")}`;
  for (let i = 0; i < n; i++) {
    const layer = Math.floor(i / width);
    const col = i % width;
    const deps: string[] = [];
    if (layer > 0) {
      const above = (layer - 1) * width + col;
      deps.push(id(above));
      if (col % 3 === 0 && col + 1 < width) deps.push(id(above + 1));
    }
    nodes.push(node(id(i), steps, deps));
  }
  return { name: `layered ${n}`, width, nodes };
}

/** The shape as a reference solution: sub-task `x` step `k` is `work({ item: "x/k" })`. */
export function shapeReference(shape: ScaleShape): ReferenceSolution {
  return {
    subtasks: shape.nodes.map((n) => ({
      id: n.id,
      spec: `Process the ${n.steps} items of part ${n.id}.`,
      deps: [...n.deps],
      actions: Array.from({ length: n.steps }, (_, k) => ({ tool: "work", args: { item: `${n.id}/${k + 1}` } })),
    })),
    answer: `processed ${shape.nodes.length} parts`,
  };
}
