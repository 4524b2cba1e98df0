/**
 * Live environment sessions, keyed by run id. Graph state must stay serialisable, so the
 * world a run acts on lives here and the state only carries its key.
 *
 * A session is released when its run ends: by the delivery node (every run that finishes,
 * cleanly or not), by `runArch` when a run stops for any reason, and, for runs a server
 * cancels or loses mid-way, by an idle sweep, so a long-running server does not grow.
 */
import { getEnvironment } from "./registry.js";
import type { EnvSession } from "./types.js";

interface Entry {
  envName: string;
  taskId: string | null;
  session: EnvSession;
  lastUsed: number;
}

const sessions = new Map<string, Entry>();

/** Sessions unused for this long are dropped by the sweep (a live run touches its session at every step). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

let sweeper: ReturnType<typeof setInterval> | null = null;

function startSweeper(): void {
  if (sweeper) return;
  sweeper = setInterval(() => sweepIdleSessions(Date.now()), 60_000);
  sweeper.unref();
}

/** Drops sessions idle since before `now - idleMs`; returns how many. */
export function sweepIdleSessions(now: number, idleMs = SESSION_IDLE_MS): number {
  let dropped = 0;
  for (const [runId, e] of sessions) {
    if (now - e.lastUsed > idleMs) {
      sessions.delete(runId);
      dropped++;
    }
  }
  return dropped;
}

/** The session of a run, created on first use (also after a process restart). */
export async function sessionFor(runId: string, envName: string, taskId: string | null): Promise<EnvSession> {
  const existing = sessions.get(runId);
  if (existing && existing.envName === envName && existing.taskId === taskId) {
    existing.lastUsed = Date.now();
    return existing.session;
  }
  const env = await getEnvironment(envName);
  if (taskId) env.task(taskId); // throws UnknownTaskError for a bad id
  // A free-form query acts on the world of the environment's first task (travel and wiki
  // worlds do not depend on the task; science's does, so its query runs are less meaningful).
  const session = env.createSession(taskId ?? env.tasks()[0].id);
  sessions.set(runId, { envName, taskId, session, lastUsed: Date.now() });
  startSweeper();
  return session;
}

/** Forget a finished run's world (the scores are already in the state). */
export function releaseSession(runId: string): void {
  sessions.delete(runId);
}

/** For tests and benchmarks that inspect a run's world after it ended. */
export function peekSession(runId: string): EnvSession | undefined {
  return sessions.get(runId)?.session;
}

/** Number of live sessions (tests check that runs release theirs). */
export function liveSessionCount(): number {
  return sessions.size;
}
