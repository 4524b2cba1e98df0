/**
 * Child processes and local servers for integration tests: free ports on 127.0.0.1, process
 * groups that are always stopped, and polling with a deadline (never a fixed sleep).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Thrown from a `waitFor` check to stop polling at once (e.g. the process being waited on died). */
export class GiveUp extends Error {}

/** Polls `check` until it returns a value other than undefined/false, or fails with `what` after the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface GroupProcess {
  child: ChildProcess;
  /** Everything the process group wrote so far (stdout and stderr interleaved). */
  output(): string;
  /** Its stdout alone. */
  stdout(): string;
  /** Resolves with the exit code (or signal) once the leader exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM the whole group, then SIGKILL after `graceMs`; resolves once the leader exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL the whole group now (a crash, as far as the children can tell). */
  kill(): void;
}

/**
 * Spawns a command as the leader of a new process group, so `stop()` reaches everything it
 * started (npx -> CLI -> tsx watch -> server).
 */
export function spawnGroup(command: string, args: string[], opts: SpawnOptions = {}): GroupProcess {
  const child = spawn(command, args, { ...opts, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    child,
    output: () => out,
    stdout: () => stdout,
    exited,
    kill: () => signalGroup("SIGKILL"),
    async stop(graceMs = 5000) {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren may outlive the leader: make sure the group is gone.
      signalGroup("SIGKILL");
    },
  };
}
