/**
 * Benchmark runs on a real LangGraph API server (`langgraph dev` on a free port, the project's
 * own langgraph.json), through src/bench/serverRunner.ts and the real harness (`runBench` with
 * the server runner): 2 architectures x 3 tasks with the offline model, one run the server
 * rejects recorded as failed, a rerun that resumes, and result lines equal to the in-process
 * bench's but for wall time. Plus the one-line errors of a server that is down or answers errors.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import type { ArchName } from "../src/graph/archs.js";
import { runBench, type BenchPair, type BenchPlan } from "../src/bench/harness.js";
import { readResults, type BenchRecord } from "../src/bench/record.js";
import { runTask, type TaskRunSpec } from "../src/bench/runTask.js";
import { checkServer, runOnServer, serverTaskRunner, ServerUnavailableError } from "../src/bench/serverRunner.js";
import { startLangGraphDev, type DevServer } from "./helpers/langgraphServer.js";
import { freePort } from "./helpers/processes.js";

const dir = mkdtempSync(join(tmpdir(), "tdp-server-bench-"));
let server: DevServer;
let client: Client;

beforeAll(async () => {
  server = await startLangGraphDev({ env: { LANGGRAPH_SCHEMA_RESOLVE_TIMEOUT_MS: "8000" } });
  client = new Client({ apiUrl: server.url });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ARCHS: ArchName[] = ["tdp", "react"];
const TASKS = ["travel-easy-001", "travel-easy-002", "travel-easy-003"];
/** Not a bundled task: the server's input check rejects the run (HTTP 422). */
const MISSING = "travel-easy-999";
const CONFIGURABLE = { model: "offline", noise: 0, seed: 7 };

/** 2 x 3 pairs; react's third task is one the server does not have. */
const PAIRS: BenchPair[] = ARCHS.flatMap((arch) =>
  TASKS.map((taskId, i) => ({
    env: "travel",
    taskId: arch === "react" && i === 2 ? MISSING : taskId,
    level: "easy",
    arch,
  })),
);
const PLAN: BenchPlan = { pairs: PAIRS, model: "offline", configurable: CONFIGURABLE };

/** Everything but the times, which differ between any two runs. */
function timeless(r: BenchRecord): Omit<BenchRecord, "wall_s" | "finished_at"> {
  const { wall_s: _w, finished_at: _f, ...rest } = r;
  return rest;
}

async function threadCount(): Promise<number> {
  return (await client.threads.search({ limit: 1000 })).length;
}

