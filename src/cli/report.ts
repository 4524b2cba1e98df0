/** `tdp report DIR`: the Markdown and HTML report of a benchmark results directory. */
import { writeReport } from "../bench/report.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "./args.js";
import { checkWritableDir } from "./paths.js";

export const REPORT_HELP = `Usage: tdp report DIR

Reads DIR/results.jsonl (written by tdp bench) and writes DIR/report.md, DIR/report.html
(self-contained: inline SVG charts, no external assets) and the charts as SVG files.`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { help: { type: "boolean", short: "h" } }, true);
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("give one results directory: tdp report DIR");
  checkWritableDir(positionals[0], "report directory", { create: false });
  const r = writeReport(positionals[0]);
  for (const s of r.data.sections) console.log(`${s.env}: ${s.headline}`);
  console.log(`report: ${r.markdown}, ${r.html}`);
  return 0;
}
