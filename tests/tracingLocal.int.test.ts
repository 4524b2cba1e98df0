/**
 * Local traces without LangSmith: `tdp run --trace FILE.jsonl` records every LLM call, and
 * `tdp compare` puts a TDP trace beside a ReAct trace of the same task, by role.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnGroup, type GroupProcess } from "./helpers/processes.js";

const dir = mkdtempSync(join(tmpdir(), "tdp-trace-"));
const children: GroupProcess[] = [];

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function tdp(args: string[]) {
  const p = spawnGroup(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", LANGSMITH_TRACING: "" },
  });
  children.push(p);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), output: p.output() };
}

interface Line {
  index: number;
  arch: string;
  role: string;
  nodeId: string | null;
  taskId: string;
  env: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  prompt?: string;
}

const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);

const tdpTrace = join(dir, "tdp.jsonl");
const reactTrace = join(dir, "react.jsonl");
const TASK = ["--env", "travel", "--task", "travel-medium-001"];

describe("tdp run --trace", () => {
  let tdpCalls = 0;

  beforeAll(async () => {
    const [a, b] = await Promise.all([
      tdp(["run", ...TASK, "--evaluate", "every_step", "--trace", tdpTrace, "--json"]),
      tdp(["run", "--arch", "react", ...TASK, "--trace", reactTrace, "--no-prompts", "--json"]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const usage = (JSON.parse(a.stdout) as { usage: Record<string, { calls: number }> }).usage;
    tdpCalls = Object.entries(usage)
      .filter(([k]) => !k.startsWith("node:"))
      .reduce((s, [, u]) => s + u.calls, 0);
  }, 90_000);

  it("writes one line per LLM call: arch, role, node, tokens, latency and the prompt", async () => {
    const t = lines(tdpTrace);
    expect(t).toHaveLength(tdpCalls);
    expect(t.map((l) => l.index)).toEqual(t.map((_, i) => i + 1));
    // No sub-task failed, so the dependency schedule called no Self-Revision.
    expect(new Set(t.map((l) => l.role))).toEqual(new Set(["supervisor", "planner", "executor", "evaluator"]));
    for (const l of t) {
      expect(l).toMatchObject({ arch: "tdp", env: "travel", taskId: "travel-medium-001" });
      expect(l.inputTokens).toBeGreaterThan(0);
      expect(l.latencyMs).toBeGreaterThanOrEqual(0);
      expect(l.prompt).toMatch(/^\[system\] /);
      if (["planner", "executor", "evaluator"].includes(l.role)) expect(l.nodeId).toBeTruthy();
      else expect(l.nodeId).toBeNull();
    }
    // A node's prompts hold that node's spec, and no other node's.
    const { travelEnv } = await import("../src/tools/travel/index.js");
    const specs = travelEnv.reference("travel-medium-001").subtasks;
    const planner = t.find((l) => l.role === "planner")!;
    const mine = specs.find((s) => s.id === planner.nodeId)!;
    expect(planner.prompt).toContain(`Sub-task: ${mine.spec}`);
    // Prerequisites appear with their outcomes; every other sub-task stays out.
    for (const other of specs.filter((s) => s.id !== mine.id && !mine.deps.includes(s.id)))
      expect(planner.prompt).not.toContain(other.spec);
  });

  it("--no-prompts leaves the prompt text out", () => {
    const r = lines(reactTrace);
    expect(r.length).toBeGreaterThan(1);
    for (const l of r) {
      expect(l).toMatchObject({ arch: "react", env: "travel", taskId: "travel-medium-001" });
      expect(l.prompt).toBeUndefined();
    }
    expect(readFileSync(reactTrace, "utf8")).not.toMatch(/plan a trip/i);
  });

  it("tdp compare prints TDP beside ReAct: calls, tokens and the largest prompt, by role", async () => {
    const { code, stdout } = await tdp(["compare", tdpTrace, reactTrace]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/tdp \(tdp\.jsonl\)\s+\|\s+react \(react\.jsonl\)/);
    for (const role of ["supervisor", "planner", "executor", "evaluator", "react", "total"])
      expect(stdout).toMatch(new RegExp(`^${role}\\s`, "m"));
    const largest = (ls: Line[]) => Math.max(...ls.map((l) => l.inputTokens));
    const fmt = (n: number) => n.toLocaleString("en-US");
    expect(stdout).toContain(
      `Largest prompt: tdp (tdp.jsonl) ${fmt(largest(lines(tdpTrace)))} tokens, react (react.jsonl) ${fmt(largest(lines(reactTrace)))} tokens`,
    );

    const json = await tdp(["compare", tdpTrace, reactTrace, "--json"]);
    const out = JSON.parse(json.stdout) as {
      a: { arch: string; total: { calls: number } };
      b: { arch: string; byRole: Record<string, { maxPrompt: number }> };
    };
    expect(out.a.arch).toBe("tdp");
    expect(out.a.total.calls).toBe(tdpCalls);
    expect(out.b.byRole.react.maxPrompt).toBe(largest(lines(reactTrace).filter((l) => l.role === "react")));
  }, 60_000);

  it("bad input is a one-line usage error (exit 2)", async () => {
    const junk = join(dir, "junk.jsonl");
    writeFileSync(junk, '{"index": 1}\n');
    const cases: [string[], RegExp][] = [
      [["compare", tdpTrace], /needs two trace files/],
      [["compare", tdpTrace, join(dir, "missing.jsonl")], /no such trace file/],
      [["compare", tdpTrace, junk], /junk\.jsonl:1 is not a trace line/],
      [["run", ...TASK, "--no-prompts"], /--no-prompts applies to --trace/],
      [["run", ...TASK, "--arch", "reflexion"], /unknown arch "reflexion"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => tdp(args)));
    cases.forEach(([, pattern], i) => {
      expect(runs[i].code).toBe(2);
      const errs = runs[i].output.split("\n").filter((l) => l.startsWith("tdp:"));
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatch(pattern);
      expect(runs[i].stdout).toBe("");
    });
  }, 60_000);
});
