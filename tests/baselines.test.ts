/**
 * The baseline architectures (ReAct, CoT, Plan-and-Act) end to end on the toy environment's
 * real tools, driven by scripted models: same input shape, budget and delivery as TDP, and
 * the context each architecture is supposed to see.
 */
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { createCotGraph, routeAfterCotAct, routeAfterExecutor } from "../src/graph/cot.js";
import { createPlanAndActGraph, routeAfterPlanAndActStep, routeAfterReplan } from "../src/graph/planAndAct.js";
import { createReactGraph } from "../src/graph/react.js";
import { ResponderChatModel, type ResponderRequest } from "../src/models/responder.js";
import { baselineStatus } from "../src/nodes/shared/status.js";
import { messagesToTrace, reactRecursionLimit, StepCounter } from "../src/nodes/baselines/reactAgent.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { UsageError } from "../src/errors.js";
import { CallRecorder } from "../src/tracing/callRecorder.js";
import { createToyEnv, type ToyEnvironment } from "./helpers/toyEnv.js";

const ANSWER = "ALPHA-7731+BETA-4410";
let toy: ToyEnvironment;

beforeAll(() => {
  toy = createToyEnv({ name: "toy-baselines" });
  registerEnvironment(toy);
});

const call = (name: string, args: Record<string, unknown>) =>
  new AIMessage({ content: "", tool_calls: [{ name, args, id: "", type: "tool_call" }] });
const toolNames = (req: ResponderRequest) => req.tools.map((t) => t.name);
const text = (req: ResponderRequest) =>
  req.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
/** Actions already taken, as the model would see them: tool calls in the conversation, or `Action i:` lines. */
const actionsSeen = (req: ResponderRequest) =>
  req.messages.filter((m) => m.getType() === "ai").flatMap((m) => (m as AIMessage).tool_calls ?? []).length +
  (text(req).match(/^Action \d+:/gm)?.length ?? 0);

/** Acts through the toy task (alpha, beta, submit), then says it is done; answers plain text when no tools are bound. */
function actor(req: ResponderRequest): AIMessage {
  const script = [
    call("lookup", { key: "alpha" }),
    call("lookup", { key: "beta" }),
    call("submit", { answer: ANSWER }),
  ];
  return script[actionsSeen(req)] ?? new AIMessage("done");
}

describe("baseline routing and status (pure)", () => {
  test("a reply without an action ends execution; otherwise the action runs", () => {
    expect(routeAfterExecutor({ finished: true, pending: null })).toBe("deliver");
    expect(routeAfterExecutor({ finished: false, pending: null })).toBe("deliver");
    expect(routeAfterExecutor({ finished: false, pending: { id: "1", tool: "lookup", args: {} } })).toBe("act");
  });

  test("CoT keeps executing until an action is refused for budget; Plan-and-Act replans after each step", () => {
    expect(routeAfterCotAct({ overBudget: false })).toBe("executor");
    expect(routeAfterCotAct({ overBudget: true })).toBe("deliver");
    expect(routeAfterPlanAndActStep({ overBudget: false })).toBe("replanner");
    expect(routeAfterPlanAndActStep({ overBudget: true })).toBe("deliver");
    expect(routeAfterReplan({ finished: false })).toBe("executor");
    expect(routeAfterReplan({ finished: true })).toBe("deliver");
  });

  test("status: completed only when done within budget and delivered", () => {
    expect(baselineStatus({ finished: true, overBudget: false, maxSteps: 5, answer: "x" }).status).toBe("completed");
    expect(baselineStatus({ finished: true, overBudget: false, maxSteps: 5, answer: "" }).status).toBe("failed");
    expect(baselineStatus({ finished: false, overBudget: true, maxSteps: 5, answer: "x" }).status).toBe(
      "budget_exhausted",
    );
    expect(baselineStatus({ finished: false, overBudget: false, maxSteps: 5, answer: "x" }).status).toBe("failed");
  });

  test("the step counter never lets more calls through than the budget", () => {
    const c = new StepCounter(2);
    expect([c.take(), c.take(), c.take(), c.take()]).toEqual([true, true, false, false]);
    expect(c.used).toBe(2);
    expect(c.refused).toBe(2);
    // Two supersteps per tool round, one refused round of grace, one closing turn.
    expect(reactRecursionLimit(3)).toBe(2 * (3 + 1) + 1);
  });

  test("a ReAct conversation becomes a trace of actions with their results", () => {
    const msgs: BaseMessage[] = [
      new HumanMessage("task"),
      new AIMessage({
        content: "",
        tool_calls: [
          { id: "a", name: "lookup", args: { key: "alpha" }, type: "tool_call" },
          { id: "b", name: "lookup", args: { key: "beta" }, type: "tool_call" },
        ],
      }),
      new ToolMessage({ tool_call_id: "b", content: "beta = 2" }),
      new ToolMessage({ tool_call_id: "a", content: "alpha = 1" }),
      new AIMessage("done"),
    ];
    expect(messagesToTrace(msgs)).toEqual([
      { action: { id: "a", tool: "lookup", args: { key: "alpha" } }, observation: "alpha = 1" },
      { action: { id: "b", tool: "lookup", args: { key: "beta" } }, observation: "beta = 2" },
    ]);
  });
});

