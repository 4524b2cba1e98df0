/**
 * The LangGraph API server as Studio and LangGraph Platform users meet it: the project's own
 * langgraph.json served by `npx @langchain/langgraph-cli dev`, driven through
 * `@langchain/langgraph-sdk`, with the offline model on bundled tasks (no network).
 */
import { Client, type StreamMode } from "@langchain/langgraph-sdk";
import { readFileSync } from "node:fs";
import { startLangGraphDev, type DevServer } from "./helpers/langgraphServer.js";

const TASK = { env: "travel", taskId: "travel-easy-001" };
const graphs = Object.keys(
  (JSON.parse(readFileSync("langgraph.json", "utf8")) as { graphs: Record<string, string> }).graphs,
);

interface StreamEvent {
  event: string;
  data: unknown;
}

interface DagNodeLike {
  id: string;
  spec: string;
  status: string;
}

let server: DevServer;
let client: Client;

beforeAll(async () => {
  // Schemas come from the graphs at run time; a graph without them would make the server fall
  // back to a slow static TypeScript parse: cap it so such a failure shows quickly.
  server = await startLangGraphDev({ env: { LANGGRAPH_SCHEMA_RESOLVE_TIMEOUT_MS: "8000" } });
  client = new Client({ apiUrl: server.url });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

/** The error a rejected SDK call threw: the SDK's HTTPError carries the status and the body. */
async function httpError(call: Promise<unknown>): Promise<{ status?: number; text: string; message: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as Error & { status?: number; text?: string };
    return { status: e.status, text: e.text ?? "", message: e.message };
  }
  throw new Error("the server accepted the request");
}

describe("langgraph dev (Studio / LangGraph Platform API)", () => {
  it("lists an assistant for every graph in langgraph.json", async () => {
    const assistants = await client.assistants.search({ limit: 100 });
    const ids = assistants.map((a) => a.graph_id);
    for (const g of graphs) expect(ids).toContain(g);
  });

  it.each(graphs)("%s shows an input form and a settings form", async (graphId) => {
    // No retries: a graph without runtime schemas fails here (HTTP 500) instead of hanging.
    const once = new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0 } });
    const schemas = await once.assistants.getSchemas(graphId);
    const input = schemas.input_schema as { properties?: Record<string, unknown> };
    // TDP also takes a chat history (as a node of a messages graph).
    const fields = graphId === "tdp" ? ["env", "messages", "task", "taskId"] : ["env", "task", "taskId"];
    expect(Object.keys(input.properties ?? {}).sort()).toEqual(fields);
    const settings = schemas.config_schema as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    // Every setting has a default: none is marked required.
    expect(settings.required ?? []).toEqual([]);
    const output = schemas.output_schema as { properties?: Record<string, unknown> } | undefined;
    for (const key of ["answer", "status", "reason", "scores", "usage", "stepsUsed"])
      expect(Object.keys(output?.properties ?? {})).toContain(key);
    if (graphId === "tdp")
      for (const key of ["dag", "revisions", "messages"]) expect(output?.properties).toHaveProperty(key);
    for (const key of [
      "model",
      "supervisorModel",
      "plannerModel",
      "executorModel",
      "evaluatorModel",
      "maxSteps",
      "noise",
      "approvePlan",
    ]) {
      expect(settings.properties?.[key]?.description).toBeTruthy();
    }
  });

  it("streams a TDP run: the DAG, every sub-task's role calls, then the final state", async () => {
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        // The paper's loop, so every role shows (the default on_signal folds step 1 into the Planner's call).
        config: { configurable: { evaluate: "every_step" } },
        streamMode: ["updates", "tasks"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const top = events.filter((e) => e.event === "updates").map((e) => Object.keys(e.data as object)[0]);
    expect(top[0]).toBe("supervisor");
    for (const role of ["dispatch", ...BRANCH_ROLES]) expect(top).toContain(role);
    expect(top[top.length - 1]).toBe("deliver");

    // Each role task's input is one branch (its Send payload): per sub-task, planner -> executor -> act -> evaluator.
    const progress = branchProgress(events);
    const state = await client.threads.getState<{
      dag: Record<string, DagNodeLike>;
      answer: string;
      status: string;
      scores: Record<string, number>;
      usage: Record<string, { calls: number }>;
    }>(thread.thread_id);
    const { dag, answer, status, scores, usage } = state.values;
    expect(status).toBe("completed");
    expect(Object.keys(dag).length).toBeGreaterThan(1);
    expect(Object.values(dag).every((n) => n.status === "completed")).toBe(true);
    expect([...progress.keys()].sort()).toEqual(Object.keys(dag).sort());
    for (const steps of progress.values()) {
      expect(steps.slice(0, 4)).toEqual(["planner", "executor", "act", "evaluator"]);
      expect(steps[steps.length - 1]).toBe("evaluator");
    }
    expect(answer).toBeTruthy();
    expect(scores.delivered).toBe(1);
    for (const role of ["supervisor", "planner", "executor", "evaluator"])
      expect(usage[role]?.calls).toBeGreaterThan(0);
  });

  it("runs past LangGraph's default limit of 25 supersteps with no recursion_limit given", async () => {
    // Every action is corrupted, so each branch replans until its caps: well over 25 role calls in one branch.
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        config: { configurable: { noise: 1, maxReplans: 10, maxSteps: 300 } },
        streamMode: ["tasks"],
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const perBranch = [...branchProgress(events).values()].map((steps) => steps.length);
    expect(Math.max(...perBranch)).toBeGreaterThan(25);
    const state = await client.threads.getState<{ status: string }>(thread.thread_id);
    expect(["completed", "failed", "budget_exhausted"]).toContain(state.values.status);
  });

  it("pauses for plan approval, rejects an invalid edit with the errors, and finishes an edited plan", async () => {
    const thread = await client.threads.create();
    const config = { configurable: { approvePlan: true } };
    await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        config,
        streamMode: ["updates"],
      }) as AsyncIterable<StreamEvent>,
    );
    type Pause = { kind: string; dag: { id: string; spec: string; deps: string[] }[]; errors: string[] };
    const paused = async (): Promise<Pause> => {
      const t = await client.threads.get(thread.thread_id);
      expect(t.status).toBe("interrupted");
      return Object.values(t.interrupts).flat()[0].value as Pause;
    };
    const first = await paused();
    expect(first.kind).toBe("approve_plan");
    expect(first.errors).toEqual([]);
    expect(first.dag.length).toBeGreaterThan(1);

    // A cycle is refused: the run pauses again, quoting the validation errors.
    const cyclic = first.dag.map((n, i) =>
      i === 0 ? { ...n, deps: [...n.deps, first.dag[first.dag.length - 1].id] } : n,
    );
    await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        command: { resume: { dag: cyclic } },
        config,
        streamMode: ["updates"],
      }) as AsyncIterable<StreamEvent>,
    );
    const second = await paused();
    expect(second.errors.join(" ")).toMatch(/cycle/);
    expect(second.dag).toEqual(first.dag);

    // A valid edit (one spec reworded) runs to the end.
    const edited = first.dag.map((n, i) => (i === 0 ? { ...n, spec: `${n.spec} (reviewed)` } : n));
    await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        command: { resume: { dag: edited } },
        config,
        streamMode: ["updates"],
      }) as AsyncIterable<StreamEvent>,
    );
    const done = await client.threads.getState<{ status: string; dag: Record<string, DagNodeLike> }>(thread.thread_id);
    expect(done.values.status).toBe("completed");
    expect(done.values.dag[edited[0].id].spec).toMatch(/\(reviewed\)$/);
  });

  it("takes the settings as run context too (LangGraph 1.x clients)", async () => {
    const thread = await client.threads.create();
    await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        context: { approvePlan: true },
        streamMode: ["updates"],
      }) as AsyncIterable<StreamEvent>,
    );
    const t = await client.threads.get(thread.thread_id);
    expect(t.status).toBe("interrupted");
  });

  it("runs the ReAct baseline the same way", async () => {
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "react", {
        input: TASK,
        streamMode: ["updates"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const state = await client.threads.getState<{
      status: string;
      answer: string;
      usage: Record<string, { calls: number }>;
    }>(thread.thread_id);
    expect(state.values.status).toBe("completed");
    expect(state.values.answer).toBeTruthy();
    expect(state.values.usage.react?.calls).toBeGreaterThan(0);
  });

  it("answers a bad input with HTTP 422 naming the field, before any run exists", async () => {
    // The server alone would accept the run (200) and let the graph fail it; the HTTP app in
    // langgraph.json (src/server/app.ts) checks the input first. See docs/platform.md.
    const once = new Client({ apiUrl: server.url, callerOptions: { maxRetries: 0 } });
    const thread = await once.threads.create();

    const wrongType = await httpError(
      collect(
        once.runs.stream(thread.thread_id, "tdp", {
          input: { taskId: 7 },
          streamMode: ["updates"],
        }) as AsyncIterable<StreamEvent>,
      ),
    );
    expect(wrongType.status).toBe(422);
    expect(JSON.parse(wrongType.text)).toEqual({
      detail: "input.taskId: Invalid input: expected string, received number",
    });

    const unknownTask = await httpError(
      once.runs.wait(null, "tdp", { input: { env: "travel", taskId: "travel-easy-999" } }),
    );
    expect(unknownTask.status).toBe(422);
    expect(unknownTask.message).toMatch(/input\.taskId: unknown task \W*travel-easy-999/);

    const unknownEnv = await httpError(
      once.runs.create(thread.thread_id, "react", { input: { env: "mars", taskId: "mars-001" } }),
    );
    expect(unknownEnv.status).toBe(422);
    expect(unknownEnv.message).toMatch(/input\.env: unknown env \W*mars/);

    const empty = await httpError(once.runs.wait(thread.thread_id, "cot", { input: {} }));
    expect(empty.status).toBe(422);
    expect(empty.message).toMatch(/input: empty task/);

    const batch = await httpError(
      once.runs.createBatch([
        { assistantId: "tdp", input: TASK },
        { assistantId: "tdp", input: { env: "wiki", taskId: "nope" } },
      ]),
    );
    expect(batch.status).toBe(422);
    expect(batch.message).toMatch(/\[1\]\.input\.taskId: unknown task/);

    expect(await once.runs.list(thread.thread_id)).toEqual([]);

    // A valid input on the same endpoints still runs.
    const values = (await once.runs.wait(thread.thread_id, "cot", { input: TASK })) as {
      status: string;
      answer: string;
    };
    expect(values.status).toBe("completed");
    expect(values.answer).toBeTruthy();
  });
});

