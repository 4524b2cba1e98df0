/**
 * The real model path: a whole TDP run through `ChatOpenAI` (@langchain/openai) against a
 * local OpenAI-compatible server started by the test. The server scripts tool calls and
 * structured outputs and reports token usage, which must show up in the run's usage.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureConfiguration } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { createToyEnv } from "./helpers/toyEnv.js";

interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
  tools?: { function: { name: string } }[];
  tool_choice?: { type: string; function?: { name: string } } | string;
  response_format?: { type: string; json_schema?: { name: string } };
}

const PROMPT_TOKENS = 1000;
const COMPLETION_TOKENS = 17;

/** What a competent model would answer, by role and sub-task. */
function decide(req: ChatRequest): { name: string; args: Record<string, unknown> } {
  const text = req.messages.map((m) => `${m.content ?? ""}${JSON.stringify(m.tool_calls ?? [])}`).join("\n");
  const forced = typeof req.tool_choice === "object" ? req.tool_choice.function?.name : undefined;
  const role = forced ?? req.response_format?.json_schema?.name ?? "act";
  // A model reads the sub-task it was given: the spec text the Supervisor wrote below.
  const node = text.includes("Sub-task: Look up key alpha.") ? "a" : "b";
  switch (role) {
    case "construct_dag":
      return {
        name: role,
        args: {
          nodes: [
            { id: "a", spec: "Look up key alpha.", deps: [], tools: null },
            { id: "b", spec: "Submit the value found for alpha.", deps: ["a"], tools: null },
          ],
        },
      };
    case "write_plan":
      return { name: role, args: { steps: ["one tool call"] } };
    case "evaluate_step":
      return {
        name: role,
        args: {
          status: "completed",
          replan: false,
          guidance: null,
          outcome: node === "a" ? "alpha = ALPHA-7731" : "submitted",
        },
      };
    case "revise_dag":
      return { name: role, args: { update: [], add: [], remove: [] } };
    case "deliver_answer":
      return { name: role, args: { answer: "unused" } };
    default:
      return node === "a"
        ? { name: "lookup", args: { key: "alpha" } }
        : { name: "submit", args: { answer: "ALPHA-7731" } };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("ChatOpenAI against a local OpenAI-compatible server", () => {
  let server: Server;
  let baseURL: string;
  const seen: { body: ChatRequest; auth: string | undefined }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const body = JSON.parse(await readBody(req)) as ChatRequest;
      if (req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      if (failNext > 0) {
        failNext--;
        res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "try again", type: "server_error" } }));
        return;
      }
      seen.push({ body, auth: req.headers.authorization });
      const { name, args } = decide(body);
      const jsonMode = body.response_format?.type === "json_schema";
      const message = jsonMode
        ? { role: "assistant", content: JSON.stringify(args) }
        : {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: `call_${seen.length}`, type: "function", function: { name, arguments: JSON.stringify(args) } },
            ],
          };
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${seen.length}`,
          object: "chat.completion",
          created: 0,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: jsonMode ? "stop" : "tool_calls" }],
          usage: {
            prompt_tokens: PROMPT_TOKENS,
            completion_tokens: COMPLETION_TOKENS,
            total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS,
          },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    registerEnvironment(createToyEnv({ name: "toy-openai" }));
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  beforeEach(() => {
    seen.length = 0;
    process.env.OPENAI_BASE_URL = baseURL;
    process.env.OPENAI_API_KEY = "sk-local-test-key";
  });

  afterEach(() => {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_API_KEY;
  });

  async function run(method: "functionCalling" | "jsonSchema") {
    // The paper's loop: every Planner and Evaluator call goes through structured output (the point here).
    const configurable = {
      model: "openai/local-model",
      structuredOutputMethod: method,
      maxSteps: 10,
      evaluate: "every_step",
    };
    return createTdpGraph().invoke(
      { env: "toy-openai", taskId: "toy-1" },
      { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) },
    );
  }

  it("runs TDP end to end with forced tool calls, and reports the server's token usage", async () => {
    failNext = 1; // the first request fails with a 500 and is retried
    const out = await run("functionCalling");
    expect(out.status).toBe("completed");
    expect(out.answer).toBe("ALPHA-7731");
    expect(out.scores?.delivered).toBe(1);

    // supervisor 1 + 2 nodes x (planner, executor, evaluator) = 7 calls: nothing failed, so no Self-Revision.
    expect(seen).toHaveLength(7);
    const calls = Object.entries(out.usage)
      .filter(([k]) => !k.startsWith("node:"))
      .reduce((s, [, u]) => s + u.calls, 0);
    const input = Object.entries(out.usage)
      .filter(([k]) => !k.startsWith("node:"))
      .reduce((s, [, u]) => s + u.input, 0);
    expect(calls).toBe(7);
    expect(input).toBe(7 * PROMPT_TOKENS);
    expect(out.usage.executor).toEqual({ input: 2 * PROMPT_TOKENS, output: 2 * COMPLETION_TOKENS, calls: 2 });

    expect(seen.every((s) => s.auth === "Bearer sk-local-test-key")).toBe(true);
    expect(seen.every((s) => s.body.model === "local-model")).toBe(true);
    const executorReq = seen.find((s) => s.body.tools?.some((t) => t.function.name === "lookup"));
    expect(executorReq?.body.tools?.map((t) => t.function.name).sort()).toEqual(["lookup", "submit"]);
    const constructReq = seen[0].body;
    expect(constructReq.tool_choice).toMatchObject({ type: "function", function: { name: "construct_dag" } });
  });

  it("uses response_format json_schema when configured", async () => {
    const out = await run("jsonSchema");
    expect(out.status).toBe("completed");
    const structured = seen.filter((s) => s.body.response_format?.type === "json_schema");
    expect(structured.map((s) => s.body.response_format?.json_schema?.name)).toContain("construct_dag");
    expect(structured.map((s) => s.body.response_format?.json_schema?.name)).toContain("evaluate_step");
    expect(out.usage.supervisor.input).toBe(PROMPT_TOKENS);
  });
});
