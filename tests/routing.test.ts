import { planDispatch, routeAfterEvaluation } from "../src/graph/routing.js";
import { turnCap } from "../src/nodes/stopRules.js";
import { dagFromProposal, type Dag } from "../src/state/dag.js";
import type { WorkerStateType } from "../src/state/state.js";

function independent(n: number): Dag {
  return dagFromProposal(Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}`, spec: "x", deps: [] })));
}
const base = { stepsUsed: 0, maxSteps: 50, round: 0, maxRounds: 20, maxStepsPerNode: 12, exclusive: false };

describe("planDispatch", () => {
  it("sends every ready node when the world is shared-safe", () => {
    const plan = planDispatch({ ...base, dag: independent(3) });
    expect(plan.kind === "dispatch" && plan.batch.map((b) => b.node.id)).toEqual(["n1", "n2", "n3"]);
  });
  it("sends one node at a time for an exclusive world", () => {
    const plan = planDispatch({ ...base, dag: independent(3), exclusive: true });
    expect(plan.kind === "dispatch" && plan.batch.map((b) => b.node.id)).toEqual(["n1"]);
  });
  it("splits the remaining budget so branches cannot overspend it together", () => {
    const plan = planDispatch({ ...base, dag: independent(3), stepsUsed: 40 });
    expect(plan.kind).toBe("dispatch");
    if (plan.kind === "dispatch") {
      expect(plan.batch.map((b) => b.stepBudget)).toEqual([3, 3, 3]);
      expect(plan.batch.reduce((s, b) => s + b.stepBudget, 0)).toBeLessThanOrEqual(10);
    }
  });
  it("dispatches no more nodes than steps remain", () => {
    const plan = planDispatch({ ...base, dag: independent(5), stepsUsed: 48 });
    expect(plan.kind === "dispatch" && plan.batch.map((b) => [b.node.id, b.stepBudget])).toEqual([
      ["n1", 1],
      ["n2", 1],
    ]);
  });
  it("caps a slice at the per-node cap", () => {
    const plan = planDispatch({ ...base, dag: independent(1), maxStepsPerNode: 5 });
    expect(plan.kind === "dispatch" && plan.batch[0].stepBudget).toBe(5);
  });
  it("delivers when the budget is spent, rounds run out, or nothing can run", () => {
    expect(planDispatch({ ...base, dag: independent(2), stepsUsed: 50 })).toEqual({
      kind: "deliver",
      reason: "budget",
    });
    expect(planDispatch({ ...base, dag: independent(2), round: 20 })).toEqual({ kind: "deliver", reason: "rounds" });
    const done = independent(1);
    done.n1.status = "completed";
    expect(planDispatch({ ...base, dag: done })).toEqual({ kind: "deliver", reason: "done" });
    const stuck = dagFromProposal([
      { id: "a", spec: "x", deps: [] },
      { id: "b", spec: "y", deps: ["a"] },
    ]);
    stuck.a.status = "failed";
    expect(planDispatch({ ...base, dag: stuck })).toEqual({ kind: "deliver", reason: "stuck" });
  });
});

describe("routeAfterEvaluation", () => {
  const state = (over: Partial<WorkerStateType>): WorkerStateType =>
    ({
      verdict: { status: "needs_more_steps", replan: false, guidance: null, outcome: null },
      stepsUsed: 1,
      replans: 0,
      turns: 1,
      scope: { runId: "r", env: null, taskId: null },
      limits: { stepBudget: 5, maxReplans: 2 },
      ...over,
    }) as WorkerStateType;

  it("continues with the executor while work remains", () => {
    expect(routeAfterEvaluation(state({}))).toBe("executor");
  });
  it("ends the branch on completed or failed", () => {
    expect(
      routeAfterEvaluation(state({ verdict: { status: "completed", replan: false, guidance: null, outcome: "x" } })),
    ).toBe("report");
    expect(
      routeAfterEvaluation(state({ verdict: { status: "failed", replan: false, guidance: null, outcome: null } })),
    ).toBe("report");
  });
  it("replans locally, up to the limit", () => {
    const v = { status: "needs_more_steps" as const, replan: true, guidance: "g", outcome: null };
    expect(routeAfterEvaluation(state({ verdict: v, replans: 1 }))).toBe("planner");
    expect(routeAfterEvaluation(state({ verdict: v, replans: 2 }))).toBe("report");
  });
  it("stops at the branch's step budget and turn cap", () => {
    expect(routeAfterEvaluation(state({ stepsUsed: 5 }))).toBe("report");
    expect(routeAfterEvaluation(state({ turns: turnCap({ stepBudget: 5, maxReplans: 2 }) }))).toBe("report");
  });
});
