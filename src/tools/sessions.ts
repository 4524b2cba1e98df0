/**
 * Live environment sessions, keyed by run id. Graph state must stay serialisable, so the
 * world a run acts on lives here and the state only carries its key.
 */
import { getEnvironment } from "./registry.js";
import type { EnvSession, Environment } from "./types.js";

const sessions = new Map<string, { env: Environment; taskId: string | null; session: EnvSession }>();

/** The session of a run, created on first use (also after a process restart). */
export async function sessionFor(
  runId: string,
  envName: string,
  taskId: string | null,
): Promise<{ env: Environment; session: EnvSession }> {
  const existing = sessions.get(runId);
  if (existing && existing.env.name === envName && existing.taskId === taskId) return existing;
  const env = await getEnvironment(envName);
  if (taskId) env.task(taskId); // throws UnknownTaskError for a bad id
  // A free-form query acts on the world of the environment's first task (travel and wiki
  // worlds do not depend on the task; science's does, so its query runs are less meaningful).
  const entry = { env, taskId, session: env.createSession(taskId ?? env.tasks()[0].id) };
  sessions.set(runId, entry);
  return entry;
}

/** Forget a finished run's world (the scores are already in the state). */
export function releaseSession(runId: string): void {
  sessions.delete(runId);
}

/** For tests and benchmarks that inspect a run's world after it ended. */
export function peekSession(runId: string): EnvSession | undefined {
  return sessions.get(runId)?.session;
}
