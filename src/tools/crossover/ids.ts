/**
 * The structure parameters of a crossover task and the task id that encodes them:
 * `xo-w<W>-d<D>-c<C>-obs<N>-s<seed>`, e.g. `xo-w4-d8-c0.5-obs200-s1`.
 *
 * - W (width): independent sub-goals, each a chain of lookups ("chain A", "chain B", ...).
 * - D (depth): records per chain; each lookup needs the code the previous record names.
 * - C (coupling): share of the W-1 chains after the first whose start needs another chain's
 *   result; `coupledCount` says exactly how many.
 * - N (observation size): tokens (cl100k_base) each Lookup observation is padded to.
 * - seed: everything else (codes, names, amounts) comes from it.
 */
import { UnknownTaskError } from "../../errors.js";

export interface CrossoverParams {
  width: number;
  depth: number;
  coupling: number;
  obs: number;
  seed: number;
}

export const LIMITS = {
  width: { min: 1, max: 26 },
  depth: { min: 1, max: 64 },
  obs: { min: 60, max: 8000 },
  seed: { min: 0, max: 999_999 },
} as const;

/** The default grid `tasks()` lists and `npm run bench:crossover` runs. */
export const DEFAULT_GRID = {
  widths: [1, 2, 4, 8],
  depths: [1, 2, 4, 8, 16],
  couplings: [0, 0.5, 1],
  obs: [60, 500],
  seed: 1,
} as const;

export const ID_FORMAT = "xo-w<W>-d<D>-c<C>-obs<N>-s<seed>, e.g. xo-w4-d8-c0.5-obs200-s1";

const BOUNDS_HINT =
  `W ${LIMITS.width.min}-${LIMITS.width.max}, D ${LIMITS.depth.min}-${LIMITS.depth.max}, C from 0 to 1, ` +
  `N ${LIMITS.obs.min}-${LIMITS.obs.max} tokens, seed ${LIMITS.seed.min}-${LIMITS.seed.max}`;

/** Coupling written the shortest way: 0, 0.5, 1, 0.25. */
function formatCoupling(c: number): string {
  return String(Number(c.toFixed(4)));
}

export function formatTaskId(p: CrossoverParams): string {
  return `xo-w${p.width}-d${p.depth}-c${formatCoupling(p.coupling)}-obs${p.obs}-s${p.seed}`;
}

/**
 * Number of coupled chains: round(C * (W - 1)), halves rounding up. The first chain can
 * never be coupled (something has to start), so C = 1 couples every other chain.
 */
export function coupledCount(p: Pick<CrossoverParams, "width" | "coupling">): number {
  return Math.round(p.coupling * (p.width - 1));
}

/** The difficulty label of a task (obs size aside): what `tdp bench --level` selects on. */
export function levelOf(p: CrossoverParams): string {
  return `w${p.width}-d${p.depth}-c${formatCoupling(p.coupling)}`;
}

const ID_RE = /^xo-w(\d+)-d(\d+)-c(\d+(?:\.\d+)?)-obs(\d+)-s(\d+)$/;

/**
 * Parses any well-formed id, in the grid or not. A malformed id, an out-of-range parameter,
 * or a non-canonical spelling (c0.50 for c0.5) is a usage error naming the format.
 */
export function parseTaskId(id: string): CrossoverParams {
  const m = ID_RE.exec(id);
  const bad = (why: string) => new UnknownTaskError("crossover", id, `${why}; ids look like ${ID_FORMAT}`);
  if (!m) throw bad("malformed id");
  const p: CrossoverParams = {
    width: Number(m[1]),
    depth: Number(m[2]),
    coupling: Number(m[3]),
    obs: Number(m[4]),
    seed: Number(m[5]),
  };
  const inRange = (v: number, l: { min: number; max: number }) => Number.isSafeInteger(v) && v >= l.min && v <= l.max;
  if (
    !inRange(p.width, LIMITS.width) ||
    !inRange(p.depth, LIMITS.depth) ||
    !inRange(p.obs, LIMITS.obs) ||
    !inRange(p.seed, LIMITS.seed) ||
    !(p.coupling >= 0 && p.coupling <= 1)
  )
    throw bad(`a parameter is out of range (${BOUNDS_HINT})`);
  const canonical = formatTaskId(p);
  if (canonical !== id) throw bad(`write it as ${canonical}`);
  return p;
}

/** Every cell of the default grid, in a stable order (obs innermost). */
export function defaultGridParams(): CrossoverParams[] {
  const out: CrossoverParams[] = [];
  for (const width of DEFAULT_GRID.widths)
    for (const depth of DEFAULT_GRID.depths)
      for (const coupling of DEFAULT_GRID.couplings)
        for (const obs of DEFAULT_GRID.obs) out.push({ width, depth, coupling, obs, seed: DEFAULT_GRID.seed });
  return out;
}