/**
 * Every stream mode Studio and the SDK offer. The SDK's `StreamMode` also lists `lifecycle`,
 * which this server version refuses (HTTP 400: not in its enum).
 */
const STREAM_MODES = [
  "values",
  "updates",
  "messages-tuple",
  "messages",
  "custom",
  "events",
  "debug",
  "tasks",
  "checkpoints",
  "tools",
] as const satisfies readonly StreamMode[];
type Mode = (typeof STREAM_MODES)[number];

/**
 * The SSE event a mode's chunks arrive under: `<name>` from the root graph, `<name>|<ns>` from a
 * subgraph (`events` alone carries the namespace in its metadata instead). `messages` (the
 * legacy mode) streams `messages/partial|complete|metadata`, of which the offline model produces
 * none (it does not stream tokens, and the API server's subgraph chunks never reach its
 * `messages/complete` path); `custom` only has what a graph writes itself.
 */
const EVENT_NAME: Partial<Record<Mode, string>> = {
  values: "values",
  events: "events",
  updates: "updates",
  "messages-tuple": "messages",
  debug: "debug",
  tasks: "tasks",
  checkpoints: "checkpoints",
  tools: "tools",
};

interface FinalValues {
  status: string;
  answer: string;
  scores: Record<string, number>;
  usage: Record<string, { calls: number }>;
  dag?: Record<string, DagNodeLike>;
}

