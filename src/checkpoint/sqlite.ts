/**
 * Durable runs: the SQLite checkpointer plus a small record of how each run was started.
 *
 * LangGraph's checkpoints hold the graph state, not the run's configuration (model, budgets,
 * noise, seed), so `tdp resume` could not rebuild the same run from them alone. Each run's
 * request is stored beside the checkpoints, in the same database file, keyed by thread id.
 */
import { existsSync } from "node:fs";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { UsageError } from "../errors.js";

export const CHECKPOINT_HELP = "sqlite:PATH (a SQLite file; created if missing)";

/** `--checkpoint` value: only SQLite is durable; the in-memory default needs no flag. */
export function parseCheckpointSpec(spec: string): { kind: "sqlite"; path: string } {
  const m = /^sqlite:(.+)$/.exec(spec.trim());
  if (!m || !m[1].trim()) throw new UsageError(`--checkpoint must be ${CHECKPOINT_HELP}, got "${spec}"`);
  return { kind: "sqlite", path: m[1].trim() };
}

/** How a run was started: enough to continue it with the same settings. */
export interface RunRecord {
  arch: string;
  env: string | null;
  taskId: string | null;
  query: string | null;
  configurable: Record<string, unknown>;
  createdAt: string;
}

/** The part of better-sqlite3's API used here (the package ships no types of its own). */
interface Db {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown };
  close(): void;
}

export class CheckpointStore {
  readonly saver: SqliteSaver;
  private readonly db: Db;

  private constructor(readonly path: string) {
    this.saver = SqliteSaver.fromConnString(path);
    this.db = (this.saver as unknown as { db: Db }).db;
    this.db.exec(`CREATE TABLE IF NOT EXISTS tdp_runs (thread_id TEXT PRIMARY KEY, record TEXT NOT NULL)`);
  }

  /** Opens (creating if needed) the database a `--checkpoint sqlite:PATH` names. */
  static open(spec: string, opts: { mustExist?: boolean } = {}): CheckpointStore {
    const { path } = parseCheckpointSpec(spec);
    if (opts.mustExist && !existsSync(path)) throw new UsageError(`no checkpoint database at ${path}`);
    return new CheckpointStore(path);
  }

  saveRun(threadId: string, record: RunRecord): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO tdp_runs (thread_id, record) VALUES (?, ?)`)
      .run(threadId, JSON.stringify(record));
  }

  loadRun(threadId: string): RunRecord | null {
    const row = this.db.prepare(`SELECT record FROM tdp_runs WHERE thread_id = ?`).get(threadId) as
      { record: string } | undefined;
    return row ? (JSON.parse(row.record) as RunRecord) : null;
  }

  close(): void {
    this.db.close();
  }
}
