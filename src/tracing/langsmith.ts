/**
 * An explicit LangSmith tracer for `tdp run --langsmith` (and the experiments). Built from
 * configuration rather than left to LangChain's environment detection, so the CLI can flush
 * every pending trace before it exits and say clearly when a key is missing.
 */
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { Client } from "langsmith";
import { readLangSmithVars, type LangSmithVars } from "../configuration.js";
import { UsageError } from "../errors.js";

export const DEFAULT_PROJECT = "tdp";

/** A LangSmith client from configuration; a missing key is a usage error unless the endpoint is self-hosted. */
export function langSmithClient(vars: LangSmithVars = readLangSmithVars()): Client {
  if (!vars.apiKey && !vars.endpoint)
    throw new UsageError("--langsmith needs LANGSMITH_API_KEY (and LANGSMITH_ENDPOINT for a self-hosted LangSmith)");
  return new Client({ apiUrl: vars.endpoint, apiKey: vars.apiKey });
}

export interface LangSmithTracing {
  tracer: LangChainTracer;
  client: Client;
  project: string;
  /** Sends everything still queued; call before the process exits. */
  flush(): Promise<void>;
}

export function createLangSmithTracing(vars: LangSmithVars = readLangSmithVars()): LangSmithTracing {
  const client = langSmithClient(vars);
  const project = vars.project ?? DEFAULT_PROJECT;
  const tracer = new LangChainTracer({ client, projectName: project });
  return {
    tracer,
    client,
    project,
    async flush() {
      await awaitAllCallbacks();
      await client.awaitPendingTraceBatches();
    },
  };
}
