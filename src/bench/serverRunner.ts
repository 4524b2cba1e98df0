/**
 * Benchmark runs on a LangGraph API server (`langgraph dev`, `langgraph up`, a self-hosted or
 * cloud deployment) instead of in this process: one thread per (task, architecture) run, the
 * architecture's graph from `langgraph.json` as the assistant, the model, budgets and noise as
 * the run's configurable. The server's queue workers do the work; this side only waits.
 *
 * A run the server reports as failed (graph error, rejected input) comes back as a failure
 * value, never an exception, so a sweep records it and goes on. Only a server that cannot be
 * reached (or fails where no single run is to blame, e.g. creating a thread) throws, as one line
 * naming the URL.
 */
import { Client } from "@langchain/langgraph-sdk";
import { ensureConfiguration } from "../configuration.js";
import { totalUsage, type Usage } from "../state/reducers.js";
import { getEnvironment } from "../tools/registry.js";
import type { ArchName, ArchState } from "../graph/archs.js";
import type { BenchRecord } from "./record.js";
import type { TaskRunSpec } from "./runTask.js";

/** The server cannot be used at all: one line naming it (exit 1). Its stack is the message alone. */
export class ServerUnavailableError extends Error {
  override name = "ServerUnavailableError";
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

export interface ServerRunRequest {
  apiUrl: string;
  /** Assistant to run: a graph id of `langgraph.json` (tdp, react, cot, plan_and_act). */
  graphId: string;
  input: { env: string; taskId: string };
  /** Model, maxSteps, noise, seed, caps: sent as the run's `config.configurable`. */
  configurable: Record<string, unknown>;
  /**
   * Also record every LLM call (role, prompt tokens, environment steps so far), as the in-process
   * bench does, by streaming the run's events (about 1 MB per TDP travel run with the offline
   * model). Off: one `runs.wait` call, final state only. Default on.
   */
  callLog?: boolean;
  /**
   * Delete the thread once a successful run's state is read, so a long sweep does not fill the
   * server's database (about 0.7 MB per TDP travel run). Failed runs keep theirs, for inspection.
   */
  deleteThread?: boolean;
  /** Run metadata (shown in Studio and LangSmith). */
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Reuse clients across runs (see `serverClients`). */
  clients?: ServerClients;
}

/** One LLM call of a served run, read from its `on_chat_model_end` event. */
export interface ServerCall {
  role: string;
  inputTokens: number;
  outputTokens: number;
  /** Tool calls started before this LLM call returned (the in-process bench's `call_steps`). */
  steps: number;
}

interface RunIds {
  threadId: string;
  runId: string | null;
  /** Client-side wall time, seconds: queueing on the server included. */
  wallS: number;
  /** Null when `callLog` was off or the run never started. */
  calls: ServerCall[] | null;
}

export type ServerRunResult =
  | (RunIds & { ok: true; values: ArchState })
  | (RunIds & {
      ok: false;
      /** `rejected`: the server refused to start the run (HTTP 4xx, e.g. an unknown task); else the run's status. */
      kind: "rejected" | "error" | "timeout" | "interrupted" | "http";
      /** One line: what the server said. */
      error: string;
      /** The thread's state when the run stopped, when there is one. */
      values: Partial<ArchState> | null;
    });

/**
 * Two clients on one server: `control` retries (thread creation, reads), `submit` never does,
 * because a POST that starts a run and is retried after a 5xx would start the same run twice.
 */
export interface ServerClients {
  apiUrl: string;
  control: Client;
  submit: Client;
}

export function serverClients(apiUrl: string): ServerClients {
  return {
    apiUrl,
    control: new Client({ apiUrl, callerOptions: { maxRetries: 2 } }),
    submit: new Client({ apiUrl, callerOptions: { maxRetries: 0 } }),
  };
}

interface HttpErrorLike {
  name?: string;
  message?: string;
  status?: number;
  text?: string;
}

function isConnectionError(e: unknown): boolean {
  const err = e as HttpErrorLike;
  return (
    err?.name === "ConnectionError" ||
    err?.name === "TimeoutError" ||
    /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up|other side closed/i.test(err?.message ?? "")
  );
}

/** The server's own words from an HTTP error body: `{"detail": ...}` or the text itself, on one line. */
function httpDetail(e: HttpErrorLike): string {
  const text = e.text ?? e.message ?? "";
  try {
    const body = JSON.parse(text) as { detail?: unknown; message?: unknown };
    const detail = body.detail ?? body.message;
    if (typeof detail === "string") return detail.split("\n")[0];
  } catch {
    // not JSON
  }
  return text.split("\n")[0].slice(0, 300);
}

/** A run error as the in-process bench writes one: `Name: message`, unwrapping the server's JSON envelope. */
export function runErrorLine(error: unknown, message: unknown): string {
  let name = typeof error === "string" ? error : "Error";
  let msg = typeof message === "string" ? message : JSON.stringify(message ?? "");
  // The JS server wraps the graph's error as {"error": name, "message": text} inside `message`.
  for (let i = 0; i < 2; i++) {
    try {
      const inner = JSON.parse(msg) as { error?: unknown; message?: unknown };
      if (typeof inner?.message !== "string") break;
      if (typeof inner.error === "string") name = inner.error;
      msg = inner.message;
    } catch {
      break;
    }
  }
  return `${name}: ${msg.split("\n")[0]}`;
}

function unavailable(apiUrl: string, e: unknown, doing: string): ServerUnavailableError {
  const err = e as HttpErrorLike;
  if (isConnectionError(e))
    return new ServerUnavailableError(`cannot reach the LangGraph server at ${apiUrl} (${doing}): connection failed`);
  if (typeof err?.status === "number")
    return new ServerUnavailableError(
      `the LangGraph server at ${apiUrl} answered HTTP ${err.status} ${doing}: ${httpDetail(err)}`,
    );
  return new ServerUnavailableError(
    `the LangGraph server at ${apiUrl} failed ${doing}: ${(err?.message ?? String(e)).split("\n")[0]}`,
  );
}

/**
 * Checks the server answers and serves every graph the sweep needs, before any run starts.
 * Throws ServerUnavailableError (one line naming the URL) when it does not.
 */
export async function checkServer(apiUrl: string, graphIds: readonly string[], clients = serverClients(apiUrl)) {
  let served: string[];
  try {
    const assistants = await clients.control.assistants.search({ limit: 1000 });
    served = [...new Set(assistants.map((a) => a.graph_id))];
  } catch (e) {
    throw unavailable(apiUrl, e, "listing its assistants");
  }
  const missing = graphIds.filter((g) => !served.includes(g));
  if (missing.length)
    throw new ServerUnavailableError(
      `the LangGraph server at ${apiUrl} serves no graph ${missing.map((g) => `"${g}"`).join(", ")} (it serves: ${[...served].sort().join(", ") || "none"})`,
    );
}

interface StreamEventData {
  event?: string;
  metadata?: Record<string, unknown>;
  data?: { output?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } } };
  run_id?: string;
  error?: unknown;
  message?: unknown;
}

