/**
 * Durable runs on a real PostgreSQL (`--checkpoint postgres://...`), through the real `tdp`
 * CLI: a private throwaway cluster is started on a free port for this file and deleted after.
 *
 * - a bundled travel task with the offline model runs to the same result as in memory, its
 *   run record and checkpoints are in the database, and resuming it runs nothing;
 * - a run SIGKILLed mid-step resumes without repeating the finished sub-task's tool call;
 * - 8 runs on 8 threads share one (fresh) database at once: all in flight together, killed
 *   together, resumed together, each finishing with its own result;
 * - a bad URL is a usage error (exit 2); a refused port, a missing database and a user without
 *   grants are one line with exit 1, before any model call.
 */
import { stepSaved } from "./helpers/savedSteps.js";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { PostgresCheckpointStore } from "../src/checkpoint/postgres.js";
import type { RunRecord } from "../src/checkpoint/spec.js";
import type { Dag } from "../src/state/dag.js";
import { findPostgresBin, startPostgres, type PgCluster } from "./helpers/postgres.js";
import { freePort, spawnGroup, waitFor, type GroupProcess } from "./helpers/processes.js";

interface CallEvent {
  tool: string;
  args: Record<string, unknown>;
  phase: "start" | "end";
  pid: number;
}

interface RunOutput {
  thread: string | null;
  taskId: string | null;
  status: string;
  answer: string;
  scores: Record<string, number>;
  dag: Dag;
  stepsUsed: number;
}

const bin = findPostgresBin();
if (!bin)
  console.warn(
    "SKIPPED tests/postgres.int.test.ts: no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; install them with apt-get install -y postgresql (.ci/run does)",
  );
const describePg = bin ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), "tdp-pg-test-"));
const children: GroupProcess[] = [];
const savers: PostgresSaver[] = [];
let pg: PgCluster;

const CHILD_ENV = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", LANGSMITH_TRACING: "false" };

/** The real CLI in a child process, with the toy environment registered and its tool calls logged to `log`. */
function tdp(log: string, delays: string, args: string[]): GroupProcess {
  const p = spawnGroup(process.execPath, ["--import", "tsx", "tests/helpers/durableChild.ts", log, delays, ...args], {
    env: CHILD_ENV,
  });
  children.push(p);
  return p;
}

function calls(log: string): CallEvent[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CallEvent);
}

const lookups = (log: string, key: string, phase: "start" | "end", pid?: number) =>
  calls(log).filter(
    (c) => c.tool === "lookup" && c.args.key === key && c.phase === phase && (pid === undefined || c.pid === pid),
  );

/** A saver on `url` for reading what the runs wrote (ended in afterAll). */
function reader(url: string): PostgresSaver {
  const s = PostgresSaver.fromConnString(url);
  savers.push(s);
  return s;
}

/** True once the database holds n1's finished tool call for `thread` (a pending write of the current superstep). */
async function n1Saved(saver: PostgresSaver, thread: string): Promise<boolean> {
  const tuple = await saver.getTuple({ configurable: { thread_id: thread } });
  return stepSaved(tuple?.pendingWrites, "n1");
}

/** The `tdp:` lines a process printed. */
const tdpLines = (p: GroupProcess) =>
  p
    .output()
    .split("\n")
    .filter((l) => l.startsWith("tdp:"));

