/**
 * `tdp resume --thread ID --checkpoint SPEC` (SQLite or PostgreSQL): continues a checkpointed run after a
 * crash (or answers its plan-approval pause), with the settings it was started with.
 *
 * LangGraph restarts the interrupted superstep from the last checkpoint; branches that had
 * already finished in it are not run again (their results were saved when they finished).
 * Environment sessions are re-created: the travel and wiki worlds are stateless lookups, so
 * nothing is lost; the science simulator's world state is not persisted (see docs/platform.md).
 */
import { readFileSync } from "node:fs";
import { Command } from "@langchain/langgraph";
import { ARCH_NAMES, ARCHS, type ArchName } from "../graph/archs.js";
import { CHECKPOINT_HELP, openCheckpointStore } from "../checkpoint/store.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "./args.js";
import { checkObservability, finishWith, OUTPUT_OPTIONS, printResult, streamRun, type RunState } from "./run.js";

export const RESUME_HELP = `Usage: tdp resume --thread ID --checkpoint SPEC [options]

Continues a run started with tdp run --checkpoint (after a crash or a kill), or answers its
plan-approval pause. The run keeps the model and settings it was started with.

  --thread ID            the run's thread id (printed by tdp run)
  --checkpoint SPEC      ${CHECKPOINT_HELP}
  --approve              approve the DAG of a run paused for plan approval
  --dag FILE.json        replace that DAG: [{"id", "spec", "deps"}, ...] (validated; rejected edits pause again)
  --trace FILE.jsonl     append every LLM call to FILE (see tdp run --trace)
  --no-prompts           leave the prompt text out of --trace
  --langsmith            trace the resumed part to LangSmith
  --json                 print one JSON object instead of the report
  --quiet                no live progress`;

const OPTIONS = {
  thread: { type: "string" },
  checkpoint: { type: "string" },
  approve: { type: "boolean" },
  dag: { type: "string" },
  ...OUTPUT_OPTIONS,
} as const;

/** Reads an edited DAG file: a usage error (not a crash) when it is not JSON. */
function readDagFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`cannot read --dag file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--dag file ${path} is not JSON`);
  }
}

export async function resumeCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) {
    console.log(RESUME_HELP);
    return 0;
  }
  if (!values.thread?.trim()) throw new UsageError("give --thread ID (printed by tdp run --checkpoint)");
  if (!values.checkpoint) throw new UsageError(`give --checkpoint ${CHECKPOINT_HELP}`);
  if (values.approve && values.dag !== undefined) throw new UsageError("give --approve or --dag, not both");
  const observability = checkObservability(values);
  const threadId = values.thread.trim();
  const store = await openCheckpointStore(values.checkpoint, { mustExist: true });
  try {
    const record = await store.loadRun(threadId);
    if (!record) throw new UsageError(`no run with thread ${threadId} in ${store.location}`);
    if (!(ARCH_NAMES as readonly string[]).includes(record.arch))
      throw new UsageError(`thread ${threadId} was run by an unknown architecture "${record.arch}"`);
    const arch = record.arch as ArchName;
    const config = { configurable: { ...record.configurable, thread_id: threadId } };
    const snapshot = await ARCHS[arch].compile(undefined, store.saver).getState(config);
    const pause = snapshot.tasks.flatMap((t) => t.interrupts ?? [])[0];
    let input: Command | null = null;
    if (pause) {
      if (!values.approve && values.dag === undefined)
        throw new UsageError(
          `thread ${threadId} is paused for plan approval: resume it with --approve or --dag FILE.json`,
        );
      let answer: unknown = { approve: true };
      if (values.dag !== undefined) {
        const dag = readDagFile(values.dag);
        if (!Array.isArray(dag))
          throw new UsageError(`--dag file ${values.dag} must hold a JSON array of {"id", "spec", "deps"}`);
        // Well-formed but invalid DAGs go to the run, which pauses again showing the errors.
        answer = { dag };
      }
      input = new Command({ resume: answer });
    } else {
      if (values.approve || values.dag !== undefined)
        throw new UsageError(`thread ${threadId} is not paused for plan approval`);
      if (snapshot.next.length === 0 && Object.keys(snapshot.values ?? {}).length > 0) {
        // Nothing left to run: show the finished run.
        printResult(
          arch,
          { state: snapshot.values as RunState, seconds: 0, threadId, paused: null },
          !!values.json,
          values.checkpoint,
        );
        if (!values.json) process.stderr.write(`thread ${threadId} had already finished\n`);
        return 0;
      }
    }
    // Killed before its first checkpoint: start it from the recorded request.
    const fresh = !pause && Object.keys(snapshot.values ?? {}).length === 0;
    const runInput = fresh ? { env: record.env, taskId: record.taskId, task: record.query ?? "" } : input;
    const quiet = !!values.quiet || !!values.json;
    const log = quiet ? undefined : (line: string) => process.stderr.write(line + "\n");
    if (log)
      log(
        `${fresh ? "starting (no checkpoint yet)" : "resuming"} thread ${threadId}: ${arch} on ${record.taskId ? `${record.env} ${record.taskId}` : (record.query ?? "")}`,
      );
    const result = await streamRun(runInput, {
      arch,
      env: record.env,
      taskId: record.taskId,
      configurable: record.configurable,
      checkpointer: store.saver,
      threadId,
      observability,
      appendTrace: true,
      initialDag: (snapshot.values as Partial<RunState>).dag,
      log,
    });
    printResult(arch, result, !!values.json, values.checkpoint);
    return finishWith(result);
  } finally {
    await store.close();
  }
}