describe("ReAct (prebuilt agent inside TDP's input, budget and delivery)", () => {
  test("runs the task over the full history, submits through the tool and is scored", async () => {
    const model = new ResponderChatModel(actor);
    const recorder = new CallRecorder();
    recorder.awaitHandlers = true;
    const out = await createReactGraph({ llm: model }).invoke(
      { env: "toy-baselines", taskId: "toy-1" },
      { callbacks: [recorder] },
    );
    expect(out.answer).toBe(ANSWER);
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.status).toBe("completed");
    expect(out.stepsUsed).toBe(3);
    expect(out.trace.map((t) => t.action?.tool)).toEqual(["lookup", "lookup", "submit"]);
    expect(out.usage.react.calls).toBe(4);
    expect(out.replans).toBe(0);
    // Full history: the last call sees every earlier observation.
    const last = text(model.requests[model.requests.length - 1]);
    expect(last).toContain("alpha = ALPHA-7731");
    expect(last).toContain("beta = BETA-4410");
    // Every call went through llmCallConfig: arch and role metadata reach the recorder.
    expect(recorder.calls).toHaveLength(4);
    expect(recorder.calls.every((c) => c.arch === "react" && c.role === "react" && c.taskId === "toy-1")).toBe(true);
  });

  test("never executes more tool calls than the budget and stops gracefully", async () => {
    const env = createToyEnv({ name: "toy-react-budget" });
    registerEnvironment(env);
    let i = 0;
    const model = new ResponderChatModel((req) =>
      req.tools.length ? call("lookup", { key: ["alpha", "beta", "gamma"][i++ % 3] }) : new AIMessage("partial"),
    );
    const out = await createReactGraph({ llm: model }).invoke(
      { env: "toy-react-budget", taskId: "toy-1" },
      { configurable: { maxSteps: 2 } },
    );
    expect(out.stepsUsed).toBe(2);
    expect(env.log).toHaveLength(2); // the environment ran exactly two lookups
    expect(out.status).toBe("budget_exhausted");
    expect(out.trace.some((t) => t.observation.includes("step budget of 2"))).toBe(true);
    // Nothing was submitted through the tool, so the closing answer (no tools bound) was delivered and scored.
    expect(out.answer).toBe("partial");
    expect(out.scores).toEqual({ delivered: 1, correct: 0 });
  });

  test("accepts the same input as TDP: a missing task is a usage error", async () => {
    const model = new ResponderChatModel(actor);
    await expect(createReactGraph({ llm: model }).invoke({})).rejects.toBeInstanceOf(UsageError);
  });
});