beforeAll(async () => {
  if (!bin) return;
  const cluster = await startPostgres();
  if (!cluster) throw new Error(`PostgreSQL binaries were found in ${bin} but the cluster did not start`);
  pg = cluster;
  for (const db of ["travel", "durable", "concurrent", "errors", "race"]) await pg.sql(`CREATE DATABASE ${db}`);
  await pg.sql("CREATE ROLE nogrants LOGIN");
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await Promise.all(savers.map((s) => s.end().catch(() => {})));
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describePg("durable runs (--checkpoint postgres://)", () => {
  it("reports the server version it tests against", () => {
    expect(pg.version).toMatch(/^\d+/);
    console.log(`PostgreSQL ${pg.version} on port ${pg.port}`);
  });

  it("8 stores opened at once on an empty database set it up once, without a race, and keep their records apart", async () => {
    // PostgresSaver.setup() alone fails here (duplicate pg_type / checkpoint_migrations rows).
    const url = pg.url("race");
    const stores = await Promise.all(Array.from({ length: 8 }, () => PostgresCheckpointStore.open(url, url)));
    try {
      const record = (i: number): RunRecord => ({
        arch: "tdp",
        env: "travel",
        taskId: `travel-easy-00${i + 1}`,
        query: null,
        configurable: { model: "offline", seed: i },
        createdAt: new Date(0).toISOString(),
      });
      await Promise.all(stores.map((s, i) => s.saveRun(`r${i}`, record(i))));
      for (const [i, s] of stores.entries()) expect(await s.loadRun(`r${(i + 1) % 8}`)).toEqual(record((i + 1) % 8));
      // Saving a thread again replaces its record, as on SQLite.
      await stores[0].saveRun("r3", { ...record(3), arch: "react" });
      expect((await stores[5].loadRun("r3"))?.arch).toBe("react");
      expect(await stores[0].loadRun("missing")).toBeNull();
      expect(stores[0].location).toBe(url);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    expect(await pg.sql("SELECT string_agg(v::text, ',' ORDER BY v) FROM checkpoint_migrations", "race")).toBe(
      "0,1,2,3,4",
    );
  });

  it("a bundled travel task runs to the in-memory result, with its record and checkpoints in the database", async () => {
    const url = pg.url("travel");
    const args = ["run", "--env", "travel", "--task", "travel-easy-001", "--json"];
    const log = join(dir, "travel-calls.jsonl");
    const [durable, inMemory] = [
      tdp(log, "-", [...args, "--checkpoint", url, "--thread", "travel-1"]),
      tdp(log, "-", args),
    ];
    expect((await durable.exited).code).toBe(0);
    expect((await inMemory.exited).code).toBe(0);
    const out = JSON.parse(durable.stdout()) as RunOutput;
    const ref = JSON.parse(inMemory.stdout()) as RunOutput;
    expect(out.thread).toBe("travel-1");
    expect(out.status).toBe("completed");
    expect(out.scores.final_pass).toBe(1);
    expect({ answer: out.answer, scores: out.scores, stepsUsed: out.stepsUsed }).toEqual({
      answer: ref.answer,
      scores: ref.scores,
      stepsUsed: ref.stepsUsed,
    });

    // The run record and the checkpoints are in PostgreSQL, under the thread.
    const record = JSON.parse(
      await pg.sql(`SELECT record::text FROM tdp_runs WHERE thread_id = 'travel-1'`, "travel"),
    ) as { arch: string; env: string; taskId: string; configurable: Record<string, unknown> };
    expect(record).toMatchObject({ arch: "tdp", env: "travel", taskId: "travel-easy-001" });
    expect(record.configurable.model).toBe("offline");
    expect(
      Number(await pg.sql(`SELECT count(*) FROM checkpoints WHERE thread_id = 'travel-1'`, "travel")),
    ).toBeGreaterThan(3);
    const saved = await reader(url).getTuple({ configurable: { thread_id: "travel-1" } });
    const values = saved?.checkpoint.channel_values as { status: string; answer: string };
    expect(values.status).toBe("completed");
    expect(values.answer).toBe(out.answer);

    // Resuming the finished thread shows it and runs nothing.
    const again = tdp(log, "-", ["resume", "--thread", "travel-1", "--checkpoint", url]);
    expect((await again.exited).code).toBe(0);
    expect(again.output()).toMatch(/Status: completed/);
    expect(again.output()).toMatch(/thread travel-1 had already finished/);
  }, 120_000);

  it("a run killed mid-step resumes without repeating a finished sub-task's tool call", async () => {
    const url = pg.url("durable");
    const log = join(dir, "durable-calls.jsonl");
    const trace = join(dir, "durable-llm.jsonl");
    const saver = reader(url);
    const THREAD = "kill-and-resume";
    // n1 (alpha) is instant, n2 (beta) takes two minutes: the kill lands while n2 is inside its call.
    const first = tdp(log, "beta=120000", [
      "run",
      "--env",
      "toy",
      "--task",
      "toy-1",
      "--checkpoint",
      url,
      "--thread",
      THREAD,
      "--quiet",
      "--trace",
      trace,
    ]);
    await waitFor(
      "n1 finished and saved in PostgreSQL while n2's lookup is in flight",
      async () => {
        if (first.child.exitCode !== null) throw new Error(`the run exited early:\n${first.output()}`);
        return (
          lookups(log, "alpha", "end").length === 1 &&
          lookups(log, "beta", "start").length === 1 &&
          (await n1Saved(saver, THREAD))
        );
      },
      60_000,
    );
    first.kill();
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(lookups(log, "beta", "end")).toHaveLength(0);
    expect(first.output()).toMatch(new RegExp(`thread ${THREAD} \\(resume with: tdp resume --thread ${THREAD}`));

    const resumed = tdp(log, "-", ["resume", "--thread", THREAD, "--checkpoint", url, "--json", "--trace", trace]);
    expect((await resumed.exited).code).toBe(0);
    const out = JSON.parse(resumed.stdout()) as RunOutput;
    expect(out.status).toBe("completed");
    expect(out.answer).toBe("ALPHA-7731+BETA-4410");
    expect(out.scores.correct).toBe(1);
    expect(Object.values(out.dag).map((n) => n.status)).toEqual(["completed", "completed", "completed"]);

    // The finished step's call ran once, before the kill; the interrupted one ran again; submit once.
    expect(lookups(log, "alpha", "start").map((c) => c.pid)).toEqual([first.child.pid]);
    expect(lookups(log, "beta", "start").map((c) => c.pid)).toEqual([first.child.pid, resumed.child.pid]);
    expect(
      calls(log)
        .filter((c) => c.tool === "submit" && c.phase === "start")
        .map((c) => c.pid),
    ).toEqual([resumed.child.pid]);
  }, 150_000);

  it("8 runs on 8 threads share one fresh database: in flight together, killed, resumed together", async () => {
    const url = pg.url("concurrent");
    const log = join(dir, "concurrent-calls.jsonl");
    const saver = reader(url);
    const threads = Array.from({ length: 8 }, (_, i) => `c${i + 1}`);
    // All 8 first runs open the empty database at once: table creation must not race.
    const firsts = threads.map((t) =>
      tdp(log, "beta=120000", [
        "run",
        "--env",
        "toy",
        "--task",
        "toy-1",
        "--checkpoint",
        url,
        "--thread",
        t,
        "--quiet",
      ]),
    );
    const pids = firsts.map((p) => p.child.pid);
    await waitFor(
      "all 8 runs inside n2's lookup with n1 saved",
      async () => {
        const dead = firsts.find((p) => p.child.exitCode !== null);
        if (dead) throw new Error(`a run exited early:\n${dead.output()}`);
        if (!pids.every((pid) => lookups(log, "beta", "start", pid).length === 1)) return false;
        for (const t of threads) if (!(await n1Saved(saver, t))) return false;
        return true;
      },
      150_000,
      250,
    );
    // At this instant every run is mid-call: the 8 were running concurrently.
    for (const pid of pids) expect(lookups(log, "beta", "end", pid)).toHaveLength(0);
    for (const p of firsts) p.kill();
    await Promise.all(firsts.map((p) => p.exited));

    const resumes = threads.map((t) => tdp(log, "-", ["resume", "--thread", t, "--checkpoint", url, "--json"]));
    const exits = await Promise.all(resumes.map((p) => p.exited));
    expect(exits.map((e) => e.code)).toEqual(threads.map(() => 0));
    for (const [i, p] of resumes.entries()) {
      const out = JSON.parse(p.stdout()) as RunOutput;
      expect({ thread: out.thread, status: out.status, answer: out.answer }).toEqual({
        thread: threads[i],
        status: "completed",
        answer: "ALPHA-7731+BETA-4410",
      });
      // Each thread's alpha lookup ran once, in its first process; beta once per process.
      expect(lookups(log, "alpha", "start", firsts[i].child.pid)).toHaveLength(1);
      expect(lookups(log, "alpha", "start", p.child.pid)).toHaveLength(0);
      expect(lookups(log, "beta", "start", p.child.pid)).toHaveLength(1);
    }
    expect(calls(log).filter((c) => c.tool === "lookup" && c.args.key === "alpha" && c.phase === "start")).toHaveLength(
      8,
    );
    expect(await pg.sql("SELECT string_agg(thread_id, ',' ORDER BY thread_id) FROM tdp_runs", "concurrent")).toBe(
      [...threads].sort().join(","),
    );
    expect(await pg.sql("SELECT count(DISTINCT thread_id) FROM checkpoints", "concurrent")).toBe("8");
    expect(await pg.sql("SELECT string_agg(v::text, ',' ORDER BY v) FROM checkpoint_migrations", "concurrent")).toMatch(
      /^0,1,2,3,4/,
    );
  }, 300_000);

  it("a bad URL is a usage error (exit 2); an unusable server is one line (exit 1); both before any model call", async () => {
    const refused = await freePort();
    const log = join(dir, "errors-calls.jsonl");
    const cases: [string, string[], number, RegExp][] = [
      ["no database", ["run", "--checkpoint", "postgres://x"], 2, /--checkpoint names no database/],
      ["bad port", ["run", "--checkpoint", "postgres://u:hunter2@h:99999/db"], 2, /is not a valid URL.*u:\*\*\*@h/],
      [
        "unknown scheme",
        ["run", "--checkpoint", "mysql://u@h/db"],
        2,
        /--checkpoint must be sqlite:PATH .* or postgres:\/\/USER@HOST:PORT\/DB/,
      ],
      [
        "refused port",
        ["run", "--checkpoint", `postgres://postgres@127.0.0.1:${refused}/errors`],
        1,
        new RegExp(
          `cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:${refused}/errors: connection refused`,
        ),
      ],
      [
        "refused port on resume",
        ["resume", "--thread", "t", "--checkpoint", `postgres://postgres@127.0.0.1:${refused}/errors`],
        1,
        /connection refused/,
      ],
      ["missing database", ["run", "--checkpoint", pg.url("nosuchdb")], 1, /database "nosuchdb" does not exist/],
      ["unknown role", ["run", "--checkpoint", pg.url("errors", "ghost")], 1, /refused the login: role "ghost"/],
      [
        "no privileges",
        ["run", "--checkpoint", pg.url("errors", "nogrants")],
        1,
        /permission denied for database errors .*CREATE on the database/,
      ],
    ];
    const traces = cases.map((_, i) => join(dir, `errors-llm-${i}.jsonl`));
    const procs = cases.map(([, args], i) =>
      tdp(log, "-", [...args, ...(args[0] === "run" ? ["--env", "toy", "--task", "toy-1"] : []), "--trace", traces[i]]),
    );
    for (const [i, [what, , code, pattern]] of cases.entries()) {
      const exit = await procs[i].exited;
      const lines = tdpLines(procs[i]);
      expect({ what, code: exit.code, lines: lines.length, stdout: procs[i].stdout() }).toEqual({
        what,
        code,
        lines: 1,
        stdout: "",
      });
      expect(procs[i].output().trim().split("\n")).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      // No model call was made: the trace file never got a line.
      expect(existsSync(traces[i]) ? readFileSync(traces[i], "utf8") : "").toBe("");
    }
    expect(calls(log)).toHaveLength(0);
  }, 120_000);

  it("a user granted only table privileges runs once the owner created the tables; without them, one line", async () => {
    await pg.sql("CREATE ROLE tables_only LOGIN", "travel");
    await pg.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO tables_only", "travel");
    const log = join(dir, "grants-calls.jsonl");
    const args = ["run", "--env", "toy", "--task", "toy-1", "--json", "--checkpoint", pg.url("travel", "tables_only")];
    const readOnly = tdp(log, "-", args);
    expect((await readOnly.exited).code).toBe(1);
    expect(tdpLines(readOnly)).toEqual([
      `tdp: PostgreSQL at ${pg.url("travel", "tables_only")}: permission denied: the user lacks INSERT, UPDATE on public.checkpoints, public.checkpoint_blobs, public.checkpoint_writes, public.tdp_runs (GRANT them, or use the tables' owner)`,
    ]);
    expect(calls(log)).toHaveLength(0);

    await pg.sql("GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO tables_only", "travel");
    const granted = tdp(log, "-", args);
    expect((await granted.exited).code).toBe(0);
    expect(JSON.parse(granted.stdout())).toMatchObject({ status: "completed", answer: "ALPHA-7731+BETA-4410" });
  }, 120_000);
});
