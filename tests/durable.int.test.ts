/**
 * Durable runs through the real `tdp` CLI: a checkpointed run is SIGKILLed in the middle of a
 * batch (one branch finished and saved, the other inside a slow tool call), then
 * `tdp resume` finishes it. Every tool call of both processes is logged to a file: the
 * finished branch's call must not run again, and the run must deliver the right answer.
 */
import { stepSaved } from "./helpers/savedSteps.js";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Dag } from "../src/state/dag.js";
import { spawnGroup, waitFor, type GroupProcess } from "./helpers/processes.js";

interface CallEvent {
  tool: string;
  args: Record<string, unknown>;
  phase: "start" | "end";
  pid: number;
}

const dir = mkdtempSync(join(tmpdir(), "tdp-durable-"));
const db = join(dir, "runs.sqlite");
const log = join(dir, "calls.jsonl");
const trace = join(dir, "llm.jsonl");
const THREAD = "kill-and-resume";
const children: GroupProcess[] = [];

/** The real CLI in a child process, with the toy environment registered and its calls logged. */
function tdp(delays: string, args: string[]): GroupProcess {
  const p = spawnGroup(process.execPath, ["--import", "tsx", "tests/helpers/durableChild.ts", log, delays, ...args], {
    env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", LANGSMITH_TRACING: "false" },
  });
  children.push(p);
  return p;
}

function calls(): CallEvent[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CallEvent);
}

function traceLines(): { index: number; nodeId: string | null; role: string }[] {
  if (!existsSync(trace)) return [];
  return readFileSync(trace, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { index: number; nodeId: string | null; role: string });
}

const started = (key: string) =>
  calls().filter((c) => c.tool === "lookup" && c.args.key === key && c.phase === "start");
const ended = (key: string) => calls().filter((c) => c.tool === "lookup" && c.args.key === key && c.phase === "end");

