/**
 * A `tdp` process for durability tests: registers the toy environment (so the real CLI can
 * run it), logs every tool call to a file the test reads, then runs the CLI with the
 * remaining arguments exactly as a user would.
 *
 *   node --import tsx tests/helpers/durableChild.ts LOG_FILE DELAYS tdp-args...
 *
 * DELAYS is `key=ms,key=ms` (slow lookups for those keys) or `-`.
 */
import { appendFileSync } from "node:fs";
import { registerEnvironment } from "../../src/tools/registry.js";
import { createToyEnv } from "./toyEnv.js";

const [logFile, delays, ...tdpArgs] = process.argv.slice(2);
const delayByKey = Object.fromEntries(
  (delays === "-" ? [] : delays.split(",")).map((kv) => {
    const [k, v] = kv.split("=");
    return [k, Number(v)];
  }),
);
registerEnvironment(
  createToyEnv({
    name: "toy",
    delayByKey,
    onToolCall: (e) => appendFileSync(logFile, JSON.stringify({ ...e, pid: process.pid, at: Date.now() }) + "\n"),
  }),
);
process.argv = [process.argv[0], "tdp", ...tdpArgs];
await import("../../src/cli.js");