/** Model calls one role made, from the run's usage map (one place to follow if its layout changes). */
function roleCalls(usage: FinalValues["usage"], role: string): number {
  return usage[role]?.calls ?? 0;
}

const ROLES: Record<string, string[]> = {
  // Default evaluate: on_signal: a one-step sub-task is planned and acted on in one Planner call.
  tdp: ["supervisor", "planner", "evaluator"],
  react: ["react"],
  plan_and_act: ["planner", "executor"],
  cot: ["planner", "executor"],
};

/** The graphs that run a subgraph: the agent inside the ReAct baseline (TDP's roles are all root nodes). */
const WITH_SUBGRAPHS = new Set(["react"]);

const BRANCH_ROLES = ["planner", "executor", "act", "evaluator"];

/** A root `tasks` event that starts a role task: its input is the branch it advances. */
type RoleTask = { id: string; name: string; input?: { node?: { id?: string } } };

/** Per sub-task, the role tasks that advanced it, in order (from the root `tasks` events). */
function branchProgress(events: StreamEvent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of events) {
    if (e.event !== "tasks") continue;
    const t = e.data as RoleTask & { result?: unknown };
    const id = t.input?.node?.id;
    if (!BRANCH_ROLES.includes(t.name) || typeof id !== "string" || "result" in t) continue;
    out.set(id, [...(out.get(id) ?? []), t.name]);
  }
  return out;
}