/** True once the checkpoint database holds n1's finished tool call (a pending write of the current superstep). */
async function n1Saved(): Promise<boolean> {
  if (!existsSync(db)) return false;
  const saver = SqliteSaver.fromConnString(db);
  try {
    const tuple = await saver.getTuple({ configurable: { thread_id: THREAD } });
    return stepSaved(tuple?.pendingWrites, "n1");
  } finally {
    (saver as unknown as { db: { close(): void } }).db.close();
  }
}

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("durable runs (--checkpoint sqlite)", () => {
  it("a run killed mid-step resumes without repeating a finished step's tool call or model calls", async () => {
    // n1 (alpha) is instant, n2 (beta) takes two minutes: the kill lands while n2 is inside its call.
    const first = tdp("beta=120000", [
      "run",
      "--env",
      "toy",
      "--task",
      "toy-1",
      "--checkpoint",
      `sqlite:${db}`,
      "--thread",
      THREAD,
      "--quiet",
      // The paper's loop: the kill falls between n1's Executor and Evaluator calls.
      "--evaluate",
      "every_step",
      "--trace",
      trace,
    ]);
    await waitFor(
      "n1's lookup finished and saved while n2's lookup is in flight",
      async () => {
        if (first.child.exitCode !== null) throw new Error(`the run exited early:\n${first.output()}`);
        return ended("alpha").length === 1 && started("beta").length === 1 && (await n1Saved());
      },
      60_000,
    );
    first.kill();
    const killed = await first.exited;
    const tracedBeforeKill = traceLines().length;
    expect(killed.signal).toBe("SIGKILL");
    expect(ended("beta")).toHaveLength(0);
    expect(first.output()).toMatch(new RegExp(`thread ${THREAD}`));

    const resumed = tdp("-", [
      "resume",
      "--thread",
      THREAD,
      "--checkpoint",
      `sqlite:${db}`,
      "--json",
      "--trace",
      trace,
    ]);
    const exit = await resumed.exited;
    expect(exit.code).toBe(0);
    const out = JSON.parse(resumed.stdout()) as {
      status: string;
      answer: string;
      scores: Record<string, number>;
      dag: Dag;
    };
    expect(out.status).toBe("completed");
    expect(out.answer).toBe("ALPHA-7731+BETA-4410");
    expect(out.scores.correct).toBe(1);
    expect(Object.values(out.dag).map((n) => n.status)).toEqual(["completed", "completed", "completed"]);

    // The completed sub-task's call ran once, in the first process; the interrupted one ran again; the rest once.
    expect(started("alpha").map((c) => c.pid)).toEqual([first.child.pid]);
    expect(started("beta").map((c) => c.pid)).toEqual([first.child.pid, resumed.child.pid]);
    expect(
      calls()
        .filter((c) => c.tool === "submit" && c.phase === "start")
        .map((c) => c.pid),
    ).toEqual([resumed.child.pid]);

    // The LLM trace continues in the same file. n1's Planner and Executor ran before the kill and
    // were not repeated; only its Evaluator (the role after the saved step) ran after the resume.
    const lines = traceLines();
    expect(lines.map((l) => l.index)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.length).toBeGreaterThan(tracedBeforeKill);
    const n1 = lines.filter((l) => l.nodeId === "n1");
    expect(n1.filter((l) => l.index <= tracedBeforeKill).map((l) => l.role)).toEqual(["planner", "executor"]);
    expect(n1.filter((l) => l.index > tracedBeforeKill).map((l) => l.role)).toEqual(["evaluator"]);
    expect(lines.slice(tracedBeforeKill).some((l) => l.nodeId === "n3")).toBe(true);
  }, 120_000);

  it("resuming a finished thread shows it without running anything", async () => {
    const before = calls().length;
    const again = tdp("-", ["resume", "--thread", THREAD, "--checkpoint", `sqlite:${db}`]);
    expect((await again.exited).code).toBe(0);
    expect(again.output()).toMatch(/Status: completed/);
    expect(again.output()).toMatch(/had already finished/);
    expect(calls()).toHaveLength(before);
  }, 60_000);

  it("plan approval from the CLI: pause, an invalid edit pauses again, approval finishes", async () => {
    const cp = `sqlite:${join(dir, "approve.sqlite")}`;
    const start = tdp("-", [
      "run",
      "--env",
      "toy",
      "--task",
      "toy-1",
      "--checkpoint",
      cp,
      "--thread",
      "a1",
      "--approve-plan",
      "--quiet",
    ]);
    expect((await start.exited).code).toBe(0);
    expect(start.stdout()).toMatch(/Paused for plan approval \(thread a1\)/);
    expect(start.stdout()).toMatch(/n3\s+Submit the alpha and beta values .* ← n1, n2/);

    const edit = join(dir, "edit.json");
    writeFileSync(edit, JSON.stringify([{ id: "n1", spec: "Look up alpha.", deps: ["n1"] }]));
    const bad = tdp("-", ["resume", "--thread", "a1", "--checkpoint", cp, "--dag", edit, "--quiet"]);
    expect((await bad.exited).code).toBe(0);
    expect(bad.stdout()).toMatch(/The last edit was not applied:\n {2}- node "n1" depends on itself/);

    const ok = tdp("-", ["resume", "--thread", "a1", "--checkpoint", cp, "--approve", "--json"]);
    expect((await ok.exited).code).toBe(0);
    expect(JSON.parse(ok.stdout())).toMatchObject({
      status: "completed",
      answer: "ALPHA-7731+BETA-4410",
      thread: "a1",
    });
  }, 90_000);

  it("bad resume input is a one-line usage error (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["resume", "--thread", "nope", "--checkpoint", `sqlite:${db}`], /no run with thread nope/],
      [
        ["resume", "--thread", THREAD, "--checkpoint", `sqlite:${join(dir, "missing.sqlite")}`],
        /no checkpoint database/,
      ],
      [["resume", "--thread", THREAD, "--checkpoint", "mysql://x"], /--checkpoint must be sqlite:PATH/],
      [["resume", "--checkpoint", `sqlite:${db}`], /give --thread ID/],
      [["resume", "--thread", THREAD, "--checkpoint", `sqlite:${db}`, "--approve"], /not paused for plan approval/],
      [
        ["run", "--env", "toy", "--task", "toy-1", "--checkpoint", `sqlite:${db}`, "--thread", THREAD],
        /already exists/,
      ],
      [["run", "--env", "toy", "--task", "toy-1", "--thread", "t"], /--thread needs --checkpoint/],
    ];
    const runs = cases.map(([args]) => tdp("-", args));
    for (const [i, [args, pattern]] of cases.entries()) {
      const { code } = await runs[i].exited;
      const lines = runs[i]
        .output()
        .split("\n")
        .filter((l) => l.startsWith("tdp:"));
      expect({ args, code, lines: lines.length, stdout: runs[i].stdout() }).toEqual({
        args,
        code: 2,
        lines: 1,
        stdout: "",
      });
      expect(lines[0]).toMatch(pattern);
    }
  }, 120_000);
});
