/**
 * Opens the durable checkpoint store a `--checkpoint` spec names: SQLite or PostgreSQL, with
 * the same run records and the same resume semantics. Backends load on demand, so a SQLite
 * user never loads pg and a PostgreSQL user never opens better-sqlite3.
 */
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { UsageError } from "../errors.js";
import { parseCheckpointSpec, type DurableStore } from "./spec.js";

export {
  CHECKPOINT_HELP,
  CheckpointUnavailableError,
  parseCheckpointSpec,
  type CheckpointSpec,
  type DurableStore,
  type RunRecord,
} from "./spec.js";

/**
 * `mustExist`: for resuming, a SQLite file that is not there is a usage error (a typo would
 * otherwise create an empty database). A PostgreSQL database always has to exist already.
 * Throws UsageError for a malformed spec, CheckpointUnavailableError when the server cannot be used.
 */
export async function openCheckpointStore(spec: string, opts: { mustExist?: boolean } = {}): Promise<DurableStore> {
  const parsed = parseCheckpointSpec(spec);
  if (parsed.kind === "postgres") {
    const { PostgresCheckpointStore } = await import("./postgres.js");
    return PostgresCheckpointStore.open(parsed.url, parsed.display);
  }
  const { CheckpointStore } = await import("./sqlite.js");
  return CheckpointStore.open(spec, opts);
}

/**
 * A ready PostgreSQL checkpointer for library users (`createTdpAgent({ checkpointer })`):
 * probed and set up like `--checkpoint postgres://...`; call `.end()` when done.
 */
export async function openPostgresCheckpointer(url: string): Promise<PostgresSaver> {
  const parsed = parseCheckpointSpec(url);
  if (parsed.kind !== "postgres") throw new UsageError(`not a postgres:// URL: ${url}`);
  const { PostgresCheckpointStore } = await import("./postgres.js");
  return (await PostgresCheckpointStore.open(parsed.url, parsed.display)).saver;
}
