/**
 * The sub-task DAG: types and the pure rules that keep it valid.
 *
 * Everything here is plain data and plain functions so that the Supervisor, Self-Revision,
 * the reducer and the scheduler share one definition of "valid" and one definition of "ready".
 */
import type { UsageCounts } from "./reducers.js";

export type SubTaskStatus = "pending" | "running" | "completed" | "failed";

/** One node of the plan: a standalone sub-task and what it learned. */
export interface SubTask {
  id: string;
  /** Standalone description: a worker sees this, never the global task. */
  spec: string;
  /** Ids that must be completed before this node may run. */
  deps: string[];
  status: SubTaskStatus;
  /** Compact summary handed to downstream nodes (never the raw trace). */
  outcome: string | null;
  /** How many times the node was dispatched. */
  attempts: number;
  /** Environment steps this node consumed, over all attempts. */
  stepsUsed: number;
  /** Local replans (Planner.refine) this node triggered, over all attempts. */
  replans: number;
  /**
   * Tool allow-list the Supervisor gave this sub-task: its Executor gets only these bound, and a
   * call to any other tool is refused as a step. Null or absent: every tool.
   */
  tools?: string[] | null;
  /** Tokens and calls of this sub-task's own LLM calls (Planner, Executor, Evaluator), over all attempts. */
  usage?: UsageCounts;
  /** While running: the environment steps its attempt was granted (reserved from the global budget). */
  budget?: number;
  /**
   * Staged construction: a coarse sub-task the Supervisor splits into children when it
   * becomes ready, instead of running it (see `expandNode`).
   */
  expand?: boolean;
  /**
   * Set once the sub-task was expanded: its children's ids. It then waits for them (they are
   * among its deps) and completes without running, its outcome theirs (see `joinOutcome`).
   */
  children?: string[];
}

export type Dag = Record<string, SubTask>;

/** A node as the Supervisor / Self-Revision proposes it (no runtime fields). */
export interface ProposedNode {
  id: string;
  spec: string;
  deps: string[];
  /** Optional tool allow-list (see `SubTask.tools`). */
  tools?: string[] | null;
  /** Staged construction: split into children when ready (see `SubTask.expand`). */
  expand?: boolean | null;
}

export const DEFAULT_MAX_NODES = 20;

export function newSubTask(p: ProposedNode): SubTask {
  return {
    id: p.id,
    spec: p.spec,
    deps: [...p.deps],
    status: "pending",
    outcome: null,
    attempts: 0,
    stepsUsed: 0,
    replans: 0,
    ...(p.tools?.length ? { tools: [...p.tools] } : {}),
    ...(p.expand ? { expand: true } : {}),
  };
}

