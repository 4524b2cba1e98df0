/**
 * The `tdp` command as a user runs it: bad input gives one line on stderr and exit code 2
 * (never a stack trace); a bundled task runs offline end to end.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./helpers/processes.js";

/** Like `tdp`, without blocking the event loop (for tests whose server runs in this process). */
function tdpAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", ...env },
      timeout: 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

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
      "bad schedule",
      ["run", "--task", "travel-easy-001", "--schedule", "asap"],
      /--schedule must be dependency or batch/,
    ],
    [
      "bad evaluation mode",
      ["run", "--task", "travel-easy-001", "--evaluate", "never"],
      /--evaluate must be every_step or on_signal/,
    ],
    [
      "official scoring on wiki",
      ["run", "--env", "wiki", "--task", "wiki-bridge-001", "--scoring", "official"],
      /--scoring official applies to --env travel and --env science/,
    ],
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

  describe("a model that cannot be used (a local server answering 401 / 404, a port with nothing listening)", () => {
    // One local server on a free port: /401/v1 answers every call 401, /404/v1 answers 404.
    let server: Server;
    let port = 0;
    let closed = 0;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        hits++;
        const status = Number(req.url?.split("/")[1]);
        const message = status === 401 ? "Incorrect API key provided" : "The model `x` does not exist";
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message, type: "invalid_request_error", code: null } }));
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      port = (server.address() as AddressInfo).port;
      closed = await freePort();
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it.each([
      // 401 and 404 are not retried; a refused connection is, up to the default 4 attempts.
      ["401", () => `http://127.0.0.1:${port}/401/v1`, () => "failed: 401 Incorrect API key provided"],
      ["404", () => `http://127.0.0.1:${port}/404/v1`, () => "failed: 404 The model `x` does not exist"],
      [
        "connection refused",
        () => `http://127.0.0.1:${closed}/v1`,
        () => `failed after 4 attempts: Connection error (connect ECONNREFUSED 127.0.0.1:${closed})`,
      ],
    ])("tdp run, %s: exit 1, one line on stderr naming the URL and what it answered", async (_name, baseUrl, what) => {
      const url = baseUrl();
      const env = { OPENAI_API_KEY: "k", OPENAI_BASE_URL: url };
      const { code, stdout, stderr } = await tdpAsync(["run", "--query", "plan a trip", "--model", "openai/x"], env);
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([
        `tdp: run error: Supervisor could not build the DAG: model call to ${url} ${what()}`,
      ]);
      expect(stdout).toMatch(/^Status: error \(Supervisor could not build the DAG: model call to /);
      expect(stderr + stdout).not.toMatch(/\n\s+at /);
    });

    it("tdp bench where every run crashed: exit 1 naming the error; the summary and the report show it", async () => {
      const dir = mkdtempSync(join(tmpdir(), "tdp-cli-bench-"));
      try {
        const url = `http://127.0.0.1:${port}/401/v1`;
        const args = ["bench", "--archs", "tdp,cot", "--n", "1", "--model", "openai/x", "--out", dir];
        const { code, stdout, stderr } = await tdpAsync(args, { OPENAI_API_KEY: "k", OPENAI_BASE_URL: url });
        expect(code).toBe(1);
        expect(stderr.trim().split("\n").at(-1)).toMatch(
          new RegExp(`^tdp: every run crashed \\(2 of 2\\): .*model call to ${url} failed: 401 Incorrect API key`),
        );
        expect(stdout).toMatch(/2 run now, 0 already there, 2 crashed/);
        expect(stdout).toMatch(
          /^ {2}1 crashed: Supervisor could not build the DAG: .* 401 Incorrect API key provided$/m,
        );
        const md = readFileSync(join(dir, "report.md"), "utf8");
        expect(md).toMatch(/\*\*travel\*\*: every run crashed \(2 runs\): .*401 Incorrect API key provided/);
        expect(md).toMatch(/## Crashed runs/);
        expect(md).not.toMatch(/all tie/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("tdp bench resuming a results file of another model: one line, exit 2, no model call", async () => {
      const dir = mkdtempSync(join(tmpdir(), "tdp-cli-mix-"));
      try {
        const args = ["bench", "--archs", "cot", "--n", "1", "--out", dir, "--no-report"];
        expect((await tdpAsync(args)).code).toBe(0);
        const before = hits;
        const env = { OPENAI_API_KEY: "k", OPENAI_BASE_URL: `http://127.0.0.1:${port}/401/v1` };
        const { code, stdout, stderr } = await tdpAsync([...args, "--model", "openai/x"], env);
        expect(code).toBe(2);
        expect(stderr.trim().split("\n")).toEqual([
          `tdp: ${join(dir, "results.jsonl")} holds results for model "offline" (noise 0, seed 7); use another --out for model "openai/x" (noise 0, seed 7)`,
        ]);
        expect(stdout).toBe("");
        expect(hits).toBe(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
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
    // evaluate: on_signal (the default): one-step sub-tasks are planned and acted on in the Planner's call.
    expect(stdout).toMatch(/planner\s+\d+ calls/);
    expect(stdout).toMatch(/evaluator\s+\d+ calls/);
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
    expect(out.usage).toHaveProperty("planner");
    expect(out.usage).toHaveProperty("evaluator");
  });
});
