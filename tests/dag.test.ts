import {
  applyRevision,
  blockedNodes,
  dagDiff,
  dagFromProposal,
  findCycle,
  isDagSettled,
  readyNodes,
  topologicalOrder,
  validateProposal,
  type Dag,
} from "../src/state/dag.js";

const p = (id: string, deps: string[] = [], spec = `do ${id}`) => ({ id, spec, deps });

function dagWith(
  statuses: Record<string, "pending" | "completed" | "failed">,
  deps: Record<string, string[]> = {},
): Dag {
  const dag = dagFromProposal(Object.keys(statuses).map((id) => p(id, deps[id] ?? [])));
  for (const [id, s] of Object.entries(statuses)) dag[id].status = s;
  return dag;
}

describe("validateProposal", () => {
  it("accepts a valid DAG", () => {
    expect(validateProposal([p("n1"), p("n2", ["n1"]), p("n3", ["n1", "n2"])])).toEqual([]);
  });
  it("rejects an empty DAG", () => {
    expect(validateProposal([])).toContain("the DAG has no nodes");
  });
  it("rejects duplicate ids", () => {
    expect(validateProposal([p("n1"), p("n1")]).join()).toMatch(/"n1" is used more than once/);
  });
  it("rejects unknown dependencies", () => {
    expect(validateProposal([p("n1", ["n9"])]).join()).toMatch(/depends on unknown node "n9"/);
  });
  it("rejects self-dependencies", () => {
    expect(validateProposal([p("n1", ["n1"])]).join()).toMatch(/depends on itself/);
  });
  it("rejects cycles and names them", () => {
    const errors = validateProposal([p("a", ["c"]), p("b", ["a"]), p("c", ["b"])]);
    expect(errors.join()).toMatch(/cycle: a -> c -> b -> a/);
  });
  it("bounds the size", () => {
    const nodes = Array.from({ length: 5 }, (_, i) => p(`n${i}`));
    expect(validateProposal(nodes, 4).join()).toMatch(/5 nodes; at most 4/);
    expect(validateProposal(nodes, 5)).toEqual([]);
  });
  it("rejects empty specs and odd ids", () => {
    expect(validateProposal([p("n1", [], "  ")]).join()).toMatch(/empty spec/);
    expect(validateProposal([p("has space")]).join()).toMatch(/not a short token/);
  });
});

describe("findCycle", () => {
  it("returns null for a DAG", () => {
    expect(findCycle([p("a"), p("b", ["a"])])).toBeNull();
  });
});

describe("readyNodes / blockedNodes / settled", () => {
  it("a node is ready when all its prerequisites completed", () => {
    const dag = dagWith({ n1: "completed", n2: "pending", n3: "pending" }, { n2: ["n1"], n3: ["n2"] });
    expect(readyNodes(dag).map((n) => n.id)).toEqual(["n2"]);
  });
  it("independent pending nodes are ready together, in id order", () => {
    const dag = dagWith({ n10: "pending", n2: "pending", n1: "pending" });
    expect(readyNodes(dag).map((n) => n.id)).toEqual(["n1", "n2", "n10"]);
  });
  it("a failed prerequisite blocks its dependants transitively", () => {
    const dag = dagWith({ n1: "failed", n2: "pending", n3: "pending", n4: "pending" }, { n2: ["n1"], n3: ["n2"] });
    expect(
      blockedNodes(dag)
        .map((n) => n.id)
        .sort(),
    ).toEqual(["n2", "n3"]);
    expect(readyNodes(dag).map((n) => n.id)).toEqual(["n4"]);
    expect(isDagSettled(dag)).toBe(false);
    dag.n4.status = "completed";
    expect(isDagSettled(dag)).toBe(true);
  });
  it("orders topologically", () => {
    const dag = dagWith({ c: "pending", b: "pending", a: "pending" }, { c: ["b"], b: ["a"] });
    expect(topologicalOrder(dag).map((n) => n.id)).toEqual(["a", "b", "c"]);
  });
});

