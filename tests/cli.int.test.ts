/**
 * The `tdp` command as a user runs it: bad input gives one line on stderr and exit code 2
 * (never a stack trace); a bundled task runs offline end to end.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function tdp(args: string[], env: Record<string, string | undefined> = {}) {
  const res = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", ...env },
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("tdp CLI", () => {
  const bad: [string, string[], RegExp][] = [
    ["unknown command", ["fly"], /unknown command "fly"/],
    ["unknown option", ["run", "--bogus"], /bogus/],
    ["unknown env", ["run", "--env", "mars", "--task", "x"], /unknown env "mars"/],
    ["unknown task", ["run", "--env", "travel", "--task", "travel-easy-999"], /unknown task "travel-easy-999"/],
    ["empty query", ["run", "--query", "  "], /--query is empty/],
    ["no task or query", ["run", "--env", "travel"], /give --task ID/],
    [
      "bad number",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--max-steps", "ten"],
      /--max-steps must be a whole number/,
    ],
    [
      "bad noise",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--noise", "2"],
      /--noise must be a number from 0 to 1/,
    ],
    [
      "unknown model",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--model", "acme/x"],
      /unknown model "acme\/x"/,
    ],
    [
      "a negative budget (not parseArgs' 'ambiguous')",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--max-steps", "-1"],
      /--max-steps must be a whole number >= 1, got "-1"/,
    ],
    [
      "a negative seed",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--seed", "-5"],
      /--seed must be a whole number >= 0, got "-5"/,
    ],
    [
      "a LangChain provider whose package is not installed",
      ["run", "--env", "travel", "--task", "travel-easy-001", "--model", "anthropic/x"],
      /model "anthropic\/x" needs the package @langchain\/anthropic: npm install @langchain\/anthropic/,
    ],
    [
      "missing key for a real provider",
      ["run", "--query", "plan a trip", "--model", "openai/gpt-4o"],
      /needs OPENAI_API_KEY/,
    ],
    ["offline model on a free-form query", ["run", "--query", "plan a trip"], /offline model only plays bundled tasks/],
  ];

  it.each(bad)("%s: one line on stderr, exit 2", (_name, args, pattern) => {
    const { code, stderr, stdout } = tdp(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe("");
  });

  it("a model server that refuses connections: the run ends `error` naming the URL, exit 1, no stack", () => {
    const { code, stdout, stderr } = tdp(["run", "--query", "plan a trip", "--model", "openai/x", "--quiet"], {
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^Status: error \(Supervisor could not build the DAG: model call to http:\/\/127\.0\.0\.1:9\/v1 failed after 4 attempts: Connection error\.\)/,
    );
    expect(stderr + stdout).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      "a corrupt SQLite file",
      (d: string) => ["run", "--task", "travel-easy-001", "--checkpoint", `sqlite:${d}/bad.sqlite`, "--quiet"],
      /cannot open .*bad\.sqlite as a SQLite checkpoint database/,
    ],
    [
      "--trace into a missing directory",
      (d: string) => ["run", "--task", "travel-easy-001", "--trace", `${d}/nope/t.jsonl`],
      /--trace: no directory .*nope/,
    ],
    [
      "--trace naming a directory",
      (d: string) => ["run", "--task", "travel-easy-001", "--trace", d],
      /--trace .* is a directory/,
    ],
    [
      "--trace into a directory that is a file",
      (d: string) => ["run", "--task", "travel-easy-001", "--trace", `${d}/bad.sqlite/t.jsonl`],
      /--trace: .*bad\.sqlite is a file, not a directory/,
    ],
    ["tdp compare given a directory", (d: string) => ["compare", d, d], /is a directory, not a trace file/],
    [
      "tdp bench --out naming a regular file",
      (d: string) => ["bench", "--archs", "cot", "--n", "1", "--out", `${d}/bad.sqlite`],
      /--out .*bad\.sqlite is a file, not a directory/,
    ],
    [
      "tdp bench --out below a regular file",
      (d: string) => ["bench", "--archs", "cot", "--n", "1", "--out", `${d}/bad.sqlite/out`],
      /--out .*: cannot create it, .*bad\.sqlite is a file/,
    ],
    [
      "tdp bench --out whose results.jsonl is a directory",
      (d: string) => ["bench", "--archs", "cot", "--n", "1", "--out", `${d}/odd`],
      /--out .*results\.jsonl is a directory/,
    ],
    [
      "tdp report given a regular file",
      (d: string) => ["report", `${d}/bad.sqlite`],
      /report directory .*bad\.sqlite is a file, not a directory/,
    ],
  ] as const)("%s: one line, exit 2, before any model call", (_name, args, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), "tdp-cli-bad-"));
    try {
      writeFileSync(join(dir, "bad.sqlite"), "this is not a database");
      mkdirSync(join(dir, "odd", "results.jsonl"), { recursive: true });
      const { code, stderr, stdout } = tdp([...args(dir)]);
      expect(code).toBe(2);
      expect(stderr).toMatch(pattern);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stdout).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Root may write anywhere, so permissions can only be tested as another user.
  (process.getuid?.() === 0 ? it.skip : it)(
    "an unwritable --out, report or --trace directory: one line, exit 2",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tdp-cli-ro-"));
      try {
        chmodSync(dir, 0o500);
        for (const args of [
          ["bench", "--archs", "cot", "--n", "1", "--out", dir],
          ["bench", "--archs", "cot", "--n", "1", "--out", join(dir, "new")],
          ["report", dir],
          ["run", "--task", "travel-easy-001", "--trace", join(dir, "t.jsonl")],
        ]) {
          const { code, stderr, stdout } = tdp(args);
          expect(code).toBe(2);
          expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/not writable$/)]);
          expect(stdout).toBe("");
        }
      } finally {
        chmodSync(dir, 0o700);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("bench:context with a bad flag: one line, exit 2", () => {
    const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/benchContext.ts", "--bogus"], {
      encoding: "utf8",
    });
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^bench:context: Unknown option '--bogus'/)]);
  });

  it("runs a bundled travel task offline and prints the DAG, result, scores and usage", () => {
    const { code, stdout, stderr } = tdp(["run", "--env", "travel", "--task", "travel-medium-001"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/DAG \(\d+ sub-tasks\)/);
    expect(stderr).toMatch(/✓ \S+ completed/);
    expect(stdout).toMatch(/Status: completed/);
    expect(stdout).toMatch(/final_pass\s+1/);
    expect(stdout).toMatch(/executor\s+\d+ calls/);
  });

  it("--json prints one parseable object", () => {
    const { code, stdout } = tdp(["run", "--env", "travel", "--task", "travel-easy-002", "--json", "--noise", "0.1"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      status: string;
      scores: Record<string, number>;
      usage: Record<string, unknown>;
      dag: Record<string, unknown>;
    };
    expect(out.scores.delivered).toBeDefined();
    expect(Object.keys(out.dag).length).toBeGreaterThan(1);
    expect(out.usage).toHaveProperty("executor");
  });
});
