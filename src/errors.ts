/**
 * The project's error types, in one place. The CLI, the server and the bench tell a user
 * mistake (exit 2, one line) from a run that could not complete (exit 1) by these classes.
 */

/** A user mistake (unknown id, bad option, missing file): the CLI prints its message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export class UnknownTaskError extends UsageError {
  constructor(env: string, id: string, hint?: string) {
    super(`unknown task "${id}" for env "${env}"${hint ? ` (${hint})` : ""}`);
  }
}
