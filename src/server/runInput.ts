/**
 * The input checks a run gets before the LangGraph API server accepts it. The server does not
 * check `input` against the graph's input schema: left alone it answers 200, queues the run, and
 * the graph fails it a moment later. These checks find the same mistakes up front, so the HTTP
 * app (./app.ts) can answer 422 instead. They are the rules the graphs apply to an input on its
 * own (every served graph shares `GraphInput` and `resolveTaskInput`), with the same messages.
 */
import { GraphInput } from "../state/input.js";
import { ENVIRONMENT_NAMES, getEnvironment } from "../tools/registry.js";
import { type Environment } from "../tools/types.js";
import { UsageError } from "../errors.js";

/** A user mistake's one-line message; anything else is a server bug and is rethrown. */
function usageMessage(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  throw err;
}

/** Why a run's input would fail, as one line `input.<field>: <message>`; null when it would not. */
export async function runInputProblem(input: unknown): Promise<string | null> {
  const parsed = GraphInput.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues
      .map((issue) => `${["input", ...issue.path.map(String)].join(".")}: ${issue.message}`)
      .join("; ");
  }
  const { task, env, taskId } = parsed.data;
  // In the order a user needs them: a wrong env name first (it names the choices), then what is missing.
  let environment: Environment | null = null;
  if (env) {
    try {
      environment = await getEnvironment(env);
    } catch (err) {
      return `input.env: ${usageMessage(err)}`;
    }
  }
  if (taskId && !env) return "input.env: a taskId needs an env";
  if (!task?.trim() && !taskId) return "input: empty task: give a task, or an env and a taskId";
  // The served graphs get no tools of their own: every run works on a bundled environment's tools.
  if (!environment)
    return `input.env: required: the served graphs act through a bundled environment's tools (one of: ${ENVIRONMENT_NAMES.join(", ")})`;
  if (taskId) {
    try {
      environment.task(taskId);
    } catch (err) {
      return `input.taskId: ${usageMessage(err)}`;
    }
  }
  return null;
}

/**
 * The problem with one run-create payload (`POST /runs`, `/threads/{id}/runs`, ...), or null.
 * A run with a `command` (resuming an interrupt) ignores `input`, exactly as the server does, and a
 * run without `input` continues the thread: neither is checked. Anything that is not a JSON object
 * is left to the server's own request validation.
 */
export async function runPayloadProblem(payload: unknown): Promise<string | null> {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const { input, command } = payload as { input?: unknown; command?: unknown };
  if (command != null || input == null) return null;
  return runInputProblem(input);
}