describe("tdp bench on a LangGraph server (serverRunner)", () => {
  it("2 architectures x 3 tasks through the harness: lines as in process, the rejected run recorded as failed, a rerun resumes", async () => {
    const out = join(dir, "bench");
    const inner = serverTaskRunner(server.url);
    let inFlight = 0;
    let maxInFlight = 0;
    const runner = async (spec: TaskRunSpec) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await inner(spec);
      } finally {
        inFlight--;
      }
    };
    const threadsBefore = await threadCount();
    const summary = await runBench(PLAN, { outDir: out, concurrency: 3, runner });
    expect(summary).toMatchObject({ ran: 6, skipped: 0, errors: 1 });
    expect(maxInFlight).toBe(3);
    expect((await threadCount()) - threadsBefore).toBe(6);

    const lines = readResults(summary.file);
    expect(lines).toHaveLength(6);
    const failed = lines.find((r) => r.task_id === MISSING);
    expect(failed).toMatchObject({ arch: "react", status: "failed", metrics: {}, llm_calls: 0 });
    expect(failed?.error).toMatch(
      /^server rejected the run \(HTTP 422\): input\.taskId: unknown task "travel-easy-999"/,
    );

    // Every other line is the one the in-process bench writes for the same pair, but for the times.
    for (const r of lines.filter((l) => l !== failed)) {
      const local = await runTask({
        env: r.env,
        taskId: r.task_id,
        level: r.level,
        arch: r.arch,
        model: "offline",
        configurable: CONFIGURABLE,
      });
      expect(timeless(r)).toEqual(timeless(local));
      expect(r.error).toBeNull();
      expect(r.prompt_tokens.length).toBe(r.llm_calls);
      expect(r.wall_s).toBeGreaterThan(0);
    }
    expect(lines.filter((r) => r.arch === "tdp").every((r) => r.status === "completed")).toBe(true);

    // A rerun skips the 5 finished pairs and retries only the failed one (one new thread on the server).
    const again = await runBench(PLAN, { outDir: out, concurrency: 3, runner });
    expect(again).toMatchObject({ ran: 1, skipped: 5, errors: 1 });
    expect((await threadCount()) - threadsBefore).toBe(7);
    expect(readFileSync(summary.file, "utf8").trim().split("\n")).toHaveLength(7);
    expect(readResults(summary.file)).toHaveLength(6);
  }, 240_000);

  it("a run the graph fails is a failure value with the graph's error, never an exception", async () => {
    const failing = {
      apiUrl: server.url,
      graphId: "cot",
      input: { env: "travel", taskId: "travel-easy-001" },
      configurable: { model: "nosuchprovider" },
    };
    for (const callLog of [true, false]) {
      const r = await runOnServer({ ...failing, callLog });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.kind).toBe("error");
      expect(r.error).toMatch(/^UsageError: unknown model "nosuchprovider"/);
      expect(r.threadId).toBeTruthy();
      expect(r.runId).toBeTruthy();
      expect((await client.runs.get(r.threadId, r.runId as string)).status).toBe("error");
      // A failed run keeps its thread even when successful ones are deleted.
      const kept = await runOnServer({ ...failing, callLog, deleteThread: true });
      expect(kept.ok).toBe(false);
      expect((await client.threads.get(kept.threadId)).thread_id).toBe(kept.threadId);
    }
  }, 60_000);

  it("runs.wait (no call log) returns the same final state as the event stream", async () => {
    const req = {
      apiUrl: server.url,
      graphId: "react",
      input: { env: "travel", taskId: "travel-easy-002" },
      configurable: CONFIGURABLE,
    };
    const [streamed, waited] = await Promise.all([runOnServer(req), runOnServer({ ...req, callLog: false })]);
    if (!streamed.ok || !waited.ok)
      throw new Error(`a run failed: ${JSON.stringify([streamed, waited]).slice(0, 500)}`);
    expect(waited.calls).toBeNull();
    expect(streamed.calls?.length).toBe(streamed.values.usage.react.calls);
    const pick = (v: typeof streamed.values) => ({
      answer: v.answer,
      status: v.status,
      scores: v.scores,
      usage: v.usage,
      stepsUsed: v.stepsUsed,
    });
    expect(pick(waited.values)).toEqual(pick(streamed.values));
    expect(waited.values.status).toBe("completed");
    expect((await client.threads.get(waited.threadId)).thread_id).toBe(waited.threadId);

    // deleteThread: a successful run's thread is gone once its state was read.
    const deleted = await runOnServer({ ...req, callLog: false, deleteThread: true });
    expect(deleted.ok && pick(deleted.values)).toEqual(pick(waited.values));
    await expect(client.threads.get(deleted.threadId)).rejects.toThrow(/HTTP 404/);
  }, 60_000);

  it("checks the server before a sweep: missing graphs and a server that is down are one line naming it", async () => {
    await expect(checkServer(server.url, ["tdp", "react", "cot", "plan_and_act"])).resolves.toBeUndefined();
    await expect(checkServer(server.url, ["tdp", "reflexion"])).rejects.toThrow(
      new ServerUnavailableError(
        `the LangGraph server at ${server.url} serves no graph "reflexion" (it serves: cot, plan_and_act, react, tdp)`,
      ),
    );
    const down = `http://127.0.0.1:${await freePort()}`;
    for (const call of [
      checkServer(down, ["tdp"]),
      runOnServer({
        apiUrl: down,
        graphId: "tdp",
        input: { env: "travel", taskId: "travel-easy-001" },
        configurable: {},
      }),
    ]) {
      const err = await call.then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(ServerUnavailableError);
      expect(err?.message).toMatch(
        new RegExp(`^cannot reach the LangGraph server at ${down} \\(.*\\): connection failed$`),
      );
      expect(err?.stack).toBe(err?.message);
    }
  }, 60_000);

  it("a server that answers errors is one line with the status and what it said", async () => {
    const http: Server = createServer((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: "overloaded, try later" }));
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const addr = http.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    try {
      await expect(checkServer(url, ["tdp"])).rejects.toThrow(
        `the LangGraph server at ${url} answered HTTP 503 listing its assistants: overloaded, try later`,
      );
      await expect(
        runOnServer({
          apiUrl: url,
          graphId: "tdp",
          input: { env: "travel", taskId: "travel-easy-001" },
          configurable: {},
        }),
      ).rejects.toThrow(`the LangGraph server at ${url} answered HTTP 503 creating a thread: overloaded, try later`);
    } finally {
      await new Promise((r) => http.close(r));
    }
  }, 60_000);

  it("tdp bench --server URL: the CLI runs the pairs on the server and writes the usual lines", async () => {
    const { benchCommand } = await import("../src/cli/bench.js");
    const out = join(dir, "cli");
    const log = console.log;
    console.log = () => {};
    try {
      const code = await benchCommand([
        "--server",
        server.url,
        "--archs",
        "tdp,react",
        "--tasks",
        "travel-easy-001",
        "--no-report",
        "--out",
        out,
      ]);
      expect(code).toBe(0);
    } finally {
      console.log = log;
    }
    const lines = readResults(join(out, "results.jsonl"));
    expect(lines.map((l) => [l.arch, l.status, l.metrics.delivered]).sort()).toEqual([
      ["react", "completed", 1],
      ["tdp", "completed", 1],
    ]);
    const { UsageError } = await import("../src/errors.js");
    await expect(benchCommand(["--server", "ftp://x", "--out", out])).rejects.toBeInstanceOf(UsageError);
  }, 120_000);
});
