/**
 * Turning a model call that failed for good into data. Nodes catch errors around their LLM
 * calls with `modelFault`: a `ModelCallError` becomes its one-line message (the node then
 * fails its own unit: a sub-task, a revision, a delivery); anything else (a bug, a cancel)
 * is rethrown untouched.
 */
import { ModelCallError } from "../../errors.js";
import type { UsageCounts } from "../../state/reducers.js";

export function modelFault(err: unknown): string {
  if (err instanceof ModelCallError) return err.message;
  throw err;
}

/** Usage for a call that failed for good: no tokens, every failed attempt counted. */
export function faultUsage(err: unknown): UsageCounts {
  const attempts = err instanceof ModelCallError ? err.details.attempts : 1;
  return { input: 0, output: 0, calls: 0, errors: attempts };
}
