/** `tdp compare A.jsonl B.jsonl`: two `--trace` files side by side, by role. */
import { basename } from "node:path";
import { formatComparison, summarizeTrace } from "../tracing/compare.js";
import { readTrace } from "../tracing/jsonl.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "./args.js";

export const COMPARE_HELP = `Usage: tdp compare A.jsonl B.jsonl [--json]

Compares two local traces written by \`tdp run --trace FILE.jsonl\` (e.g. TDP and
\`--arch react\` on the same task): LLM calls, prompt and output tokens, and the largest
single prompt, by role.`;

export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    console.log(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 2)
    throw new UsageError(`compare needs two trace files, got ${positionals.length} (tdp compare A.jsonl B.jsonl)`);
  const [a, b] = positionals.map((p) => summarizeTrace(readTrace(p)));
  const labels = positionals.map((p, i) => `${[a, b][i].arch ?? "?"} (${basename(p)})`) as [string, string];
  if (values.json)
    console.log(JSON.stringify({ a: { file: positionals[0], ...a }, b: { file: positionals[1], ...b } }, null, 2));
  else console.log(formatComparison(a, b, labels));
  return 0;
}