/** The sub-tasks a stream names, by the `node_id` each chunk's metadata (or payload) carries. */
function namedSubTasks(events: StreamEvent[], eventName: string): Set<string> {
  type Meta = { node_id?: unknown };
  const out = new Set<string>();
  const add = (v: unknown) => typeof v === "string" && out.add(v);
  for (const e of events) {
    if (e.event !== eventName) continue;
    if (eventName === "tasks") add((e.data as RoleTask).input?.node?.id);
    else if (eventName === "messages") add((e.data as [unknown, Meta])[1]?.node_id);
    else if (eventName === "events") add((e.data as { metadata?: Meta }).metadata?.node_id);
    else if (eventName === "custom") add((e.data as Meta).node_id);
    else if (eventName === "debug") {
      const d = e.data as { type: string; payload: { name?: string; input?: { node?: { id?: unknown } } } };
      if (d.type === "task" && BRANCH_ROLES.includes(d.payload.name ?? "")) add(d.payload.input?.node?.id);
    }
  }
  return out;
}

const timings: string[] = [];

describe("every stream mode with subgraphs on (what Studio and useStream ask for)", () => {
  afterAll(() => {
    // STUDIO_TIMINGS=1 prints the server's start-up time and the wall time of each streamed run.
    if (process.env.STUDIO_TIMINGS) console.log(`server ready in ${server.readyMs} ms\n${timings.join("\n")}`);
  });

  it("starts with no dependency-version warning", () => {
    // langgraph-api logs this when @langchain/core, -langgraph or -checkpoint miss its peer ranges.
    expect(server.process.output()).toMatch(/Server running at/);
    expect(server.process.output()).not.toMatch(/not up to date|required version/i);
  });

  const cases: [string, string, Mode[]][] = [];
  for (const graphId of ["tdp", "react"]) {
    for (const mode of STREAM_MODES) cases.push([graphId, mode, [mode]]);
    cases.push([graphId, "all modes", [...STREAM_MODES]]);
  }
  cases.push(["plan_and_act", "all modes", [...STREAM_MODES]], ["cot", "all modes", [...STREAM_MODES]]);

  it.each(cases)("%s streams %s", async (graphId, label, modes) => {
    const thread = await client.threads.create();
    const started = Date.now();
    const events = await collect(
      client.runs.stream(thread.thread_id, graphId, {
        input: TASK,
        streamMode: modes,
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    timings.push(`${graphId} ${label}: ${Date.now() - started} ms, ${events.length} events`);

    expect(events.filter((e) => e.event.split("|")[0] === "error")).toEqual([]);
    expect(events[0]?.event).toBe("metadata");

    const state = await client.threads.getState<FinalValues>(thread.thread_id);
    const values = state.values;
    expect(values.status).toBe("completed");
    expect(values.answer).toBeTruthy();
    expect(values.scores.delivered).toBe(1);
    for (const role of ROLES[graphId]) expect(roleCalls(values.usage, role)).toBeGreaterThan(0);
    if (modes.includes("values")) {
      const rootValues = events.filter((e) => e.event === "values");
      expect(rootValues[rootValues.length - 1]?.data).toEqual(values);
    }
    for (const mode of modes) {
      const name = EVENT_NAME[mode];
      // Every mode that has chunks offline streams some; in a graph with subgraphs, some come from one.
      if (name) expect([mode, events.some((e) => e.event.split("|")[0] === name)]).toEqual([mode, true]);
      if (name && name !== "events" && WITH_SUBGRAPHS.has(graphId))
        expect([mode, events.some((e) => e.event.startsWith(`${name}|`))]).toEqual([mode, true]);
    }
    if (graphId !== "tdp") return;

    // TDP: a completed DAG, and every mode that carries per-task metadata names every sub-task.
    const dag = values.dag ?? {};
    expect(Object.keys(dag).length).toBeGreaterThan(1);
    expect(Object.values(dag).map((n) => n.status)).toEqual(Object.values(dag).map(() => "completed"));
    for (const mode of modes) {
      const name = EVENT_NAME[mode];
      if (!name || !["tasks", "messages", "events", "debug"].includes(name)) continue;
      expect([mode, [...namedSubTasks(events, name)].sort()]).toEqual([mode, Object.keys(dag).sort()]);
    }
  });
});

describe("which DAG node a branch's stream events belong to", () => {
  it("every role task names its sub-task: in its input (tasks, debug) and in the metadata of its calls (messages-tuple, events)", async () => {
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        streamMode: ["tasks", "debug", "messages-tuple", "events"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const state = await client.threads.getState<FinalValues>(thread.thread_id);
    const dagIds = Object.keys(state.values.dag ?? {}).sort();
    for (const source of ["tasks", "debug", "messages", "events"])
      expect([source, [...namedSubTasks(events, source)].sort()]).toEqual([source, dagIds]);

    // The model calls of a role task carry the node id of the branch that task advanced.
    const taskNode = new Map<string, string>();
    for (const e of events) {
      const t = e.data as RoleTask;
      if (e.event === "tasks" && BRANCH_ROLES.includes(t.name) && t.input?.node?.id)
        taskNode.set(t.id, t.input.node.id);
    }
    let checked = 0;
    for (const e of events) {
      if (e.event !== "messages") continue;
      const meta = (e.data as [unknown, { node_id?: string; langgraph_checkpoint_ns?: string }])[1];
      const taskId = meta.langgraph_checkpoint_ns?.split(":")[1];
      if (!taskId || !taskNode.has(taskId)) continue;
      expect(meta.node_id).toBe(taskNode.get(taskId));
      checked++;
    }
    expect(checked).toBeGreaterThan(dagIds.length);
  });

  it("a client following updates + custom sees every sub-task's status changes, named by node_id", async () => {
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        streamMode: ["updates", "custom"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const statuses = new Map<string, string[]>();
    for (const e of events) {
      if (e.event !== "custom") continue;
      const c = e.data as { kind?: string; node_id?: string; status?: string };
      if (c.kind === "sub_task" && c.node_id && c.status)
        statuses.set(c.node_id, [...(statuses.get(c.node_id) ?? []), c.status]);
    }
    const state = await client.threads.getState<FinalValues>(thread.thread_id);
    expect([...statuses.keys()].sort()).toEqual(Object.keys(state.values.dag ?? {}).sort());
    for (const [id, seen] of statuses) expect([id, seen]).toEqual([id, ["running", "completed"]]);
  });
});
