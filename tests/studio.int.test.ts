/**
 * The LangGraph API server as Studio and LangGraph Platform users meet it: the project's own
 * langgraph.json served by `npx @langchain/langgraph-cli dev`, driven through
 * `@langchain/langgraph-sdk`, with the offline model on bundled tasks (no network).
 */
import { Client } from "@langchain/langgraph-sdk";
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
    const settings = schemas.config_schema as { properties?: Record<string, { description?: string }> };
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

  it("streams a TDP run: the DAG, every node-worker's progress, then the final state", async () => {
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        streamMode: ["updates", "tasks"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const top = events.filter((e) => e.event === "updates").map((e) => Object.keys(e.data as object)[0]);
    expect(top[0]).toBe("supervisor");
    expect(top).toContain("nodeWorker");
    expect(top).toContain("selfRevision");
    expect(top[top.length - 1]).toBe("deliver");

    // Each Send is one branch: its namespace streams planner -> executor -> act -> evaluator -> report.
    const branchNode = new Map<string, string>();
    for (const e of events) {
      if (e.event !== "tasks") continue;
      const t = e.data as { id: string; name: string; input?: { node?: { id: string } } };
      if (t.name === "nodeWorker" && t.input?.node) branchNode.set(t.id, t.input.node.id);
    }
    const progress = new Map<string, string[]>();
    for (const e of events) {
      const m = /^updates\|nodeWorker:([^|]+)$/.exec(e.event);
      if (!m) continue;
      const nodeId = branchNode.get(m[1]) ?? `?${m[1]}`;
      progress.set(nodeId, [...(progress.get(nodeId) ?? []), ...Object.keys(e.data as object)]);
    }

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
      expect(steps[steps.length - 1]).toBe("report");
    }
    expect(answer).toBeTruthy();
    expect(scores.delivered).toBe(1);
    for (const role of ["supervisor", "planner", "executor", "evaluator"])
      expect(usage[role]?.calls).toBeGreaterThan(0);
  });

  it("runs past LangGraph's default limit of 25 supersteps with no recursion_limit given, in the worker subgraph too", async () => {
    // Every action is corrupted, so each branch replans until its caps: ~50 supersteps in one worker.
    const thread = await client.threads.create();
    const events = await collect(
      client.runs.stream(thread.thread_id, "tdp", {
        input: TASK,
        config: { configurable: { noise: 1, maxReplans: 10, maxSteps: 300 } },
        streamMode: ["updates"],
        streamSubgraphs: true,
      }) as AsyncIterable<StreamEvent>,
    );
    expect(events.filter((e) => e.event === "error")).toEqual([]);
    const perBranch = new Map<string, number>();
    for (const e of events)
      if (e.event.startsWith("updates|")) perBranch.set(e.event, (perBranch.get(e.event) ?? 0) + 1);
    expect(Math.max(...perBranch.values())).toBeGreaterThan(25);
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
