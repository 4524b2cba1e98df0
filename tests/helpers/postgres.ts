/**
 * A private, throwaway PostgreSQL cluster for integration tests: `initdb` in a temporary
 * directory, `pg_ctl start` on 127.0.0.1 and a free port (its socket in the same directory),
 * trust authentication, and `stop()` that shuts it down and deletes everything.
 *
 * PostgreSQL refuses to run as root: when the tests run as root, `initdb`, `pg_ctl` and the
 * server run as the `postgres` user (through `runuser`) on a directory handed to that user.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./processes.js";

const run = promisify(execFile);

export interface PgCluster {
  /** Major.minor version of the server binaries, e.g. "15.14". */
  version: string;
  port: number;
  /** The superuser the cluster was created with (trust auth: no password). */
  superuser: string;
  /** `postgres://SUPERUSER@127.0.0.1:PORT/DB` */
  url(db?: string, user?: string): string;
  /** Runs one SQL statement with psql as the superuser (for test setup: databases, roles). */
  sql(statement: string, db?: string): Promise<string>;
  /** Stops the server (fast shutdown) and deletes its directory. */
  stop(): Promise<void>;
}

/** The directory holding initdb/pg_ctl/psql: the newest /usr/lib/postgresql/N/bin, else one on PATH. */
export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")) && existsSync(join(dir, "psql")))
      return dir;
  }
  return null;
}

/** The uid/gid of the `postgres` system user, read from /etc/passwd (null when there is none). */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith("postgres:"));
    if (!line) return null;
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * Creates and starts a cluster, or returns null when this machine has no PostgreSQL binaries
 * (the caller skips, saying so). Any other failure throws, with the server log attached.
 */
export async function startPostgres(): Promise<PgCluster | null> {
  const bin = findPostgresBin();
  if (!bin) return null;
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  if (asRoot && !owner) throw new Error("running as root, but there is no `postgres` user to run PostgreSQL as");
  const dir = mkdtempSync(join(tmpdir(), "tdp-pg-"));
  const data = join(dir, "data");
  const sock = join(dir, "sock");
  const logFile = join(dir, "server.log");
  mkdirSync(sock);
  if (owner) for (const p of [dir, sock]) chownSync(p, owner.uid, owner.gid);

  const exec = (cmd: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]) : run(join(bin, cmd), args);
  const superuser = "postgres";
  const port = await freePort();
  let started = false;
  const stop = async () => {
    try {
      if (started) await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
    } finally {
      started = false;
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const { stdout } = await run(join(bin, "postgres"), ["--version"]);
    const version = /(\d+(?:\.\d+)?)/.exec(stdout)?.[1] ?? stdout.trim();
    await exec("initdb", ["-D", data, "-U", superuser, "-A", "trust", "-E", "UTF8", "--no-instructions"]);
    started = true; // from here on, stop() must try pg_ctl stop
    await exec("pg_ctl", [
      "-D",
      data,
      "-l",
      logFile,
      "-w",
      "-t",
      "60",
      "-o",
      `-k ${sock} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
    const psql = async (statement: string, db = "postgres") =>
      (
        await run(join(bin, "psql"), [
          "-X",
          "-q",
          "-A",
          "-t",
          "-v",
          "ON_ERROR_STOP=1",
          "-h",
          "127.0.0.1",
          "-p",
          String(port),
          "-U",
          superuser,
          "-d",
          db,
          "-c",
          statement,
        ])
      ).stdout.trim();
    return {
      version,
      port,
      superuser,
      url: (db = "postgres", user = superuser) => `postgres://${user}@127.0.0.1:${port}/${db}`,
      sql: psql,
      stop,
    };
  } catch (e) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-3000) : "";
    await stop().catch(() => {});
    throw new Error(
      `could not start PostgreSQL from ${bin}: ${(e as Error).message}${log ? `\n--- log ---\n${log}` : ""}`,
    );
  }
}