describe("applyRevision", () => {
  const base = () => dagWith({ n1: "completed", n2: "failed", n3: "pending" }, { n3: ["n1", "n2"] });

  it("never changes a completed node", () => {
    const r = applyRevision(base(), { update: [{ id: "n1", spec: "something else" }], add: [], remove: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/cannot change completed node "n1"/);
  });
  it("never removes a completed node", () => {
    const r = applyRevision(base(), { update: [], add: [], remove: ["n1"] });
    expect(r.ok).toBe(false);
  });
  it("rejects a revision that adds a cycle", () => {
    const r = applyRevision(base(), { update: [{ id: "n2", deps: ["n3"] }], add: [], remove: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/cycle/);
  });
  it("rejects removing a node others still depend on", () => {
    const r = applyRevision(base(), { update: [], add: [], remove: ["n2"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/depends on unknown node "n2"/);
  });
  it("rewrites a failed node's spec and makes it pending again", () => {
    const before = base();
    const r = applyRevision(before, { update: [{ id: "n2", spec: "try another way" }], add: [], remove: [] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.dag.n2).toMatchObject({ spec: "try another way", status: "pending", outcome: null });
      expect(r.changes).toBe(1);
      expect(before.n2.status).toBe("failed"); // input not mutated
    }
  });
  it("adds nodes and removes unfinished ones", () => {
    const r = applyRevision(base(), {
      update: [{ id: "n3", deps: ["n1", "n4"] }],
      add: [p("n4", ["n1"])],
      remove: ["n2"],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.dag).sort()).toEqual(["n1", "n3", "n4"]);
      expect(r.dag.n4.status).toBe("pending");
    }
  });
  it("rejects adding an existing id and respects the size bound", () => {
    expect(applyRevision(base(), { update: [], add: [p("n1")], remove: [] }).ok).toBe(false);
    expect(applyRevision(base(), { update: [], add: [p("n4")], remove: [] }, 3).ok).toBe(false);
  });
  it("an empty revision changes nothing", () => {
    const r = applyRevision(base(), { update: [], add: [], remove: [] });
    expect(r.ok && r.changes).toBe(0);
  });
});

describe("dagDiff", () => {
  it("lists upserts and deletions only", () => {
    const a = dagWith({ n1: "completed", n2: "pending" });
    const b = dagWith({ n1: "completed", n3: "pending" });
    b.n1 = a.n1;
    expect(dagDiff(a, b)).toEqual({ n2: null, n3: b.n3 });
  });
});

describe("long-horizon rules", () => {
  it("dagDepth is the longest dependency chain; roundLimit follows it", async () => {
    const { dagDepth } = await import("../src/state/dag.js");
    const { roundLimit } = await import("../src/graph/limits.js");
    const chain = dagFromProposal(
      Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, spec: "x", deps: i ? [`c${i - 1}`] : [] })),
    );
    expect(dagDepth(chain)).toBe(30);
    expect(dagDepth(dagFromProposal([{ id: "a", spec: "x", deps: [] }]))).toBe(1);
    expect(dagDepth({})).toBe(0);
    expect(roundLimit(20, chain)).toBe(35);
    expect(roundLimit(20, dagFromProposal([{ id: "a", spec: "x", deps: [] }]))).toBe(20);
    // Dependency schedule: a round is one revision; a wide DAG of 40 may need one per sub-task.
    const wide = dagFromProposal(Array.from({ length: 40 }, (_, i) => ({ id: `w${i}`, spec: "x", deps: [] })));
    expect(roundLimit(20, wide, "batch")).toBe(20);
    expect(roundLimit(20, wide, "dependency")).toBe(40);
  });
  it("sizeOnly tells an over-cap but sound plan from a broken one", async () => {
    const { sizeOnly } = await import("../src/state/dag.js");
    const nodes = Array.from({ length: 25 }, (_, i) => ({ id: `n${i}`, spec: "x", deps: [] }));
    expect(sizeOnly(validateProposal(nodes, 20))).toBe(true);
    expect(sizeOnly(validateProposal([...nodes, { id: "n0", spec: "dup", deps: [] }], 20))).toBe(false);
    expect(sizeOnly(validateProposal(nodes.slice(0, 3), 20))).toBe(false);
  });
});
