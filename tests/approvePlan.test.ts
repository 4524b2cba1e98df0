/**
 * Plan approval (human in the loop) on the real TDP graph with a MemorySaver: the run pauses
 * right after the Supervisor with the DAG, resumes on approval, applies a valid edit, and
 * pauses again with the validation errors on an invalid one.
 */
import { Command, MemorySaver } from "@langchain/langgraph";
import { ensureConfiguration } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { judgeAnswer, type PlanApprovalRequest } from "../src/nodes/approvePlan.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { createToyEnv, type ToyEnvironment } from "./helpers/toyEnv.js";
import type { RevisionRecord } from "../src/state/state.js";

let env: ToyEnvironment;
beforeAll(() => {
  env = createToyEnv({ name: "toy-approve" });
  registerEnvironment(env);
});

function setup(approvePlan = true) {
  const graph = createTdpGraph({}, { checkpointer: new MemorySaver() });
  const thread = `t-${Math.random().toString(36).slice(2)}`;
  const config = {
    configurable: { thread_id: thread, approvePlan },
    recursionLimit: tdpRecursionLimit(ensureConfiguration()),
  };
  return { graph, config };
}

type Out = {
  __interrupt__?: { value: PlanApprovalRequest }[];
  status: string;
  answer: string | null;
  dag: Record<string, { spec: string; status: string }>;
  revisions: RevisionRecord[];
};

describe("judgeAnswer", () => {
  it("accepts an approval", () => {
    expect(judgeAnswer({ approve: true }, 12)).toEqual({ kind: "approved" });
  });

  it("accepts a valid edited DAG, filling missing deps with []", () => {
    expect(
      judgeAnswer(
        {
          dag: [
            { id: "a", spec: "do a" },
            { id: "b", spec: "do b", deps: ["a"] },
          ],
        },
        12,
      ),
    ).toEqual({
      kind: "edited",
      nodes: [
        { id: "a", spec: "do a", deps: [] },
        { id: "b", spec: "do b", deps: ["a"] },
      ],
    });
  });

  it("rejects an invalid DAG with the same errors a model's proposal gets", () => {
    const cyclic = judgeAnswer(
      {
        dag: [
          { id: "a", spec: "x", deps: ["b"] },
          { id: "b", spec: "y", deps: ["a"] },
        ],
      },
      12,
    );
    expect(cyclic.kind).toBe("invalid");
    expect(cyclic.kind === "invalid" && cyclic.errors.join(" ")).toMatch(/cycle/);
    const unknown = judgeAnswer({ dag: [{ id: "a", spec: "x", deps: ["zz"] }] }, 12);
    expect(unknown.kind === "invalid" && unknown.errors).toEqual(['node "a" depends on unknown node "zz"']);
    const tooBig = judgeAnswer(
      {
        dag: [
          { id: "a", spec: "x" },
          { id: "b", spec: "y" },
        ],
      },
      1,
    );
    expect(tooBig.kind === "invalid" && tooBig.errors.join(" ")).toMatch(/at most 1/);
    expect(judgeAnswer({ dag: [] }, 12)).toEqual({ kind: "invalid", errors: ["the DAG has no nodes"] });
  });

  it("rejects answers of the wrong shape", () => {
    for (const bad of [{ approve: false }, { dag: "n1" }, "yes", null, { approve: true, dag: [] }]) {
      const j = judgeAnswer(bad, 12);
      expect(j.kind).toBe("invalid");
      expect(j.kind === "invalid" && j.errors[0]).toMatch(/expected \{ "approve": true \} or \{ "dag": \[\.\.\.\] \}/);
    }
  });
});

describe("plan approval in the TDP graph", () => {
  it("does not pause unless approvePlan is set", async () => {
    const { graph, config } = setup(false);
    const out = (await graph.invoke({ env: env.name, taskId: "toy-1" }, config)) as unknown as Out;
    expect(out.__interrupt__).toBeUndefined();
    expect(out.status).toBe("completed");
  });

  it("pauses after construction with the DAG and runs it once approved", async () => {
    const { graph, config } = setup();
    const lookupsBefore = env.log.length;
    const paused = (await graph.invoke({ env: env.name, taskId: "toy-1" }, config)) as unknown as Out;
    const request = paused.__interrupt__?.[0].value;
    expect(request?.kind).toBe("approve_plan");
    expect(request?.dag.map((n) => n.id)).toEqual(["n1", "n2", "n3"]);
    expect(request?.dag[2].deps).toEqual(["n1", "n2"]);
    expect(request?.errors).toEqual([]);
    // Nothing ran before the approval.
    expect(env.log.length).toBe(lookupsBefore);
    const state = await graph.getState(config);
    expect(state.next).toEqual(["approvePlan"]);

    const out = (await graph.invoke(new Command({ resume: { approve: true } }), config)) as unknown as Out;
    expect(out.__interrupt__).toBeUndefined();
    expect(out.status).toBe("completed");
    expect(out.answer).toBe("ALPHA-7731+BETA-4410");
    expect(out.revisions.find((r) => r.stage === "approve")).toMatchObject({ accepted: true, changes: 0, errors: [] });
  });

  it("re-pauses on an invalid edit showing the errors, then runs a valid edit (a node removed, a spec reworded)", async () => {
    const { graph, config } = setup();
    const first = ((await graph.invoke({ env: env.name, taskId: "toy-1" }, config)) as unknown as Out).__interrupt__![0]
      .value;

    const invalid = (await graph.invoke(
      new Command({ resume: { dag: [{ id: "n1", spec: "x", deps: ["n9"] }] } }),
      config,
    )) as unknown as Out;
    const second = invalid.__interrupt__?.[0].value;
    expect(second?.errors).toEqual(['node "n1" depends on unknown node "n9"']);
    expect(second?.dag).toEqual(first.dag);

    const lookupsBefore = env.log.length;
    const edited = [
      { id: "n1", spec: `${first.dag[0].spec} (checked by a reviewer)`, deps: [] },
      { id: "n3", spec: first.dag[2].spec, deps: ["n1"] },
    ];
    const out = (await graph.invoke(new Command({ resume: { dag: edited } }), config)) as unknown as Out;
    expect(out.__interrupt__).toBeUndefined();
    expect(Object.keys(out.dag).sort()).toEqual(["n1", "n3"]);
    expect(out.dag.n1.spec).toMatch(/checked by a reviewer/);
    expect(Object.values(out.dag).every((n) => n.status === "completed")).toBe(true);
    // Only the approved DAG ran: n2's lookup of beta never happened.
    expect(env.log.slice(lookupsBefore).map((l) => l.key)).toEqual(["alpha"]);
    const approval = out.revisions.find((r) => r.stage === "approve");
    expect(approval?.changes).toBe(3); // n2 removed, n1 reworded, n3's deps changed
    expect(approval?.errors).toEqual(['node "n1" depends on unknown node "n9"']);
  });
});