/**
 * Runs one task on one served graph and returns its final state, or a failure value.
 * Throws only ServerUnavailableError: the server is unreachable or cannot create a thread.
 */
export async function runOnServer(req: ServerRunRequest): Promise<ServerRunResult> {
  const clients = req.clients ?? serverClients(req.apiUrl);
  const started = performance.now();
  const wall = () => Math.round(performance.now() - started) / 1000;
  let threadId: string;
  try {
    threadId = (await clients.control.threads.create({ metadata: { ...req.metadata, graph_id: req.graphId } }))
      .thread_id;
  } catch (e) {
    throw unavailable(req.apiUrl, e, "creating a thread");
  }
  const payload = {
    input: req.input,
    config: { configurable: req.configurable },
    metadata: req.metadata,
    signal: req.signal,
  };
  let runId: string | null = null;
  let calls: ServerCall[] | null = null;
  let streamError: string | null = null;
  try {
    if (req.callLog ?? true) {
      calls = [];
      let toolCalls = 0;
      for await (const ev of clients.submit.runs.stream(threadId, req.graphId, {
        ...payload,
        streamMode: ["events"],
      })) {
        const d = (ev.data ?? {}) as StreamEventData;
        if (ev.event === "metadata" && typeof d.run_id === "string") runId = d.run_id;
        else if (ev.event === "error") streamError = runErrorLine(d.error, d.message);
        else if (d.event === "on_tool_start") toolCalls++;
        else if (d.event === "on_chat_model_end") {
          const u = d.data?.output?.usage_metadata;
          calls.push({
            role: typeof d.metadata?.role === "string" ? d.metadata.role : "unknown",
            inputTokens: u?.input_tokens ?? 0,
            outputTokens: u?.output_tokens ?? 0,
            steps: toolCalls,
          });
        }
      }
    } else {
      const out = (await clients.submit.runs.wait(threadId, req.graphId, {
        ...payload,
        raiseError: false,
        onRunCreated: (m) => {
          runId = m.run_id;
        },
      })) as Record<string, unknown>;
      const err = out?.__error__ as { error?: unknown; message?: unknown } | undefined;
      if (err) streamError = runErrorLine(err.error, err.message);
    }
  } catch (e) {
    if (isConnectionError(e)) throw unavailable(req.apiUrl, e, `running ${req.graphId} on ${req.input.taskId}`);
    const err = e as HttpErrorLike;
    const rejected = typeof err.status === "number" && err.status >= 400 && err.status < 500;
    return {
      ok: false,
      kind: rejected ? "rejected" : "http",
      error:
        typeof err.status === "number"
          ? `server ${rejected ? "rejected" : "failed"} the run (HTTP ${err.status}): ${httpDetail(err)}`
          : runErrorLine(err.name, err.message),
      threadId,
      runId,
      values: null,
      calls,
      wallS: wall(),
    };
  }
  const wallS = wall();
  let status: string | null = null;
  let values: Partial<ArchState> | null = null;
  try {
    if (runId) status = (await clients.control.runs.get(threadId, runId)).status;
    values = ((await clients.control.threads.getState(threadId)).values ?? null) as Partial<ArchState> | null;
  } catch (e) {
    throw unavailable(req.apiUrl, e, `reading thread ${threadId}`);
  }
  if (status === "success" && !streamError && values && typeof values.status === "string") {
    if (req.deleteThread) {
      try {
        await clients.control.threads.delete(threadId);
      } catch (e) {
        throw unavailable(req.apiUrl, e, `deleting thread ${threadId}`);
      }
    }
    return { ok: true, threadId, runId, values: values as ArchState, calls, wallS };
  }
  const kind = status === "timeout" || status === "interrupted" ? status : "error";
  return {
    ok: false,
    kind,
    error: streamError ?? `run ${runId ?? "?"} ended with status ${status ?? "unknown"} (thread ${threadId})`,
    threadId,
    runId,
    values: values && Object.keys(values).length ? values : null,
    calls,
    wallS,
  };
}

