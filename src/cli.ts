#!/usr/bin/env node
/**
 * The `tdp` command. Each subcommand lives in src/cli/<name>.ts; this file only dispatches
 * and turns user mistakes into a one-line message with exit code 2.
 */
import { UsageError } from "./tools/types.js";
import { executeRun, formatReport, parseRunArgs, RUN_HELP } from "./cli/run.js";
import { tasksCommand } from "./cli/tasks.js";

const HELP = `tdp: Task-Decoupled Planning agents on LangGraph.js

Commands:
  tdp run      run TDP on a bundled task or a free-form query (tdp run --help)
  tdp tasks    list the bundled tasks of an environment
`;

type Command = (argv: string[]) => Promise<number>;

async function runCommand(argv: string[]): Promise<number> {
  const req = await parseRunArgs(argv);
  if (req === "help") {
    console.log(RUN_HELP);
    return 0;
  }
  const log = req.quiet ? undefined : (line: string) => process.stderr.write(line + "\n");
  const { state, seconds } = await executeRun(req, { log });
  if (req.json) {
    const { task, env, taskId, dag, round, stepsUsed, replans, usage, revisions, answer, scores, status, reason } = state;
    console.log(JSON.stringify({ task, env, taskId, status, reason, answer, scores, dag, round, stepsUsed, replans, usage, revisions, seconds }, null, 2));
  } else {
    console.log(formatReport(state, seconds));
  }
  return 0;
}

export const COMMANDS: Record<string, Command> = {
  run: runCommand,
  tasks: tasksCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}" (try: tdp --help)`);
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`tdp: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`tdp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
