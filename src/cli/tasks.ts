/** `tdp tasks --env NAME`: the bundled task ids, levels and queries. */
import { ENVIRONMENT_NAMES, getEnvironment } from "../tools/registry.js";
import { parseOptions } from "./args.js";
import { truncate } from "./format.js";

export const TASKS_HELP = `Usage: tdp tasks [--env NAME] [--json]

  --env NAME   ${ENVIRONMENT_NAMES.join(", ")} (default travel)
  --json       the task list as JSON (id, level, query)`;

export async function tasksCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    env: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(TASKS_HELP);
    return 0;
  }
  const env = await getEnvironment(values.env ?? "travel");
  const tasks = env.tasks();
  if (values.json) console.log(JSON.stringify(tasks, null, 2));
  else for (const t of tasks) console.log(`${t.id.padEnd(24)} ${t.level.padEnd(12)} ${truncate(t.query, 100)}`);
  return 0;
}
