/**
 * `createTdpAgent`: the library entry point. Caller tools on a free-form task (like
 * `createReactAgent({ llm, tools })`), and the bundled wiki and science environments with the
 * offline simulator passed in as the model.
 */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { createTdpAgent } from "../src/agent.js";
import { createOfflineModel } from "../src/models/offline.js";
import { getEnvironment } from "../src/tools/registry.js";
import { scriptedModel, toolCall, toolCalls } from "./helpers/scripted.js";

describe("createTdpAgent", () => {
  it("runs a free-form task with the caller's own tools", async () => {
    const calls: string[] = [];
    const weather = tool(
      async ({ city }) => {
        calls.push(city);
        return city === "Oslo" ? "Oslo: 4°C, rain" : "Lima: 22°C, sun";
      },
      {
        name: "weather",
        description: "Current weather for a city",
        schema: z.object({ city: z.string().describe("City name") }),
      },
    );
    const llm = scriptedModel((ctx) => {
      switch (ctx.role) {
        case "construct_dag":
          return toolCall("construct_dag", {
            nodes: [
              { id: "oslo", spec: "Get the weather in Oslo.", deps: [] },
              { id: "lima", spec: "Get the weather in Lima.", deps: [] },
            ],
          });
        case "write_plan":
          return toolCall("write_plan", { steps: ["call weather"] });
        case "act":
          // One step each: the call claims completion (evaluate: on_signal, the default).
          return toolCalls(["weather", { city: ctx.nodeId === "oslo" ? "Oslo" : "Lima" }], ["finish_sub_task", {}]);
        case "evaluate_step":
          return toolCall("evaluate_step", {
            status: "completed",
            replan: false,
            guidance: null,
            outcome: ctx.nodeId === "oslo" ? "Oslo 4°C rain" : "Lima 22°C sun",
          });
        case "revise_dag":
          return toolCall("revise_dag", { update: [], add: [], remove: [] });
        case "deliver_answer":
          return toolCall("deliver_answer", { answer: ctx.text.includes("Lima 22°C sun") ? "Go to Lima." : "unknown" });
        default:
          throw new Error(`unexpected ${ctx.role}`);
      }
    });
    const agent = createTdpAgent({ llm, tools: [weather], maxSteps: 5 });
    const out = await agent.invoke(
      { task: "Compare the weather in Oslo and Lima and say where to go." },
      { recursionLimit: 100 },
    );
    expect([out.status, out.reason]).toEqual(["completed", null]);
    expect(out.answer).toBe("Go to Lima.");
    expect(calls.sort()).toEqual(["Lima", "Oslo"]);
    expect(out.scores).toBeNull(); // no bundled environment, nothing to score against
    // The deliver prompt carries the caller's delivery format default and both outcomes.
    const deliver = llm.log.find((c) => c.role === "deliver_answer");
    expect(deliver?.text).toContain("Oslo 4°C rain");
  });

  it("caps caller-tool runs at maxSteps", async () => {
    let n = 0;
    const ping = tool(async () => `pong ${++n}`, { name: "ping", description: "ping", schema: z.object({}) });
    const llm = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag")
        return toolCall("construct_dag", { nodes: [{ id: "a", spec: "ping forever", deps: [] }] });
      if (ctx.role === "write_plan") return toolCall("write_plan", { steps: ["ping"] });
      if (ctx.role === "act") return toolCall("ping", {});
      if (ctx.role === "evaluate_step")
        return toolCall("evaluate_step", { status: "needs_more_steps", replan: false, guidance: null, outcome: null });
      if (ctx.role === "revise_dag") return toolCall("revise_dag", { update: [], add: [], remove: [] });
      return toolCall("deliver_answer", { answer: "gave up" });
    });
    const out = await createTdpAgent({ llm, tools: [ping], maxSteps: 3 }).invoke(
      { task: "ping" },
      { recursionLimit: 100 },
    );
    expect(n).toBe(3);
    expect(out.status).toBe("budget_exhausted");
  });

  it.each(["wiki", "science"])("runs a bundled %s task with the offline simulator as its model", async (envName) => {
    const env = await getEnvironment(envName);
    const taskId = env.tasks()[0].id;
    const agent = createTdpAgent({ llm: createOfflineModel(env.reference(taskId)) });
    const out = await agent.invoke({ env: envName, taskId }, { recursionLimit: 200 });
    expect(out.status).toBe("completed");
    expect(envName === "wiki" ? out.scores?.em : out.scores?.reward).toBe(1);
  });

  /** A scripted model for a chain of `n` sub-tasks n1 -> n2 -> ... that each take one `step` call. */
  function chainModel(n: number) {
    return scriptedModel((ctx) => {
      switch (ctx.role) {
        case "construct_dag":
          return toolCall("construct_dag", {
            nodes: Array.from({ length: n }, (_, i) => ({
              id: `n${i + 1}`,
              spec: `Step ${i + 1} of the chain.`,
              deps: i ? [`n${i}`] : [],
            })),
          });
        case "write_plan":
          return toolCall("write_plan", { steps: ["call step"] });
        case "act":
          return toolCalls(["step", { k: Number(ctx.nodeId?.slice(1)) }], ["finish_sub_task", {}]);
        case "evaluate_step":
          return toolCall("evaluate_step", {
            status: "completed",
            replan: false,
            guidance: null,
            outcome: `${ctx.nodeId} done`,
          });
        case "revise_dag":
          return toolCall("revise_dag", { update: [], add: [], remove: [] });
        default:
          return toolCall("deliver_answer", { answer: ctx.text.includes(`n${n} done`) ? `chain of ${n} done` : "?" });
      }
    });
  }
  const stepTool = () =>
    tool(async ({ k }) => `step ${k} ok`, {
      name: "step",
      description: "one step of the chain",
      schema: z.object({ k: z.number().describe("Step number") }),
    });

  it("runs a 12-node chain without the caller passing a recursion limit", async () => {
    const agent = createTdpAgent({ llm: chainModel(12), tools: [stepTool()] });
    const out = await agent.invoke({ task: "Run the chain." });
    expect(out.status).toBe("completed");
    expect(Object.keys(out.dag)).toHaveLength(12);
    expect(out.answer).toBe("chain of 12 done");
  });

  it.each(["dependency", "batch"] as const)(
    "runs a chain of 22 on the default settings (%s schedule): over the 20-node cap, re-asked, then run as proposed (never collapsed)",
    async (schedule) => {
      const llm = chainModel(22);
      const out = await createTdpAgent({ llm, tools: [stepTool()], configuration: { schedule } }).invoke({
        task: "Run the long chain.",
      });
      // Two construction calls: the re-ask quoted the size bound; the same sound plan then ran.
      const constructs = llm.log.filter((c) => c.role === "construct_dag");
      expect(constructs).toHaveLength(2);
      expect(constructs[1].text).toContain("the DAG has 22 nodes; at most 20 are allowed");
      expect(Object.keys(out.dag)).toHaveLength(22);
      expect(out.revisions[0]).toMatchObject({ stage: "construct", accepted: true, changes: 22 });
      // Batch: 22 batches, more than the default maxRounds of 20, because the round limit follows
      // the depth. Dependency: no revision was needed at all (nothing failed).
      if (schedule === "batch") expect(out.round).toBeGreaterThanOrEqual(22);
      else expect(llm.log.filter((c) => c.role === "revise_dag")).toHaveLength(0);
      expect(out.status).toBe("completed");
      expect(out.answer).toBe("chain of 22 done");
    },
  );

  it("takes { messages }: the last human message is the task; the answer comes back as an AI message", async () => {
    const llm = chainModel(2);
    const agent = createTdpAgent({ llm, tools: [stepTool()] });
    const out = await agent.invoke({
      messages: [
        new HumanMessage("an older request"),
        new AIMessage("ok"),
        new HumanMessage("Run the two-step chain."),
      ],
    });
    expect(out.task).toBe("Run the two-step chain.");
    expect(llm.log.find((c) => c.role === "construct_dag")?.text).toContain("Run the two-step chain.");
    const last = out.messages[out.messages.length - 1];
    expect(last.getType()).toBe("ai");
    expect(last.text).toBe("chain of 2 done");
    expect(out.messages).toHaveLength(4);
    expect(out.answer).toBe("chain of 2 done");
  });

  it("works as a node of a MessagesAnnotation parent graph", async () => {
    const agent = createTdpAgent({ llm: chainModel(3), tools: [stepTool()] });
    const parent = new StateGraph(MessagesAnnotation)
      .addNode("tdp", agent)
      .addEdge(START, "tdp")
      .addEdge("tdp", END)
      .compile();
    // The parent runs with LangGraph's default limit (25): the agent raises its own.
    const out = await parent.invoke({ messages: [new HumanMessage("Run the three-step chain.")] });
    expect(out.messages.map((m) => m.getType())).toEqual(["human", "ai"]);
    expect(out.messages[1].text).toBe("chain of 3 done");
  });
});
