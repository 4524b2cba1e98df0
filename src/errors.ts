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

/**
 * An LLM call that failed for good: a non-retryable answer (400, 401, 404, ...) or a transient
 * fault that outlived its retries. Nodes catch it and fail the smallest unit they can (a
 * sub-task, a revision); the message is one line naming the status, the endpoint and why.
 */
export class ModelCallError extends Error {
  override name = "ModelCallError";
  constructor(
    message: string,
    readonly details: { kind: string; status: number | null; endpoint: string; attempts: number },
  ) {
    super(message);
  }
}
