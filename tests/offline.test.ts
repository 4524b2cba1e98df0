import { renderOutcomesData, renderStepsData } from "../src/prompts/render.js";
import { dagFromProposal, type SubTaskStatus } from "../src/state/dag.js";
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { actionKey, actionsInConversation, corruptAction, createOfflineModel } from "../src/models/offline.js";
import type { ReferenceSolution } from "../src/tools/types.js";

const REF: ReferenceSolution = {
  subtasks: [
    {
      id: "n1",
      spec: "find flights",
      deps: [],
      actions: [
        { tool: "FlightSearch", args: { departure_city: "Boston", destination_city: "Denver", date: "2022-03-01" } },
      ],
    },
    {
      id: "n2",
      spec: "find hotel",
      deps: ["n1"],
      actions: [{ tool: "AccommodationSearch", args: { city: "Denver" } }],
    },
  ],
  answer: "PLAN",
};
const tools = ["FlightSearch", "AccommodationSearch"].map((name) => ({
  type: "function" as const,
  function: { name, description: name, parameters: { type: "object", properties: {} } },
}));

describe("offline simulator", () => {
  it("compares actions independently of argument order", () => {
    expect(actionKey("T", { b: 1, a: 2 })).toBe(actionKey("T", { a: 2, b: 1 }));
  });

  it("mangles one word of a string argument", () => {
    const bad = corruptAction({ tool: "act", args: { action: "open door to kitchen" } }, 0.99);
    expect(bad.args.action).not.toBe("open door to kitchen");
    expect(String(bad.args.action).split(" ")).toHaveLength(4);
    expect(corruptAction({ tool: "T", args: { n: 3 } }, 0.5)).toEqual({ tool: "T", args: { n: 3 } });
  });

  it("reads past actions from tool calls and from steps data blocks", () => {
    const msgs = [
      new AIMessage({
        content: "",
        tool_calls: [{ id: "c1", name: "FlightSearch", args: { a: 1 }, type: "tool_call" }],
      }),
      new ToolMessage({ tool_call_id: "c1", content: "F1 $100" }),
      new HumanMessage(
        `Steps so far:\n${renderStepsData([{ action: { id: "x", tool: "AccommodationSearch", args: { city: "Denver" } }, observation: "Hotel X" }])}`,
      ),
    ];
    expect(actionsInConversation(msgs)).toEqual([
      { key: actionKey("FlightSearch", { a: 1 }), observation: "F1 $100" },
      { key: actionKey("AccommodationSearch", { city: "Denver" }), observation: "Hotel X" },
    ]);
  });

  it("plays the executor of one sub-task from its reference actions", async () => {
    const model = createOfflineModel(REF);
    const reply = await model
      .bindTools(tools)
      .invoke([new SystemMessage("Act.")], { metadata: { role: "executor", node_id: "n2" } });
    expect(reply.tool_calls?.[0]).toMatchObject({ name: "AccommodationSearch", args: { city: "Denver" } });
    expect(reply.usage_metadata?.input_tokens).toBeGreaterThan(5);
  });

  it("plays a single-history agent over the whole task, skipping what was done", async () => {
    const model = createOfflineModel(REF);
    const done = new AIMessage({
      content: "",
      tool_calls: [{ id: "c1", name: "FlightSearch", args: REF.subtasks[0].actions[0].args, type: "tool_call" }],
    });
    const reply = await model
      .bindTools(tools)
      .invoke([new HumanMessage("task"), done, new ToolMessage({ tool_call_id: "c1", content: "ok" })]);
    expect(reply.tool_calls?.[0].name).toBe("AccommodationSearch");
  });

  it("with noise 1 corrupts arguments and proposes a cyclic DAG first", async () => {
    const model = createOfflineModel(REF, { noise: 1 });
    const act = await model
      .bindTools(tools)
      .invoke([new SystemMessage("Act.")], { metadata: { role: "executor", node_id: "n2" } });
    expect(act.tool_calls?.[0].args).not.toEqual({ city: "Denver" });
    const { z } = await import("zod");
    const schema = z.object({
      nodes: z.array(z.object({ id: z.string(), spec: z.string(), deps: z.array(z.string()) })),
    });
    const dag = await model.withStructuredOutput(schema, { name: "construct_dag" }).invoke([new HumanMessage("task")]);
    expect(dag.nodes[0].deps).toContain("n2");
  });

  it("only delivers the full answer when every sub-task completed", async () => {
    const { z } = await import("zod");
    const model = createOfflineModel(REF).withStructuredOutput(z.object({ answer: z.string() }), {
      name: "deliver_answer",
    });
    const node = (id: string, status: SubTaskStatus) => ({
      ...dagFromProposal([{ id, spec: id, deps: [] }])[id],
      status,
    });
    const outcomes = (second: SubTaskStatus) =>
      new HumanMessage(renderOutcomesData({ n1: node("n1", "completed"), n2: node("n2", second) }));
    expect((await model.invoke([outcomes("completed")])).answer).toBe("PLAN");
    expect((await model.invoke([outcomes("failed")])).answer).toBe("");
  });
});
