/**
 * Unit tests of the scheduling rules (src/nodes/schedule.ts) and the branch routing
 * (src/graph/branch.ts): pure functions, no graph.
 */
import { nextRole } from "../src/graph/branch.js";
import { committedSteps, decideDispatch, type ScheduleLimits, type ScheduleView } from "../src/nodes/schedule.js";
import { revisionScope } from "../src/nodes/selfRevision.js";
import { needsEvaluation, turnCap } from "../src/nodes/stopRules.js";
import { dagFromProposal, type Dag, type ProposedNode } from "../src/state/dag.js";
import type { WorkerStateType } from "../src/state/state.js";

function dagOf(nodes: ProposedNode[], status: Record<string, "running" | "completed" | "failed"> = {}): Dag {
  const dag = dagFromProposal(nodes);
  for (const [id, s] of Object.entries(status)) dag[id].status = s;
  return dag;
}
function independent(n: number): Dag {
  return dagOf(Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}`, spec: "x", deps: [] })));
}
const SKEWED: ProposedNode[] = [
  { id: "A", spec: "a", deps: [] },
  { id: "B", spec: "b", deps: [] },
  { id: "C", spec: "c", deps: ["A"] },
  { id: "D", spec: "d", deps: ["B", "C"] },
];
const view = (dag: Dag, over: Partial<ScheduleView> = {}): ScheduleView => ({
  dag,
  round: 0,
  revisedRound: 0,
  reviewQueue: [],
  revising: false,
  lastRevision: null,
  ...over,
});
const dep: ScheduleLimits = {
  schedule: "dependency",
  maxSteps: 50,
  maxStepsPerNode: 12,
  maxRounds: 20,
  exclusive: false,
};
const batch: ScheduleLimits = { ...dep, schedule: "batch" };
const ids = (d: ReturnType<typeof decideDispatch>) => d.starts.map((s) => s.node.id);

describe("decideDispatch, dependency schedule", () => {
  it("starts a dependant as soon as its own prerequisites completed, while an unrelated branch runs", () => {
    const dag = dagOf(SKEWED, { A: "completed", B: "running" });
    dag.B.budget = 6;
    const d = decideDispatch(view(dag), dep);
    expect(ids(d)).toEqual(["C"]);
    expect(d.deliver).toBe(false);
  });
  it("starts nothing for a node whose prerequisites are not all completed", () => {
    const d = decideDispatch(view(dagOf(SKEWED, { A: "completed", B: "running", C: "completed" })), dep);
    expect(ids(d)).toEqual([]);
    expect(d.deliver).toBe(false); // B still runs: wait for it
  });
  it("never grants more than what is left after the slices of running branches", () => {
    const dag = dagOf(SKEWED, { A: "completed", B: "running" });
    dag.A.stepsUsed = 5;
    dag.B.budget = 40;
    const d = decideDispatch(view(dag), dep);
    expect(d.starts.map((s) => s.stepBudget)).toEqual([5]);
    dag.B.budget = 45;
    expect(ids(decideDispatch(view(dag), dep))).toEqual([]);
  });
  it("committed steps count every attempt's steps plus running slices", () => {
    const dag = dagOf(SKEWED, { A: "completed", B: "running" });
    dag.A.stepsUsed = 3;
    dag.B.stepsUsed = 2; // an earlier attempt
    dag.B.budget = 7;
    expect(committedSteps(dag)).toBe(12);
  });
  it("runs one sub-task at a time for an exclusive environment", () => {
    expect(ids(decideDispatch(view(independent(3)), { ...dep, exclusive: true }))).toEqual(["n1"]);
    const running = independent(3);
    running.n1.status = "running";
    expect(ids(decideDispatch(view(running), { ...dep, exclusive: true }))).toEqual([]);
  });
  it("revises a queued sub-task (an outcome that changes downstream work) and holds only its dependants", () => {
    const dag = dagOf(
      [
        { id: "a", spec: "a", deps: [] },
        { id: "b", spec: "b", deps: ["a"] },
        { id: "c", spec: "c", deps: [] },
      ],
      { a: "completed" },
    );
    const d = decideDispatch(view(dag, { reviewQueue: ["a"] }), dep);
    expect(d.revise).toBe(true);
    expect(d.round).toBe(1);
    expect(ids(d)).toEqual(["c"]); // b waits for the revision of a's outcome, c does not
  });
  it("does not start a second revision while one is in flight", () => {
    const d = decideDispatch(view(independent(1), { reviewQueue: ["n1"], revising: true }), dep);
    expect(d.revise).toBe(false);
    expect(d.deliver).toBe(false);
  });
  it("drops the queue once the round limit is reached", () => {
    const dag = dagOf(SKEWED, { A: "failed" });
    const d = decideDispatch(view(dag, { reviewQueue: ["A"], round: 20 }), dep);
    expect(d.revise).toBe(false);
    expect(d.dropQueue).toEqual(["A"]);
    expect(ids(d)).toEqual(["B"]);
  });
  it("revises once when nothing can run but work is left, then delivers", () => {
    const dag = dagOf(SKEWED, { A: "failed", B: "completed" });
    const first = decideDispatch(view(dag), dep);
    expect(first.revise).toBe(true);
    const idle = {
      round: 1,
      stage: "revise" as const,
      trigger: "stuck" as const,
      accepted: true,
      changes: 0,
      errors: [],
    };
    const second = decideDispatch(view(dag, { round: 1, lastRevision: idle }), dep);
    expect(second.revise).toBe(false);
    expect(second.deliver).toBe(true);
  });
  it("delivers when everything completed or the budget is spent", () => {
    const done = independent(1);
    done.n1.status = "completed";
    expect(decideDispatch(view(done), dep).deliver).toBe(true);
    const spent = independent(2);
    spent.n1.stepsUsed = 50;
    spent.n1.status = "failed";
    const d = decideDispatch(view(spent), dep);
    expect(ids(d)).toEqual([]);
    expect(d.deliver).toBe(true);
  });
  it("sends a sub-task marked for expansion without a step slice", () => {
    const dag = independent(2);
    dag.n1.expand = true;
    const d = decideDispatch(view(dag), dep);
    expect(d.starts.map((s) => [s.node.id, s.stepBudget])).toEqual([
      ["n1", 0],
      ["n2", 12],
    ]);
  });
});

describe("decideDispatch, batch schedule (the paper's)", () => {
  it("waits for the whole batch before anything else starts", () => {
    const d = decideDispatch(view(dagOf(SKEWED, { A: "completed", B: "running" }), { round: 1 }), batch);
    expect(ids(d)).toEqual([]);
    expect(d.revise).toBe(false);
  });
  it("revises the whole DAG after each batch, then dispatches the next one", () => {
    const dag = dagOf(SKEWED, { A: "completed", B: "completed" });
    expect(decideDispatch(view(dag, { round: 1, revisedRound: 0 }), batch).revise).toBe(true);
    const next = decideDispatch(view(dag, { round: 1, revisedRound: 1 }), batch);
    expect(ids(next)).toEqual(["C"]);
    expect(next.round).toBe(2);
  });
  it("splits the remaining budget over the batch and stops at the round limit", () => {
    const dag = independent(3);
    dag.n1.stepsUsed = 0;
    const tight = decideDispatch(view(dag), { ...batch, maxSteps: 10 });
    expect(tight.starts.map((s) => s.stepBudget)).toEqual([3, 3, 3]);
    expect(decideDispatch(view(independent(2), { round: 20, revisedRound: 20 }), batch).deliver).toBe(true);
  });
});

describe("revisionScope: what an event-driven revision may change", () => {
  // a -> b -> c -> d, and x unrelated.
  const chain: ProposedNode[] = [
    { id: "a", spec: "a", deps: [] },
    { id: "b", spec: "b", deps: ["a"] },
    { id: "c", spec: "c", deps: ["b"] },
    { id: "d", spec: "d", deps: ["c"] },
    { id: "x", spec: "x", deps: [] },
  ];

  it("a failure: the failed sub-task and its direct dependants, not the rest of the chain (O(affected), not O(depth))", () => {
    const r = revisionScope({ dag: dagOf(chain, { a: "failed" }), reviewQueue: ["a"] }, "dependency");
    expect(r.trigger).toBe("failed");
    expect(r.scope).toEqual(["a"]);
    expect([...(r.editable ?? [])].sort()).toEqual(["a", "b"]);
  });

  it("a completed outcome that changes downstream work: only its unfinished dependants may change", () => {
    const r = revisionScope({ dag: dagOf(chain, { a: "completed", x: "running" }), reviewQueue: ["a"] }, "dependency");
    expect(r.trigger).toBe("downstream");
    expect([...(r.editable ?? [])]).toEqual(["b"]);
  });

  it("nothing queued but work left: the stuck sub-tasks; batch: the whole DAG", () => {
    const dag = dagOf(chain, { a: "completed", b: "failed", x: "completed" });
    expect(revisionScope({ dag, reviewQueue: [] }, "dependency")).toMatchObject({ trigger: "stuck" });
    expect([...(revisionScope({ dag, reviewQueue: [] }, "dependency").editable ?? [])].sort()).toEqual(["b", "c", "d"]);
    expect(revisionScope({ dag, reviewQueue: ["b"] }, "batch")).toEqual({
      trigger: "batch",
      scope: [],
      editable: null,
    });
  });
});

describe("branch routing", () => {
  const branch = (over: Partial<WorkerStateType>): WorkerStateType =>
    ({
      verdict: { status: "needs_more_steps", replan: false, guidance: null, outcome: null },
      stepsUsed: 1,
      replans: 0,
      turns: 1,
      claimed: false,
      fault: null,
      trace: [{ action: { id: "1", tool: "t", args: {} }, observation: "ok" }],
      scope: { runId: "r", env: null, taskId: null },
      limits: { stepBudget: 5, maxReplans: 2 },
      ...over,
    }) as WorkerStateType;
  const every = { evaluate: "every_step" as const };
  const signal = { evaluate: "on_signal" as const };

  it("continues with the executor while work remains, ends on completed or failed", () => {
    expect(nextRole("evaluator", branch({}), every)).toBe("executor");
    const done = { status: "completed" as const, replan: false, guidance: null, outcome: "x" };
    expect(nextRole("evaluator", branch({ verdict: done }), every)).toBe("end");
    const failed = { status: "failed" as const, replan: false, guidance: null, outcome: null };
    expect(nextRole("evaluator", branch({ verdict: failed }), every)).toBe("end");
  });
  it("replans locally, up to the limit, and stops at the step budget and turn cap", () => {
    const v = { status: "needs_more_steps" as const, replan: true, guidance: "g", outcome: null };
    expect(nextRole("evaluator", branch({ verdict: v, replans: 1 }), every)).toBe("planner");
    expect(nextRole("evaluator", branch({ verdict: v, replans: 2 }), every)).toBe("end");
    expect(nextRole("evaluator", branch({ stepsUsed: 5 }), every)).toBe("end");
    expect(nextRole("evaluator", branch({ turns: turnCap({ stepBudget: 5, maxReplans: 2 }) }), every)).toBe("end");
  });
  it("ends the branch on a model fault in the planner or executor", () => {
    expect(nextRole("planner", branch({ fault: "boom" }), every)).toBe("end");
    expect(nextRole("executor", branch({ fault: "boom" }), every)).toBe("end");
    expect(nextRole("executor", branch({}), every)).toBe("act");
  });
  it("every_step: the Evaluator judges every step", () => {
    expect(nextRole("act", branch({}), every)).toBe("evaluator");
  });
  it("on_signal: the Evaluator is called on a claim, a failed call, no action or the budget; else the executor goes on", () => {
    expect(nextRole("act", branch({}), signal)).toBe("executor");
    expect(needsEvaluation(branch({ claimed: true }))).toBe(true);
    expect(
      needsEvaluation(branch({ trace: [{ action: { id: "1", tool: "t", args: {} }, observation: "Error: x" }] })),
    ).toBe(true);
    expect(needsEvaluation(branch({ trace: [{ action: null, observation: "No tool was called." }] }))).toBe(true);
    expect(needsEvaluation(branch({ stepsUsed: 5 }))).toBe(true);
    expect(needsEvaluation(branch({ turns: turnCap({ stepBudget: 5, maxReplans: 2 }) }))).toBe(true);
  });
});