describe("CoT (one-shot plan, step-wise execution, no replanning)", () => {
  test("plans once, follows the plan over the whole history, then delivers", async () => {
    const plan = ["Look up alpha", "Look up beta", "Submit alpha+beta"];
    const model = new ResponderChatModel((req) =>
      toolNames(req).includes("global_plan") ? call("global_plan", { steps: plan }) : actor(req),
    );
    const recorder = new CallRecorder();
    recorder.awaitHandlers = true;
    const out = await createCotGraph({ llm: model }).invoke(
      { env: "toy-baselines", taskId: "toy-1" },
      { callbacks: [recorder] },
    );
    expect(out.status).toBe("completed");
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.plan).toEqual(plan);
    expect(out.stepsUsed).toBe(3);
    expect(out.replans).toBe(0);
    expect(recorder.calls.map((c) => c.role)).toEqual(["planner", "executor", "executor", "executor", "executor"]);
    expect(recorder.calls.every((c) => c.arch === "cot")).toBe(true);
    // The plan request sees the task and tools; every executor request sees the plan and all earlier steps.
    expect(text(model.requests[0])).toContain("Look up alpha and beta");
    const execs = model.requests.filter((r) => !toolNames(r).includes("global_plan"));
    for (const r of execs) expect(text(r)).toContain("1. Look up alpha");
    expect(text(execs[2])).toContain("alpha = ALPHA-7731");
    // A baseline acts for the whole task: none of its calls is filed under a DAG node.
    for (const r of model.requests) expect(r.metadata.node_id ?? null).toBeNull();
  });

  test("without a submission, the final answer text is submitted to the session and scored", async () => {
    const model = new ResponderChatModel((req) => {
      if (toolNames(req).includes("global_plan"))
        return call("global_plan", { steps: ["Look up alpha", "Look up beta"] });
      if (req.tools.length === 0) return new AIMessage(ANSWER); // delivery: no tools bound
      return (
        [call("lookup", { key: "alpha" }), call("lookup", { key: "beta" })][actionsSeen(req)] ?? new AIMessage("done")
      );
    });
    const recorder = new CallRecorder();
    recorder.awaitHandlers = true;
    const out = await createCotGraph({ llm: model }).invoke(
      { env: "toy-baselines", taskId: "toy-1" },
      { callbacks: [recorder] },
    );
    expect(out.answer).toBe(ANSWER);
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.usage.deliver.calls).toBe(1);
    const deliver = model.requests[model.requests.length - 1];
    expect(deliver.tools).toHaveLength(0);
    expect(text(deliver)).toContain('"step":2,"tool":"lookup","args":{"key":"beta"},"observation":"beta = BETA-4410"');
  });

  test("an action past the budget is refused, not executed", async () => {
    const env = createToyEnv({ name: "toy-cot-budget" });
    registerEnvironment(env);
    const model = new ResponderChatModel((req) =>
      toolNames(req).includes("global_plan")
        ? call("global_plan", { steps: ["a"] })
        : req.tools.length
          ? call("lookup", { key: "alpha" })
          : new AIMessage("x"),
    );
    const out = await createCotGraph({ llm: model }).invoke(
      { env: "toy-cot-budget", taskId: "toy-1" },
      { configurable: { maxSteps: 3 } },
    );
    expect(out.stepsUsed).toBe(3);
    expect(env.log).toHaveLength(3);
    expect(out.status).toBe("budget_exhausted");
    expect(out.trace).toHaveLength(4);
    expect(out.trace[3].observation).toContain("step budget of 3");
  });
});

describe("Plan-and-Act (global plan, global replanning after every step)", () => {
  test("replans the whole remaining plan from the full history and stops on an empty plan", async () => {
    const plans = [["Look up alpha", "Look up beta", "Submit"], ["Look up beta", "Submit"], ["Submit"], []];
    let planCalls = 0;
    const model = new ResponderChatModel((req) =>
      toolNames(req).includes("global_plan") ? call("global_plan", { steps: plans[planCalls++] }) : actor(req),
    );
    const recorder = new CallRecorder();
    recorder.awaitHandlers = true;
    const out = await createPlanAndActGraph({ llm: model }).invoke(
      { env: "toy-baselines", taskId: "toy-1" },
      { callbacks: [recorder] },
    );
    expect(out.status).toBe("completed");
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.replans).toBe(3);
    expect(out.plan).toEqual([]);
    expect(recorder.calls.map((c) => c.role)).toEqual([
      "planner",
      "executor",
      "replanner",
      "executor",
      "replanner",
      "executor",
      "replanner",
    ]);
    expect(recorder.calls.every((c) => c.arch === "plan_and_act")).toBe(true);
    // The replanner sees the current plan and every step so far.
    const replans = model.requests.filter((r) => toolNames(r).includes("global_plan")).slice(1);
    expect(text(replans[1])).toContain("1. Look up beta");
    expect(text(replans[1])).toContain(
      '"step":1,"tool":"lookup","args":{"key":"alpha"},"observation":"alpha = ALPHA-7731"',
    );
    expect(text(replans[1])).toContain(
      '"step":2,"tool":"lookup","args":{"key":"beta"},"observation":"beta = BETA-4410"',
    );
    // The executor acts on the newest plan.
    const execs = model.requests.filter((r) => !toolNames(r).includes("global_plan"));
    expect(text(execs[2])).toContain("1. Submit");
  });
});
