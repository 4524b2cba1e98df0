/**
 * One run's view of an encyclopaedia: a reader (open article + lookup cursor) per scope,
 * one submission slot, and per-tool call counts.
 */
import type { EnvSession } from "../types.js";
import type { WikiBackend } from "./backend.js";
import { createWikiTools, newReader, WIKI_TOOL_NAMES, type WikiReader, type WikiToolName } from "./tools.js";

export interface WikiSession extends EnvSession {
  /** The reader of a scope (created on first use); exposed for tests and debugging. */
  reader(scope: string): WikiReader;
}

/** A session over any backend: the bundled corpus, or a real search service. */
export function createWikiSession(backend: WikiBackend): WikiSession {
  const readers = new Map<string, WikiReader>();
  const counts = Object.fromEntries(WIKI_TOOL_NAMES.map((n) => [n, 0])) as Record<WikiToolName, number>;
  let submitted: string | null = null;

  const reader = (scope: string): WikiReader => {
    let r = readers.get(scope);
    if (!r) {
      r = newReader();
      readers.set(scope, r);
    }
    return r;
  };

  const session: WikiSession = {
    reader,
    tools: (scope) =>
      createWikiTools(backend, reader(scope), {
        submit: (answer) => session.submit(answer),
        onCall: (name) => {
          counts[name] += 1;
        },
      }),
    submission: () => submitted,
    submit: (answer) => {
      submitted = answer;
    },
    callCounts: () => ({ ...counts }),
  };
  return session;
}
