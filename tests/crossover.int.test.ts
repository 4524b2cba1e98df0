/**
 * The crossover environment and study as a user runs them: `tdp run --env crossover` offline
 * with TDP and ReAct, a malformed id as one line and exit 2, and `npm run bench:crossover` on
 * a tiny grid (two processes) writing its JSON and heatmaps, with bad flags rejected.
 */
import { writeReport } from "../src/bench/report.js";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function node(args: string[]) {
  const res = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    encoding: "utf8",
    env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "" },
    timeout: 180_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const tdp = (args: string[]) => node(["src/cli.ts", ...args]);
const bench = (args: string[]) => node(["scripts/benchCrossover.ts", ...args]);

function oneLine(r: { code: number | null; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("tdp run --env crossover", () => {
  it.each(["tdp", "react"])("--arch %s reaches the exact answer offline (an id outside the grid)", (arch) => {
    const r = tdp(["run", "--env", "crossover", "--task", "xo-w2-d3-c1-obs100-s4", "--arch", arch, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; scores: Record<string, number>; stepsUsed: number };
    expect(out.status).toBe("completed");
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.stepsUsed).toBe(2 * 3 + 1);
  });

  it("a malformed id is one line naming the format, exit 2", () => {
    oneLine(tdp(["run", "--env", "crossover", "--task", "xo-w4-d8"]), /xo-w<W>-d<D>-c<C>-obs<N>-s<seed>/);
  });

  it("tdp tasks lists the default grid", () => {
    const r = tdp(["tasks", "--env", "crossover", "--json"]);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids).toHaveLength(120);
    expect(ids).toContain("xo-w8-d16-c0.5-obs500-s1");
  });
});

describe("npm run bench:crossover", () => {
  it.each([
    ["an unknown flag", ["--bogus"], /bogus/],
    ["a width out of range", ["--widths", "0"], /--widths must be a whole number from 1 to 26/],
    ["a coupling above 1", ["--couplings", "2"], /--couplings must be a number from 0 to 1/],
    ["a bad latency model", ["--latency", "150"], /--latency takes 2 to 4 non-negative numbers/],
    ["no ReAct to compare with", ["--archs", "tdp"], /--archs must include react/],
  ])("%s is one line, exit 2", (_name, args, pattern) => {
    oneLine(bench(args), pattern);
  });

  it("runs a tiny grid in two processes and writes the JSON and the heatmaps", () => {
    const out = mkdtempSync(join(tmpdir(), "xo-bench-"));
    try {
      const r = bench([
        "--widths",
        "2",
        "--depths",
        "1,2",
        "--couplings",
        "0",
        "--obs",
        "60",
        "--jobs",
        "2",
        "--out",
        out,
      ]);
      expect(r.code).toBe(0);
      // TDP runs under both schedules by default.
      expect(r.stdout).toMatch(/Where TDP\[dependency\] \/ ReAct crosses 1/);
      expect(r.stdout).toMatch(/Where TDP\[batch\] \/ ReAct crosses 1/);
      expect(r.stdout).toMatch(/w2 c0 obs60\s+d1 \d+\.\d\d {2}d2 \d+\.\d\d/);
      const data = JSON.parse(readFileSync(join(out, "crossover.json"), "utf8")) as {
        runs: { taskId: string; variant: string; noise: number; correct: number }[];
        summary: { cells: unknown[] };
      };
      // 2 cells x (TDP under two schedules, ReAct, Plan-and-Act) x 2 noise levels.
      expect(data.runs).toHaveLength(2 * 4 * 2);
      expect(new Set(data.runs.map((x) => `${x.taskId}|${x.variant}|${x.noise}`)).size).toBe(16);
      expect(data.runs.filter((x) => x.noise === 0).every((x) => x.correct === 1)).toBe(true);
      expect(data.summary.cells).toHaveLength(2 * 2);
      for (const f of [
        "crossover-tokens-tdp-dependency.svg",
        "crossover-latency-critical-tdp-dependency.svg",
        "crossover-tokens-tdp-batch.svg",
        "crossover-latency-tdp-batch.svg",
      ])
        expect(readFileSync(join(out, f), "utf8")).toMatch(/^<svg /);
      expect(existsSync(join(out, "crossover.json"))).toBe(true);
      // tdp report on the grid's directory draws the same heatmaps into report.md and report.html.
      const report = writeReport(out);
      const md = readFileSync(report.markdown, "utf8");
      expect(md).toContain("](crossover-tokens-tdp-dependency.svg)");
      expect(md).toContain("](crossover-latency-tdp-batch.svg)");
      expect(readFileSync(report.html, "utf8").match(/<svg /g)?.length).toBe(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
