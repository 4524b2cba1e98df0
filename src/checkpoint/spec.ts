/**
 * What every durable checkpoint backend shares: the `--checkpoint` syntax, the record of how a
 * run was started, and the store interface `tdp run` and `tdp resume` talk to.
 *
 * Kept free of backend packages, so parsing a spec (at argument-check time) loads neither
 * better-sqlite3 nor pg.
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { UsageError } from "../errors.js";

export const CHECKPOINT_HELP =
  "sqlite:PATH (a SQLite file; created if missing) or postgres://USER@HOST:PORT/DB (tables created if missing)";

export type CheckpointSpec =
  | { kind: "sqlite"; path: string }
  | {
      kind: "postgres";
      /** The connection string as given (it may carry a password). */
      url: string;
      /** The same URL with any password replaced by `***`, for messages. */
      display: string;
    };

/** A connection URL with its password masked, for messages and logs. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  return copy.href;
}

function parsePostgresUrl(spec: string): CheckpointSpec {
  const usage = (why: string) =>
    new UsageError(
      `--checkpoint ${why}: expected postgres://USER@HOST:PORT/DB, got "${spec.replace(/:[^:@/]*@/, ":***@")}"`,
    );
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw usage("is not a valid URL");
  }
  // A Unix-socket directory may come as ?host=/path instead of a host name.
  const socketHost = url.searchParams.get("host");
  if (!url.hostname && !socketHost) throw usage("names no host");
  const db = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!db) throw usage("names no database");
  if (db.includes("/")) throw usage(`has an invalid database name "${db}"`);
  return { kind: "postgres", url: spec, display: redactUrl(url) };
}

/** `--checkpoint` value: SQLite or PostgreSQL (the in-memory default needs no flag). */
export function parseCheckpointSpec(spec: string): CheckpointSpec {
  const s = spec.trim();
  if (/^postgres(ql)?:\/\//i.test(s)) return parsePostgresUrl(s);
  const m = /^sqlite:(.+)$/.exec(s);
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

/**
 * A durable checkpoint database: LangGraph's saver plus the run records beside it, keyed by
 * thread id (LangGraph's checkpoints hold the graph state, not the run's model and budgets).
 */
export interface DurableStore {
  readonly saver: BaseCheckpointSaver;
  /** Where the checkpoints live, for messages: a file path or a URL without its password. */
  readonly location: string;
  saveRun(threadId: string, record: RunRecord): Promise<void>;
  loadRun(threadId: string): Promise<RunRecord | null>;
  close(): Promise<void>;
}

/**
 * A backend that cannot be used right now (refused connection, failed login, missing
 * permission): one line for the user, exit 1. Its stack is the message alone, so the CLI's
 * generic error path prints exactly that line.
 */
export class CheckpointUnavailableError extends Error {
  override name = "CheckpointUnavailableError";
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}
