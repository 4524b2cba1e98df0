/**
 * Starts the LangGraph API server exactly as a user starts Studio
 * (`npx @langchain/langgraph-cli dev --no-browser --port P`), on 127.0.0.1 and a free port,
 * and waits until it answers.
 */
import { freePort, GiveUp, spawnGroup, waitFor, type GroupProcess } from "./processes.js";

export interface DevServer {
  url: string;
  process: GroupProcess;
  /** Milliseconds from spawning `npx` until `GET /ok` answered. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function startLangGraphDev(
  opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<DevServer> {
  const port = await freePort();
  const started = Date.now();
  const proc = spawnGroup(
    "npx",
    ["@langchain/langgraph-cli", "dev", "--no-browser", "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: opts.cwd ?? process.cwd(),
      env: { ...process.env, BROWSER: "none", LANGSMITH_TRACING: "false", LANGCHAIN_TRACING_V2: "false", ...opts.env },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `the LangGraph dev server on ${url}`,
      async () => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null)
          throw new GiveUp(`server exited early:\n${proc.output().slice(-2000)}`);
        const res = await fetch(`${url}/ok`);
        return res.ok;
      },
      opts.timeoutMs ?? 90_000,
      100,
    );
  } catch (e) {
    await proc.stop();
    throw new Error(`${(e as Error).message}\n--- server output ---\n${proc.output().slice(-3000)}`);
  }
  return { url, process: proc, readyMs: Date.now() - started, stop: () => proc.stop() };
}
