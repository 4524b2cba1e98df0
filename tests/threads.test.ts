/**
 * Thread semantics, as Studio uses them: a new input on a thread whose run ended starts a new
 * run (fresh DAG, counters, log and answer); a null input or a resume `Command` continues an
 * interrupted run.
 */
import { Command, MemorySaver } from "@langchain/langgraph";
import { createTdpGraph } from "../src/graph/tdp.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { ensureConfiguration } from "../src/configuration.js";
import { getEnvironment } from "../src/tools/registry.js";

const config = (thread: string, extra: Record<string, unknown> = {}) => {
  const configurable = { thread_id: thread, model: "offline", ...extra };
  return { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) };
};

describe("a re-used thread", () => {
  it("runs two different tasks in turn, each with its own task, DAG, counters and answer", async () => {
    const graph = createTdpGraph({}, { checkpointer: new MemorySaver() });
    const travel = await getEnvironment("travel");
    const first = await graph.invoke({ env: "travel", taskId: "travel-easy-001" }, config("t1"));
    const second = await graph.invoke({ env: "travel", taskId: "travel-easy-002" }, config("t1"));
    const alone = await createTdpGraph().invoke({ env: "travel", taskId: "travel-easy-002" }, config("t2"));

    expect(first.status).toBe("completed");
    expect(second.status).toBe("completed");
    expect(second.taskId).toBe("travel-easy-002");
    expect(second.task).toBe(travel.task("travel-easy-002").query);
    const specs = (dag: typeof second.dag) =>
      Object.values(dag)
        .map((n) => n.spec)
        .sort();
    expect(specs(second.dag)).toEqual(
      travel
        .reference("travel-easy-002")
        .subtasks.map((s) => s.spec)
        .sort(),
    );
    // Nothing carried over: the same numbers as the task run on a thread of its own.
    expect(second.stepsUsed).toBe(alone.stepsUsed);
    expect(second.round).toBe(alone.round);
    expect(second.usage).toEqual(alone.usage);
    expect(second.revisions).toEqual(alone.revisions);
    expect(second.answer).toBe(alone.answer);
    expect(second.scores).toEqual(alone.scores);
  });

  it("a new input on a run paused for approval starts over; a Command resumes a pause", async () => {
    const graph = createTdpGraph({}, { checkpointer: new MemorySaver() });
    const paused = await graph.invoke({ env: "wiki", taskId: "wiki-bridge-001" }, config("t3", { approvePlan: true }));
    expect((paused as { __interrupt__?: unknown[] }).__interrupt__?.length).toBe(1);
    // The user submits another task instead of answering the pause.
    const next = await graph.invoke({ env: "travel", taskId: "travel-easy-001" }, config("t3", { approvePlan: true }));
    expect((next as { __interrupt__?: unknown[] }).__interrupt__?.length).toBe(1);
    expect(next.taskId).toBe("travel-easy-001");
    const resumed = await graph.invoke(new Command({ resume: { approve: true } }), config("t3", { approvePlan: true }));
    expect(resumed.status).toBe("completed");
    expect(resumed.taskId).toBe("travel-easy-001");
    expect(resumed.scores?.final_pass).toBe(1);
    // One construction and one approval: nothing of the abandoned wiki run is in the log.
    expect(resumed.revisions.filter((r) => r.stage !== "revise").map((r) => r.stage)).toEqual(["construct", "approve"]);
    expect(Object.keys(resumed.dag)).toEqual(
      (await getEnvironment("travel")).reference("travel-easy-001").subtasks.map((s) => s.id),
    );
  });
});
