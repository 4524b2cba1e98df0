/**
 * Durable runs on SQLite: LangGraph's SQLite checkpointer plus the run records (how each run
 * was started) in a `tdp_runs` table of the same database file, keyed by thread id.
 */
import { existsSync } from "node:fs";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { UsageError } from "../errors.js";
import { parseCheckpointSpec, type DurableStore, type RunRecord } from "./spec.js";

// Until src/index.ts exports them from ./store.js, the package's public names stay reachable here.
export { CHECKPOINT_HELP, parseCheckpointSpec, type RunRecord } from "./spec.js";

/** The part of better-sqlite3's API used here (the package ships no types of its own). */
interface Db {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown };
  close(): void;
}

export class CheckpointStore implements DurableStore {
  readonly saver: SqliteSaver;
  private readonly db: Db;

  private constructor(readonly path: string) {
    this.saver = SqliteSaver.fromConnString(path);
    this.db = (this.saver as unknown as { db: Db }).db;
    this.db.exec(`CREATE TABLE IF NOT EXISTS tdp_runs (thread_id TEXT PRIMARY KEY, record TEXT NOT NULL)`);
  }

  get location(): string {
    return this.path;
  }

  /** Opens (creating if needed) the database a `--checkpoint sqlite:PATH` names. */
  static open(spec: string, opts: { mustExist?: boolean } = {}): CheckpointStore {
    const parsed = parseCheckpointSpec(spec);
    if (parsed.kind !== "sqlite") throw new UsageError(`not a SQLite checkpoint: ${spec}`);
    if (opts.mustExist && !existsSync(parsed.path)) throw new UsageError(`no checkpoint database at ${parsed.path}`);
    try {
      return new CheckpointStore(parsed.path);
    } catch (e) {
      // A file that is not a SQLite database (or a directory, or unreadable) is the user's to fix.
      throw new UsageError(
        `cannot open ${parsed.path} as a SQLite checkpoint database: ${(e as Error).message.split("\n")[0]}`,
      );
    }
  }

  async saveRun(threadId: string, record: RunRecord): Promise<void> {
    this.db
      .prepare(`INSERT OR REPLACE INTO tdp_runs (thread_id, record) VALUES (?, ?)`)
      .run(threadId, JSON.stringify(record));
  }

  async loadRun(threadId: string): Promise<RunRecord | null> {
    const row = this.db.prepare(`SELECT record FROM tdp_runs WHERE thread_id = ?`).get(threadId) as
      { record: string } | undefined;
    return row ? (JSON.parse(row.record) as RunRecord) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
