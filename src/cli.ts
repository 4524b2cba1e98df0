#!/usr/bin/env node
/**
 * The `tdp` command. Each subcommand lives in src/cli/<name>.ts; this file only dispatches
 * and turns user mistakes into a one-line message with exit code 2.
 */
import { setMaxListeners } from "node:events";
import { readFileSync } from "node:fs";
import { readEnvVars } from "./configuration.js";
import { UsageError } from "./errors.js";
import { runCommand } from "./cli/run.js";
import { resumeCommand } from "./cli/resume.js";
import { compareCommand } from "./cli/compare.js";
import { tasksCommand } from "./cli/tasks.js";
import { benchCommand } from "./cli/bench.js";
import { reportCommand } from "./cli/report.js";

const HELP = `tdp: Task-Decoupled Planning agents on LangGraph.js

Commands:
  tdp run      run TDP (or a baseline) on a bundled task or a free-form query (tdp run --help)
  tdp resume   continue a checkpointed run after a crash, or answer its plan approval
  tdp compare  two --trace files side by side, by role (tdp compare A.jsonl B.jsonl)
  tdp tasks    list the bundled tasks of an environment
  tdp bench    TDP vs ReAct, CoT and Plan-and-Act on the same tasks (tdp bench --help)
  tdp report   Markdown + HTML report of a benchmark directory (tdp report DIR)
  tdp export   a travel world, its queries and reference plans in the official TravelPlanner files (tdp export travel DIR)

  tdp --version  the installed version
`;

type Command = (argv: string[]) => Promise<number>;

/** The version in package.json, one level above both src/cli.ts and dist/cli.js. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export const COMMANDS: Record<string, Command> = {
  run: runCommand,
  resume: resumeCommand,
  compare: compareCommand,
  tasks: tasksCommand,
  bench: benchCommand,
  report: reportCommand,
  export: async (argv) => (await import("./cli/export.js")).exportCommand(argv),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v" || name === "version") {
    console.log(packageVersion());
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}" (try: tdp --help)`);
  return command(rest);
}

// LangGraph adds an abort listener per task to signals it combines internally; a run with
// parallel branches passes Node's default of 10 and Node warns about a leak that is not one.
// The CLI owns its process, so it raises the default for every signal it creates.
setMaxListeners(1000);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`tdp: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      // A run or file that could not complete: one line; TDP_DEBUG=1 shows the stack.
      const message = err instanceof Error ? err.message : String(err);
      const debug = readEnvVars().debug && err instanceof Error ? `\n${err.stack}` : "";
      process.stderr.write(`tdp: ${message.split("\n")[0]}${debug}\n`);
      process.exitCode = 1;
    }
  },
);
