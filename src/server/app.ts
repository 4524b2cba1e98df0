/**
 * The custom HTTP app langgraph.json mounts (`"http": { "app": "./src/server/app.ts:app" }`).
 * The LangGraph API server routes it ahead of its own routes, so its middleware sees every request
 * first. It exists for one reason: the server accepts a run whatever its `input` (HTTP 200) and the
 * graph fails it afterwards. Here a run-creating request whose input the graphs would reject is
 * answered 422 `{ "detail": "input.<field>: <message>" }` before any run exists; every other
 * request goes on untouched.
 *
 * The body is read with `c.req.json()`, which Hono caches on the request: the server's own
 * validator reads the same cached body further down the chain. Malformed JSON is left to that
 * validator (it answers 400), as is any other problem with the payload outside `input`.
 */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { runPayloadProblem } from "./runInput.js";

/** The endpoints that create runs from a single payload (`/runs/batch` takes an array of them). */
export const RUN_CREATE_PATHS = [
  "/runs",
  "/runs/stream",
  "/runs/wait",
  "/threads/:thread_id/runs",
  "/threads/:thread_id/runs/stream",
  "/threads/:thread_id/runs/wait",
] as const;
export const RUN_BATCH_PATH = "/runs/batch";

/** Media types the server parses as JSON (it also rewrites `text/plain` to JSON). */
const JSON_BODY = /^(application\/([\w.-]+\+)?json|text\/plain)$/i;

const checkRunInput = createMiddleware(async (c, next) => {
  const mediaType = c.req.header("content-type")?.split(";")[0].trim() ?? "";
  if (!JSON_BODY.test(mediaType)) return next();
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return next();
  }
  let detail: string | null = null;
  if (c.req.path === RUN_BATCH_PATH) {
    if (!Array.isArray(body)) return next();
    for (const [i, payload] of body.entries()) {
      const problem = await runPayloadProblem(payload);
      if (problem) {
        detail = `[${i}].${problem}`;
        break;
      }
    }
  } else {
    detail = await runPayloadProblem(body);
  }
  if (detail) return c.json({ detail }, 422);
  return next();
});

export const app = new Hono();
app.on("POST", [...RUN_CREATE_PATHS, RUN_BATCH_PATH], checkRunInput);
