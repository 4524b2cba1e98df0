/**
 * A fault-injecting OpenAI-compatible server, for the reliability test and `npm run bench:faults`.
 *
 * It plays a competent model for the toy task (look up alpha, then submit it) through
 * `/v1/chat/completions`, answering forced tool calls and `json_schema` requests alike, and
 * with a seeded probability replaces a reply by a fault the way real providers fail: 429 with
 * and without `retry-after`, 500, a truncated JSON body, a hang past the client's timeout, a
 * reply that breaks the requested schema, a cyclic DAG, or a call of a tool that crashes.
 * It listens on 127.0.0.1 on a free port; `close()` ends every connection, hung ones included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createRng } from "../../src/tools/rng.js";

export const FAULT_KINDS = [
  "rate_limit",
  "rate_limit_retry_after",
  "server_error",
  "broken_json",
  "hang",
  "schema_violation",
  "cyclic_dag",
  "tool_crash",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
  tool_choice?: { type: string; function?: { name: string } } | string;
  response_format?: { type: string; json_schema?: { name: string } };
  tools?: { function?: { name: string } }[];
}

/** The toy task's key: the Executor of sub-task "a" looks it up; "b" submits its value. */
export const FACTS = { alpha: "ALPHA-7731" };
/** A lookup of this key makes the toy tool throw. */
export const CRASH_KEY = "explode";

function textOf(req: ChatRequest): string {
  return req.messages.map((m) => `${m.content ?? ""}${JSON.stringify(m.tool_calls ?? [])}`).join("\n");
}

/** What a competent model answers, by role (the forced tool or schema name) and sub-task (its spec). */
function decide(req: ChatRequest, fault: FaultKind | null): { name: string; args: Record<string, unknown> } {
  const forced = typeof req.tool_choice === "object" ? req.tool_choice.function?.name : undefined;
  const role = forced ?? req.response_format?.json_schema?.name ?? "act";
  const text = textOf(req);
  const node = text.includes("Sub-task: Look up key alpha.") ? "a" : "b";
  switch (role) {
    case "construct_dag":
      return {
        name: role,
        args: {
          nodes: [
            { id: "a", spec: "Look up key alpha.", deps: fault === "cyclic_dag" ? ["b"] : [], tools: ["lookup"] },
            { id: "b", spec: "Submit the value found for alpha.", deps: ["a"], tools: null },
          ],
        },
      };
    case "write_plan":
      return { name: role, args: { steps: ["one tool call"] } };
    case "evaluate_step": {
      const done = node === "a" ? text.includes(FACTS.alpha) : text.includes("Submitted.");
      return {
        name: role,
        args: {
          status: fault === "schema_violation" ? "probably_done" : done ? "completed" : "needs_more_steps",
          replan: false,
          guidance: done ? null : "Call the tool for this sub-task.",
          outcome: done ? (node === "a" ? `alpha = ${FACTS.alpha}` : "submitted") : null,
        },
      };
    }
    case "global_plan": {
      // A baseline's plan (CoT, Plan-and-Act): what remains of "look up alpha, submit it".
      const steps = text.includes("Submitted.")
        ? []
        : text.includes(FACTS.alpha)
          ? ["submit"]
          : ["lookup alpha", "submit"];
      return { name: role, args: { steps: fault === "schema_violation" ? "all of them" : steps } };
    }
    case "revise_dag":
      return { name: role, args: { update: [], add: [], remove: [] } };
    case "deliver_answer":
      return { name: role, args: { answer: FACTS.alpha } };
    default:
      if (fault === "tool_crash") return { name: "lookup", args: { key: CRASH_KEY } };
      if (!text.includes("Sub-task:")) {
        // A single-history baseline: look up, submit, then say so without a tool.
        if (!text.includes(`"${FACTS.alpha}"`) && !text.includes(`= ${FACTS.alpha}`))
          return { name: "lookup", args: { key: "alpha" } };
        if (!text.includes("Submitted.")) return { name: "submit", args: { answer: FACTS.alpha } };
        return { name: "", args: {} };
      }
      // Under evaluate: on_signal, a sub-task whose work is done says so (finish_sub_task).
      if ((req.tools ?? []).some((t) => t.function?.name === "finish_sub_task")) {
        const done = node === "a" ? text.includes(`= ${FACTS.alpha}`) : text.includes("Submitted.");
        if (done) return { name: "finish_sub_task", args: {} };
      }
      return node === "a"
        ? { name: "lookup", args: { key: "alpha" } }
        : { name: "submit", args: { answer: FACTS.alpha } };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface FaultServerOptions {
  /** Probability that a request gets a fault. */
  rate: number;
  /** Which faults may be drawn (default: all). */
  kinds?: readonly FaultKind[];
  seed: number;
  /** How long a hung request is held before the server answers it (beyond any client timeout). */
  hangMs?: number;
}

export interface FaultServer {
  baseURL: string;
  /** Faults injected so far, by kind. */
  injected: Record<string, number>;
  requests: number;
  /** New rate, kinds and seed for the next requests. */
  reset(opts: FaultServerOptions): void;
  close(): Promise<void>;
}

function reply(res: ServerResponse, model: string, name: string, args: Record<string, unknown>, json: boolean) {
  // No tool to call: a plain-text final answer.
  if (!name) json = false;
  const message = !name
    ? { role: "assistant", content: FACTS.alpha }
    : json
      ? { role: "assistant", content: JSON.stringify(args) }
      : {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: `call_${Math.random().toString(36).slice(2)}`,
              type: "function",
              function: { name, arguments: JSON.stringify(args) },
            },
          ],
        };
  res.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      // Unique per reply: LangChain keys messages by this id, and chat reducers merge equal ids.
      id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
      object: "chat.completion",
      created: 0,
      model,
      choices: [{ index: 0, message, finish_reason: json || !name ? "stop" : "tool_calls" }],
      usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
    }),
  );
}

export async function startFaultServer(initial: FaultServerOptions): Promise<FaultServer> {
  let opts = initial;
  let draw = createRng(initial.seed);
  const sockets = new Set<Socket>();
  const hung = new Set<NodeJS.Timeout>();
  const state: FaultServer = {
    baseURL: "",
    injected: {},
    requests: 0,
    reset(next) {
      opts = next;
      draw = createRng(next.seed);
    },
    async close() {
      for (const t of hung) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    state.requests++;
    const kinds = opts.kinds ?? FAULT_KINDS;
    const fault = draw() < opts.rate ? kinds[Math.floor(draw() * kinds.length)] : null;
    if (fault) state.injected[fault] = (state.injected[fault] ?? 0) + 1;
    const error = (status: number, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { "content-type": "application/json", ...headers })
        .end(JSON.stringify({ error: { message: `injected ${fault}`, type: "server_error" } }));
    switch (fault) {
      case "rate_limit":
        return error(429);
      case "rate_limit_retry_after":
        return error(429, { "retry-after": "0.05" });
      case "server_error":
        return error(500);
      case "broken_json":
        return res.writeHead(200, { "content-type": "application/json" }).end('{"id":"chatcmpl-x","choices":[{"mess');
      case "hang": {
        // Answered only long after the client gave up (or never, if the server closes first).
        const t = setTimeout(() => {
          hung.delete(t);
          if (!res.writableEnded) error(500);
        }, opts.hangMs ?? 5000);
        hung.add(t);
        return;
      }
    }
    const { name, args } = decide(body, fault);
    reply(res, body.model, name, args, body.response_format?.type === "json_schema");
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
