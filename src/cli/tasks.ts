/** `tdp tasks --env NAME`: the bundled task ids, levels and queries. */
import { getEnvironment } from "../tools/registry.js";
import { parseOptions } from "./args.js";
import { truncate } from "./format.js";

export async function tasksCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { env: { type: "string" }, json: { type: "boolean" } });
  const env = await getEnvironment(values.env ?? "travel");
  const tasks = env.tasks();
  if (values.json) console.log(JSON.stringify(tasks, null, 2));
  else for (const t of tasks) console.log(`${t.id.padEnd(24)} ${t.level.padEnd(12)} ${truncate(t.query, 100)}`);
  return 0;
}
