/**
 * Durable runs on PostgreSQL: LangGraph's PostgreSQL checkpointer plus the run records in a
 * `tdp_runs` table of the same database, so any machine that reaches the database can resume
 * a run another machine started.
 *
 * Opening probes the server at once (connect, create the tables if missing, check the user may
 * read and write them), so a wrong host, a failed login or a missing grant is one line before
 * any model call, not an error in the middle of a run.
 */
import pg from "pg";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { CheckpointUnavailableError, type DurableStore, type RunRecord } from "./spec.js";

/** The schema PostgresSaver writes to by default; the run records live beside its tables. */
const SCHEMA = "public";
const RUNS_TABLE = `"${SCHEMA}".tdp_runs`;
const TABLES = ["checkpoints", "checkpoint_blobs", "checkpoint_writes", "tdp_runs"].map((t) => `"${SCHEMA}".${t}`);
/** What a run does to those tables (upserts need UPDATE). */
const PRIVILEGES = ["SELECT", "INSERT", "UPDATE"];
/** Serialises table creation across processes: PostgresSaver.setup() is not safe to run concurrently. */
const SETUP_LOCK = "tdp checkpoint setup";
/** Connections one run keeps at most (parallel branches write checkpoints concurrently). */
export const POOL_MAX = 4;
const CONNECT_TIMEOUT_MS = 10_000;

interface PgErrorLike {
  code?: string;
  message?: string;
  errors?: PgErrorLike[];
}

/** The first error code on an error or inside an AggregateError (Node tries IPv4 and IPv6). */
function errorCode(e: PgErrorLike): string | undefined {
  return e.code ?? e.errors?.find((x) => x.code)?.code;
}

/** Turns what pg threw into one line that names the server and says what to check. */
export function describePgError(err: unknown, display: string): CheckpointUnavailableError {
  const e = (err ?? {}) as PgErrorLike;
  const code = errorCode(e);
  const msg = (e.message || e.errors?.[0]?.message || String(err)).split("\n")[0];
  const where = `PostgreSQL at ${display}`;
  switch (code) {
    case "ECONNREFUSED":
      return new CheckpointUnavailableError(`cannot connect to ${where}: connection refused (is the server running?)`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new CheckpointUnavailableError(`cannot connect to ${where}: unknown host`);
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new CheckpointUnavailableError(`cannot connect to ${where}: ${code}`);
    case "28P01":
    case "28000":
      return new CheckpointUnavailableError(`${where} refused the login: ${msg}`);
    case "3D000":
      return new CheckpointUnavailableError(`${where}: ${msg} (create it first, e.g. createdb)`);
    case "42501":
      return new CheckpointUnavailableError(
        `${where}: ${msg} (the tables are created once by a user with CREATE on the database; after that, SELECT, INSERT and UPDATE on them are enough)`,
      );
    case "53300":
      return new CheckpointUnavailableError(`${where}: ${msg} (raise max_connections or put a pooler in front)`);
  }
  if (/timeout/i.test(msg)) return new CheckpointUnavailableError(`cannot connect to ${where}: timed out`);
  return new CheckpointUnavailableError(`${where}: ${msg}`);
}

/** `SELECT, INSERT on a, b; UPDATE on c`: missing privileges grouped by the tables that lack the same set. */
export function missingGrants(rows: { t: string; p: string }[]): string {
  const byTable = new Map<string, string[]>();
  for (const { t, p } of rows) byTable.set(t, [...(byTable.get(t) ?? []), p]);
  const byPrivileges = new Map<string, string[]>();
  for (const [t, ps] of byTable) {
    const key = PRIVILEGES.filter((p) => ps.includes(p)).join(", ");
    byPrivileges.set(key, [...(byPrivileges.get(key) ?? []), t.replace(`"${SCHEMA}".`, `${SCHEMA}.`)]);
  }
  return [...byPrivileges].map(([ps, ts]) => `${ps} on ${ts.join(", ")}`).join("; ");
}

async function allTablesExist(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`,
    [TABLES],
  );
  return rows[0].n === 0;
}

export class PostgresCheckpointStore implements DurableStore {
  private constructor(
    readonly saver: PostgresSaver,
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  /**
   * Connects, creates LangGraph's checkpoint tables and `tdp_runs` when missing (under an
   * advisory lock, so concurrent first runs do not race), and checks the privileges a run needs.
   */
  static async open(url: string, display: string): Promise<PostgresCheckpointStore> {
    const pool = new pg.Pool({ connectionString: url, max: POOL_MAX, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    const saver = new PostgresSaver(pool);
    try {
      const lock = await pool.connect();
      try {
        await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [SETUP_LOCK]);
        try {
          await saver.setup();
          await lock.query(
            `CREATE TABLE IF NOT EXISTS ${RUNS_TABLE} (thread_id TEXT PRIMARY KEY, record JSONB NOT NULL)`,
          );
        } catch (e) {
          // setup() always runs CREATE SCHEMA, which needs CREATE on the database even when every
          // table exists: a user granted only table privileges may go on once an owner made them.
          if (errorCode(e as PgErrorLike) !== "42501" || !(await allTablesExist(lock))) throw e;
        } finally {
          await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SETUP_LOCK]);
        }
        // has_table_privilege(t, 'A, B') is true when ANY is held: ask for each privilege.
        const { rows } = await lock.query<{ t: string; p: string }>(
          `SELECT t, p FROM unnest($1::text[]) AS t CROSS JOIN unnest($2::text[]) AS p
           WHERE NOT has_table_privilege(t, p)`,
          [TABLES, PRIVILEGES],
        );
        if (rows.length)
          throw new CheckpointUnavailableError(
            `PostgreSQL at ${display}: permission denied: the user lacks ${missingGrants(rows)} (GRANT them, or use the tables' owner)`,
          );
      } finally {
        lock.release();
      }
    } catch (e) {
      await pool.end().catch(() => {});
      throw e instanceof CheckpointUnavailableError ? e : describePgError(e, display);
    }
    return new PostgresCheckpointStore(saver, pool, display);
  }

  async saveRun(threadId: string, record: RunRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${RUNS_TABLE} (thread_id, record) VALUES ($1, $2)
       ON CONFLICT (thread_id) DO UPDATE SET record = EXCLUDED.record`,
      [threadId, JSON.stringify(record)],
    );
  }

  async loadRun(threadId: string): Promise<RunRecord | null> {
    const { rows } = await this.pool.query<{ record: RunRecord }>(
      `SELECT record FROM ${RUNS_TABLE} WHERE thread_id = $1`,
      [threadId],
    );
    return rows[0]?.record ?? null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
