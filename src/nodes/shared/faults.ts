/**
 * Turning a model call that failed for good into data. Nodes catch errors around their LLM
 * calls with `modelFault`: a `ModelCallError` becomes its one-line message (the node then
 * fails its own unit: a sub-task, a revision, a delivery); anything else (a bug, a cancel)
 * is rethrown untouched.
 */
import { ModelCallError } from "../../errors.js";
import type { UsageCounts } from "../../state/reducers.js";

export function modelFault(err: unknown): string {
  const fault = findModelCallError(err);
  if (fault) return fault.message;
  throw err;
}

/** The `ModelCallError` behind an error, also when a framework wrapped it (e.g. agent middleware). */
function findModelCallError(err: unknown): ModelCallError | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof ModelCallError) return e;
  return null;
}

/** Usage for a call that failed for good: no tokens, every failed attempt counted. */
export function faultUsage(err: unknown): UsageCounts {
  const attempts = findModelCallError(err)?.details.attempts ?? 1;
  return { input: 0, output: 0, calls: 0, errors: attempts };
}
