/**
 * `tdp bench --scoring official`: the same runs scored by the port of TravelPlanner's eval.py,
 * recorded as such, refused when mixed with strict lines, and labelled in the report.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBenchArgs } from "../src/cli/bench.js";
import { metricTable } from "../src/bench/aggregate.js";
import { runBench } from "../src/bench/harness.js";
import { readResults } from "../src/bench/record.js";
import { UsageError } from "../src/errors.js";

const plan = async (argv: string[]) => {
  const req = await parseBenchArgs(argv);
  if (req === "help") throw new Error("unexpected help");
  return req.plan;
};

describe("tdp bench --scoring", () => {
  test("official runs are scored by the official port and say so; strict stays the default", async () => {
    expect((await plan(["--env", "travel", "--n", "1"])).scoring).toBe("strict");
    const out = mkdtempSync(join(tmpdir(), "tdp-scoring-"));
    const official = await plan([
      "--env",
      "travel",
      "--tasks",
      "travel-easy-001,travel-hard-001",
      "--archs",
      "react",
      "--scoring",
      "official",
    ]);
    expect(official.scoring).toBe("official");
    await runBench(official, { outDir: out, concurrency: 1 });
    const lines = readResults(join(out, "results.jsonl"));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.metrics).toMatchObject({ scoring_official: 1, official_crashes: 0, final_pass: 1 });
    expect(metricTable("travel", lines).notes[0]).toMatch(/^Official scoring \(--scoring official\)/);
    // A results file holds one scoring: resuming it with strict is refused.
    await expect(
      runBench(await plan(["--env", "travel", "--n", "1", "--archs", "react"]), { outDir: out, concurrency: 1 }),
    ).rejects.toThrow(/holds results scored with --scoring official; use another --out for --scoring strict/);
  }, 60_000);

  test("science under --scoring official: each line has the official-scale reward, the table an Official score column", async () => {
    const out = mkdtempSync(join(tmpdir(), "tdp-scoring-"));
    await runBench(
      await plan(["--env", "science", "--tasks", "science-boil-01", "--archs", "cot", "--scoring", "official"]),
      { outDir: out, concurrency: 1 },
    );
    const lines = readResults(join(out, "results.jsonl"));
    expect(lines[0].metrics).toMatchObject({ scoring_official: 1, reward: 1, reward_official: 100 });
    const table = metricTable("science", lines);
    expect(table.columns).toContain("Official score");
    expect(table.notes[0]).toMatch(/ScienceWorld's scale/);
    await expect(parseBenchArgs(["--env", "wiki", "--scoring", "official"])).rejects.toThrow(
      /applies to --env travel and --env science/,
    );
  }, 60_000);

  test("strict lines are labelled as strict in the report", async () => {
    const out = mkdtempSync(join(tmpdir(), "tdp-scoring-"));
    await runBench(await plan(["--env", "travel", "--tasks", "travel-easy-001", "--archs", "cot"]), {
      outDir: out,
      concurrency: 1,
    });
    const lines = readResults(join(out, "results.jsonl"));
    expect(lines[0].metrics.scoring_official).toBe(0);
    expect(metricTable("travel", lines).notes[0]).toMatch(/^Strict scoring \(the default\)/);
  }, 60_000);

  test.each([
    [["--scoring", "lenient"], /--scoring must be strict or official \(got "lenient"\)/],
    [["--scoring", "official", "--server", "http://127.0.0.1:1"], /cannot be combined with --server/],
  ])("%j is a usage error", async (argv, message) => {
    await expect(parseBenchArgs([...argv, "--env", argv.includes("wiki") ? "wiki" : "travel"])).rejects.toThrow(
      UsageError,
    );
    await expect(parseBenchArgs([...argv, "--env", argv.includes("wiki") ? "wiki" : "travel"])).rejects.toThrow(
      message,
    );
  });
});