/** Self-Revisions that changed the DAG: counted as the in-process bench counts them. */
function changedRevisions(values: Partial<ArchState> | null): number {
  return (values?.revisions ?? []).filter((r) => r.stage === "revise" && r.accepted && r.changes > 0).length;
}

/**
 * The result line of a served run, field for field as `runTask` writes one in process, so
 * `tdp report` cannot tell them apart (but for `wall_s`, which includes the server's queueing).
 */
export async function serverBenchRecord(spec: TaskRunSpec, result: ServerRunResult): Promise<BenchRecord> {
  const cfg = ensureConfiguration({ configurable: spec.configurable });
  const maxSteps = cfg.maxSteps ?? (await getEnvironment(spec.env)).defaultMaxSteps;
  const values = result.values;
  const usage: Usage = values?.usage ?? {};
  const total = totalUsage(usage);
  const calls = result.calls ?? [];
  const status = result.ok && values?.status && values.status !== "running" ? values.status : "failed";
  return {
    v: 1,
    env: spec.env,
    task_id: spec.taskId,
    level: spec.level,
    arch: spec.arch,
    model: spec.model,
    noise: cfg.noise,
    schedule: cfg.schedule,
    evaluate: cfg.evaluate,
    seed: cfg.seed,
    max_steps: maxSteps,
    status,
    metrics: values?.scores ?? {},
    tokens_in: total.input,
    tokens_out: total.output,
    tokens_by_role: Object.fromEntries(Object.entries(usage).filter(([k]) => !k.startsWith("node:"))),
    llm_calls: total.calls,
    steps: values?.stepsUsed ?? calls.at(-1)?.steps ?? 0,
    replans: values?.replans ?? 0,
    revisions: changedRevisions(values),
    wall_s: result.wallS,
    // As in process: a run that ended `error` (its model could not be used) records its reason.
    error: result.ok
      ? status === "error"
        ? (values?.reason ?? "the run ended with status error")
        : null
      : result.error,
    prompt_tokens: calls.map((c) => c.inputTokens),
    call_steps: calls.map((c) => c.steps),
    call_roles: calls.map((c) => c.role),
    finished_at: new Date().toISOString(),
  };
}

/**
 * A `runner` for `runBench` (src/bench/harness.ts): each (task, architecture) pair runs on the
 * server, with the harness's own concurrency, progress, JSONL lines and resume.
 */
export function serverTaskRunner(
  apiUrl: string,
  opts: { callLog?: boolean; deleteThreads?: boolean; clients?: ServerClients } = {},
): (spec: TaskRunSpec) => Promise<BenchRecord> {
  const clients = opts.clients ?? serverClients(apiUrl);
  return async (spec) => {
    const result = await runOnServer({
      apiUrl,
      graphId: spec.arch satisfies ArchName,
      input: { env: spec.env, taskId: spec.taskId },
      configurable: spec.configurable,
      callLog: opts.callLog,
      deleteThread: opts.deleteThreads,
      metadata: { arch: spec.arch, env: spec.env, task_id: spec.taskId, bench: true },
      clients,
    });
    return serverBenchRecord(spec, result);
  };
}
