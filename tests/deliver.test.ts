import { dagStatus } from "../src/nodes/shared/status.js";
import { dagFromProposal } from "../src/state/dag.js";

function dag(statuses: Record<string, "pending" | "completed" | "failed">, deps: Record<string, string[]> = {}) {
  const d = dagFromProposal(Object.keys(statuses).map((id) => ({ id, spec: id, deps: deps[id] ?? [] })));
  for (const [id, s] of Object.entries(statuses)) d[id].status = s;
  return d;
}

describe("dagStatus", () => {
  it("is completed when every sub-task completed", () => {
    expect(dagStatus(dag({ a: "completed", b: "completed" }), 50, 50)).toEqual({
      status: "completed",
      reason: null,
    });
  });
  it("is budget_exhausted when the budget is spent with work left", () => {
    const out = dagStatus(dag({ a: "completed", b: "pending" }), 50, 50);
    expect(out).toEqual({ status: "budget_exhausted", reason: "step budget of 50 spent; unfinished: b" });
  });
  it("names failed sub-tasks and the ones they block", () => {
    const out = dagStatus(
      dag({ a: "failed", b: "pending", c: "pending", d: "completed" }, { b: ["a"], c: ["b"] }),
      3,
      50,
    );
    expect(out).toEqual({ status: "failed", reason: "failed: a; blocked by them: b, c" });
  });
  it("an empty DAG is not a success", () => {
    expect(dagStatus({}, 0, 50).status).toBe("failed");
  });
});
