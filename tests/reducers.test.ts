import { dagFromProposal } from "../src/state/dag.js";
import { addUsage, append, mergeDag, sum, totalUsage } from "../src/state/reducers.js";

describe("mergeDag", () => {
  const dag = dagFromProposal([
    { id: "n1", spec: "a", deps: [] },
    { id: "n2", spec: "b", deps: ["n1"] },
  ]);

  it("upserts nodes and leaves the others alone", () => {
    const done = { ...dag.n1, status: "completed" as const, outcome: "x" };
    const out = mergeDag(dag, { n1: done });
    expect(out.n1).toBe(done);
    expect(out.n2).toBe(dag.n2);
    expect(dag.n1.status).toBe("pending");
  });
  it("deletes with null", () => {
    expect(Object.keys(mergeDag(dag, { n2: null }))).toEqual(["n1"]);
  });
  it("ignores any update to a completed node", () => {
    const done = mergeDag(dag, { n1: { ...dag.n1, status: "completed", outcome: "final" } });
    const after = mergeDag(done, { n1: { ...dag.n1, status: "failed", outcome: "overwritten" } });
    expect(after.n1.outcome).toBe("final");
    expect(mergeDag(done, { n1: null }).n1.status).toBe("completed");
  });
  it("merges updates from two parallel branches", () => {
    const a = mergeDag(dag, { n1: { ...dag.n1, status: "completed" } });
    const b = mergeDag(a, { n2: { ...dag.n2, status: "failed" } });
    expect([b.n1.status, b.n2.status]).toEqual(["completed", "failed"]);
  });
  it("treats undefined as no change", () => {
    expect(mergeDag(dag, undefined)).toBe(dag);
  });
});

describe("usage and counters", () => {
  it("sums usage per key", () => {
    const u = addUsage(
      { planner: { input: 10, output: 2, calls: 1 } },
      { planner: { input: 5, output: 1, calls: 1 }, executor: { input: 7, output: 3, calls: 1 } },
    );
    expect(u).toEqual({ planner: { input: 15, output: 3, calls: 2 }, executor: { input: 7, output: 3, calls: 1 } });
  });
  it("totals every role (the map holds roles only) and keeps failed attempts", () => {
    expect(
      totalUsage({
        planner: { input: 10, output: 1, calls: 1 },
        executor: { input: 5, output: 2, calls: 1, errors: 2 },
      }),
    ).toEqual({ input: 15, output: 3, calls: 2, errors: 2 });
  });
  it("sum and append", () => {
    expect(sum(3, 4)).toBe(7);
    expect(sum(3, undefined)).toBe(3);
    expect(append([1], 2)).toEqual([1, 2]);
    expect(append([1], [2, 3])).toEqual([1, 2, 3]);
  });
});