/** Stable id order for prompts and dispatch: numeric runs compare as numbers (n2 before n10). */
export function compareIds(a: string, b: string): number {
  const ra = ID_RUNS.exec(a);
  const rb = ID_RUNS.exec(b);
  if (ra && rb && ra[1] === rb[1] && ra[2] !== rb[2]) {
    const d = Number(ra[2]) - Number(rb[2]);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
const ID_RUNS = /^(.*?)(\d+)$/;

/** Ids must be short tokens: they are quoted in prompts and used as map keys. */
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Validates a proposed set of nodes as a whole DAG. Returns the list of problems
 * (empty when valid) so the caller can quote them back to the model in a re-ask.
 */
/** True when every problem is the size bound: the DAG is otherwise sound. */
export function sizeOnly(errors: string[]): boolean {
  return errors.length > 0 && errors.every((e) => / nodes; at most \d+ are allowed$/.test(e));
}

/** Longest dependency chain, in nodes (0 for an empty DAG): the fewest rounds the DAG needs. */
export function dagDepth(dag: Dag): number {
  const depth = new Map<string, number>();
  for (const n of topologicalOrder(dag)) depth.set(n.id, 1 + Math.max(0, ...n.deps.map((d) => depth.get(d) ?? 0)));
  return Math.max(0, ...depth.values());
}

export function validateProposal(
  nodes: ProposedNode[],
  maxNodes = DEFAULT_MAX_NODES,
  /** The tool names a run has; allow-lists may only name these. */
  knownTools?: string[],
): string[] {
  const errors: string[] = [];
  if (nodes.length === 0) errors.push("the DAG has no nodes");
  if (nodes.length > maxNodes) errors.push(`the DAG has ${nodes.length} nodes; at most ${maxNodes} are allowed`);
  const seen = new Set<string>();
  for (const n of nodes) {
    if (!ID_PATTERN.test(n.id)) errors.push(`node id "${n.id}" is not a short token ([A-Za-z0-9_.-], 1-40 chars)`);
    if (seen.has(n.id)) errors.push(`node id "${n.id}" is used more than once`);
    seen.add(n.id);
    if (!n.spec || !n.spec.trim()) errors.push(`node "${n.id}" has an empty spec`);
    for (const t of n.tools ?? [])
      if (knownTools && !knownTools.includes(t))
        errors.push(`node "${n.id}" allows unknown tool "${t}" (tools: ${knownTools.join(", ")})`);
  }
  for (const n of nodes) {
    for (const d of n.deps) {
      if (d === n.id) errors.push(`node "${n.id}" depends on itself`);
      else if (!seen.has(d)) errors.push(`node "${n.id}" depends on unknown node "${d}"`);
    }
  }
  const cycle = findCycle(nodes);
  if (cycle) errors.push(`the graph has a cycle: ${cycle.join(" -> ")}`);
  return errors;
}

/** Returns one cycle as a list of ids (first id repeated at the end), or null. */
export function findCycle(nodes: ProposedNode[]): string[] | null {
  const deps = new Map(nodes.map((n) => [n.id, n.deps.filter((d) => d !== n.id)]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = state.get(id);
    if (s === "done") return null;
    if (s === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (!deps.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const n of nodes) {
    const c = visit(n.id);
    if (c) return c;
  }
  return null;
}

/** Nodes whose prerequisites are all completed and which have not run to an end yet. */
export function readyNodes(dag: Dag): SubTask[] {
  return Object.values(dag)
    .filter((n) => n.status === "pending")
    .filter((n) => n.deps.every((d) => dag[d]?.status === "completed"))
    .sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Nodes that can never run: a prerequisite failed, is missing, or is itself blocked.
 */
export function blockedNodes(dag: Dag): SubTask[] {
  const blocked = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of Object.values(dag)) {
      if (n.status !== "pending" || blocked.has(n.id)) continue;
      if (n.deps.some((d) => !dag[d] || dag[d].status === "failed" || blocked.has(d))) {
        blocked.add(n.id);
        changed = true;
      }
    }
  }
  return Object.values(dag).filter((n) => blocked.has(n.id));
}

/** True when no node can make progress any more (all ended, or the rest are blocked). */
export function isDagSettled(dag: Dag): boolean {
  return readyNodes(dag).length === 0 && !Object.values(dag).some((n) => n.status === "running");
}

export function allCompleted(dag: Dag): boolean {
  const nodes = Object.values(dag);
  return nodes.length > 0 && nodes.every((n) => n.status === "completed");
}

/**
 * Topological order (deps first); among the nodes free at each point, the smallest id comes
 * first, so prompts are stable. Kahn's algorithm over a binary heap: O((N + E) log N).
 */
export function topologicalOrder(dag: Dag): SubTask[] {
  const nodes = Object.values(dag);
  const waiting = new Map<string, number>();
  const dependants = new Map<string, string[]>();
  for (const n of nodes) {
    let count = 0;
    for (const d of new Set(n.deps)) {
      if (!dag[d] || d === n.id) continue;
      count++;
      const list = dependants.get(d);
      if (list) list.push(n.id);
      else dependants.set(d, [n.id]);
    }
    waiting.set(n.id, count);
  }
  const heap = new IdHeap();
  for (const n of nodes) if (waiting.get(n.id) === 0) heap.push(n.id);
  const out: SubTask[] = [];
  for (let id = heap.pop(); id !== undefined; id = heap.pop()) {
    out.push(dag[id]);
    for (const m of dependants.get(id) ?? []) {
      const left = (waiting.get(m) as number) - 1;
      waiting.set(m, left);
      if (left === 0) heap.push(m);
    }
  }
  if (out.length < nodes.length) {
    // Cycles are rejected before they reach the state; never drop nodes on bad data.
    const placed = new Set(out.map((n) => n.id));
    out.push(...nodes.filter((n) => !placed.has(n.id)).sort((a, b) => compareIds(a.id, b.id)));
  }
  return out;
}

/** A min-heap of ids under `compareIds`. */
class IdHeap {
  private readonly items: string[] = [];
  push(id: string): void {
    const a = this.items;
    a.push(id);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (compareIds(a[p], a[i]) <= 0) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): string | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as string;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && compareIds(a[l], a[m]) < 0) m = l;
        if (r < a.length && compareIds(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Ids of the nodes that list any of `ids` as a prerequisite (direct dependants only). */
export function dependantsOf(dag: Dag, ids: Iterable<string>): Set<string> {
  const of = new Set(ids);
  const out = new Set<string>();
  for (const n of Object.values(dag)) if (n.deps.some((d) => of.has(d))) out.add(n.id);
  return out;
}

/** `ids` and every node that depends on one of them, directly or not. */
export function downstreamOf(dag: Dag, ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  for (const n of topologicalOrder(dag)) if (n.deps.some((d) => out.has(d))) out.add(n.id);
  return out;
}

/** A revision as Self-Revision proposes it: edits to unfinished nodes only. */
export interface DagRevision {
  /** New specs (and optionally deps) for existing unfinished nodes. */
  update: { id: string; spec?: string; deps?: string[] }[];
  /** New nodes. */
  add: ProposedNode[];
  /** Ids of unfinished nodes to drop. */
  remove: string[];
}

export type RevisionResult = { ok: true; dag: Dag; changes: number } | { ok: false; errors: string[] };

/**
 * Applies a revision to a DAG without mutating it. Completed nodes are immutable,
 * failed nodes may be retried only through `update` (which resets them to pending),
 * and the result must still be a valid DAG.
 */
export function applyRevision(dag: Dag, rev: DagRevision, maxNodes = DEFAULT_MAX_NODES): RevisionResult {
  const errors: string[] = [];
  const next: Dag = {};
  for (const [id, n] of Object.entries(dag)) next[id] = { ...n, deps: [...n.deps] };
  let changes = 0;

  for (const id of rev.remove) {
    const n = next[id];
    if (!n) errors.push(`cannot remove unknown node "${id}"`);
    else if (n.status === "completed") errors.push(`cannot remove completed node "${id}"`);
    else if (n.status === "running") errors.push(`cannot remove running node "${id}"`);
    else {
      delete next[id];
      changes++;
    }
  }
  for (const u of rev.update) {
    const n = next[u.id];
    if (!n) {
      errors.push(`cannot update unknown node "${u.id}"`);
      continue;
    }
    if (n.status === "completed") {
      errors.push(`cannot change completed node "${u.id}"`);
      continue;
    }
    if (n.status === "running") {
      errors.push(`cannot change running node "${u.id}"`);
      continue;
    }
    const specChanged = u.spec !== undefined && u.spec !== n.spec;
    const depsChanged = u.deps !== undefined && u.deps.join(",") !== n.deps.join(",");
    if (!specChanged && !depsChanged) continue;
    next[u.id] = {
      ...n,
      spec: u.spec ?? n.spec,
      deps: u.deps ? [...u.deps] : n.deps,
      // A failed node whose spec was repaired gets another chance.
      status: "pending",
      outcome: n.status === "failed" ? null : n.outcome,
    };
    changes++;
  }
  for (const a of rev.add) {
    if (dag[a.id]) {
      errors.push(`cannot add node "${a.id}": the id already exists`);
      continue;
    }
    next[a.id] = newSubTask(a);
    changes++;
  }
  // Dangling deps on removed nodes are errors, not silently dropped: the model must say what it means.
  errors.push(
    ...validateProposal(
      Object.values(next).map((n) => ({ id: n.id, spec: n.spec, deps: n.deps })),
      // A DAG accepted over the cap (see `sizeOnly`) may be revised as long as it does not grow.
      Math.max(maxNodes, Object.keys(dag).length),
    ),
  );
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, dag: next, changes };
}

/**
 * The diff that turns `before` into `after`, in the shape the `dag` reducer merges
 * (a node value to upsert, `null` to delete).
 */
export function dagDiff(before: Dag, after: Dag): DagUpdate {
  const out: DagUpdate = {};
  for (const id of Object.keys(before)) if (!after[id]) out[id] = null;
  for (const [id, n] of Object.entries(after)) {
    if (JSON.stringify(before[id]) !== JSON.stringify(n)) out[id] = n;
  }
  return out;
}

/** What the `dag` channel accepts: a node to upsert, or null to remove it. */
export type DagUpdate = Record<string, SubTask | null>;

export function dagFromProposal(nodes: ProposedNode[]): Dag {
  return Object.fromEntries(nodes.map((n) => [n.id, newSubTask(n)]));
}

/** The outcome of an expanded sub-task: its children's outcomes, in order. */
export function joinOutcome(dag: Dag, node: SubTask): string {
  return (node.children ?? []).map((id) => `${id}: ${dag[id]?.outcome ?? ""}`).join("\n");
}

/**
 * Completes every expanded sub-task whose children all completed (repeatedly, so a join of
 * joins completes too). Returns the new DAG and the nodes it completed.
 */
export function completeJoins(dag: Dag): { dag: Dag; joined: SubTask[] } {
  let current = dag;
  const joined: SubTask[] = [];
  for (;;) {
    const ready = Object.values(current).filter(
      (n) => n.children && n.status === "pending" && n.deps.every((d) => current[d]?.status === "completed"),
    );
    if (ready.length === 0) return { dag: current, joined };
    current = { ...current };
    for (const n of ready) {
      const done: SubTask = { ...n, status: "completed", outcome: joinOutcome(current, n) };
      current[n.id] = done;
      joined.push(done);
    }
  }
}

export type ExpansionResult = { ok: true; update: DagUpdate; children: string[] } | { ok: false; errors: string[] };

/**
 * Staged construction: replaces a coarse sub-task by children. Children ids are prefixed with
 * the parent's (`n3.a`), their deps may name only each other, and the roots inherit the
 * parent's prerequisites. The parent stays, waiting for all its children, so its dependants
 * need no edit.
 */
export function expandNode(
  dag: Dag,
  id: string,
  children: ProposedNode[],
  maxNodes: number,
  knownTools?: string[],
): ExpansionResult {
  const parent = dag[id];
  if (!parent) return { ok: false, errors: [`unknown sub-task "${id}"`] };
  const errors = validateProposal(children, maxNodes, knownTools);
  const prefixed = (c: string) => `${id}.${c}`;
  const added: SubTask[] = children.map((c) =>
    newSubTask({
      ...c,
      id: prefixed(c.id),
      deps: c.deps.length ? c.deps.map(prefixed) : [...parent.deps],
    }),
  );
  for (const a of added) {
    if (dag[a.id]) errors.push(`child id "${a.id}" already exists`);
    if (!ID_PATTERN.test(a.id)) errors.push(`child id "${a.id}" is too long with its parent's prefix`);
  }
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  const ids = added.map((a) => a.id);
  const waiting: SubTask = { ...parent, status: "pending", deps: [...parent.deps, ...ids], children: ids };
  delete waiting.expand;
  delete waiting.budget;
  const update: DagUpdate = { [id]: waiting };
  for (const a of added) update[a.id] = a;
  return { ok: true, update, children: ids };
}
