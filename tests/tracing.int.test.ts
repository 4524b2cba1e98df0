/**
 * LangSmith tracing and experiments against a local receiver (no network): the real `tdp`
 * CLI runs in child processes with LANGSMITH_ENDPOINT pointing at the receiver, because the
 * SDK reads its environment when a client is built. Checks that a TDP trace reads as the
 * DAG, that every LLM call and graph node carries its metadata, that `tdp bench --langsmith`
 * uploads a dataset and runs one experiment per architecture with the environment's metrics
 * as feedback, and that no API key leaks into what is sent.
 */
import { LangSmithReceiver, type ReceivedRun } from "./helpers/langsmithReceiver.js";
import { spawnGroup, type GroupProcess } from "./helpers/processes.js";

const LANGSMITH_KEY = "lsv2_pt_TDPFAKEKEY0123456789abcdef";
const OPENAI_KEY = "sk-proj-TDPFAKEOPENAI9876543210zyx";
const TASK = ["--env", "travel", "--task", "travel-easy-001"];

let receiver: LangSmithReceiver;
const children: GroupProcess[] = [];

beforeAll(async () => {
  receiver = new LangSmithReceiver();
  await receiver.start();
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await receiver.stop();
});

/** The real CLI in a child process whose LangSmith (and OpenAI) settings point at fakes. */
async function tdp(args: string[], project: string): Promise<{ code: number | null; stdout: string; output: string }> {
  const p = spawnGroup(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: {
      ...process.env,
      LANGSMITH_ENDPOINT: receiver.url,
      LANGSMITH_API_KEY: LANGSMITH_KEY,
      LANGSMITH_PROJECT: project,
      LANGSMITH_TRACING: "",
      LANGCHAIN_TRACING_V2: "",
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: "",
    },
  });
  children.push(p);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), output: p.output() };
}

/** Runs of one trace, with helpers to walk it as a tree. */
function traceOf(project: string, rootName: string) {
  const runs = receiver.runList().filter((r) => r.session_name === project);
  const roots = runs.filter((r) => !r.parent_run_id && r.name === rootName);
  expect(roots).toHaveLength(1);
  const root = roots[0];
  const inTrace = runs.filter((r) => r.trace_id === root.trace_id);
  const children = (r: ReceivedRun) =>
    inTrace
      .filter((c) => c.parent_run_id === r.id)
      .sort((a, b) => String(a.dotted_order).localeCompare(String(b.dotted_order)));
  const descendants = (r: ReceivedRun): ReceivedRun[] => children(r).flatMap((c) => [c, ...descendants(c)]);
  const meta = (r: ReceivedRun) => r.extra?.metadata ?? {};
  return { root, runs: inTrace, children, descendants, meta };
}

describe("LangSmith tracing (tdp run --langsmith)", () => {
  it("a TDP trace reads as the DAG: supervisor, each role call filed under its sub-task, delivery", async () => {
    // The paper's loop (--evaluate every_step), so each sub-task shows all four roles.
    const { code, output } = await tdp(
      ["run", ...TASK, "--evaluate", "every_step", "--langsmith", "--quiet"],
      "tdp-trace",
    );
    expect({ code, output: code === 0 ? "" : output }).toEqual({ code: 0, output: "" });
    const t = traceOf("tdp-trace", "tdp");
    expect(t.meta(t.root)).toMatchObject({ arch: "tdp", env: "travel", task_id: "travel-easy-001" });
    expect(t.root.end_time).toBeTruthy();
    const dag = (t.root.outputs as { dag: Record<string, unknown> }).dag;
    const nodeIds = Object.keys(dag).sort();
    expect(nodeIds.length).toBeGreaterThan(1);

    // Top level, in order: the Supervisor, dispatch, the role calls of the branches, delivery last.
    const top = t
      .children(t.root)
      .filter(
        (r) => r.run_type === "chain" && typeof t.meta(r).langgraph_node === "string" && !r.name!.startsWith("__"),
      );
    expect(top.map((r) => r.name).join(" ")).toMatch(
      /^supervisor dispatch( (planner|executor|act|evaluator|dispatch|selfRevision))+ deliver$/,
    );
    for (const r of top)
      expect(t.meta(r)).toMatchObject({
        arch: "tdp",
        role: expect.any(String),
        env: "travel",
        task_id: "travel-easy-001",
      });

    // Every role call of a branch has one child run named for its sub-task; everything below it carries the node id.
    const ROLES = ["planner", "executor", "act", "evaluator"];
    const bySubTask = new Map<string, ReceivedRun[]>();
    for (const r of top.filter((r) => ROLES.includes(r.name!))) {
      const scoped = t.children(r).filter((c) => c.name!.startsWith(`${r.name}:`));
      expect(scoped).toHaveLength(1);
      const id = t.meta(scoped[0]).node_id as string;
      expect(scoped[0].name).toBe(`${r.name}:${id}`);
      bySubTask.set(id, [...(bySubTask.get(id) ?? []), scoped[0]]);
    }
    expect([...bySubTask.keys()].sort()).toEqual(nodeIds);
    for (const [id, runs] of bySubTask) {
      expect(runs.slice(0, 4).map((r) => r.name)).toEqual(ROLES.map((r) => `${r}:${id}`));
      const below = runs.flatMap((r) => [r, ...t.descendants(r)]);
      for (const r of below)
        expect(t.meta(r)).toMatchObject({ arch: "tdp", node_id: id, env: "travel", task_id: "travel-easy-001" });
      const llmRoles = below.filter((r) => r.run_type === "llm").map((r) => t.meta(r).role);
      expect(new Set(llmRoles)).toEqual(new Set(["planner", "executor", "evaluator"]));
      expect(below.some((r) => r.run_type === "tool")).toBe(true);
    }

    // Every LLM call carries a run name and the full metadata.
    const llms = t.runs.filter((r) => r.run_type === "llm");
    expect(llms.length).toBeGreaterThan(nodeIds.length * 3);
    for (const r of llms) {
      expect(t.meta(r)).toMatchObject({
        arch: "tdp",
        role: expect.any(String),
        env: "travel",
        task_id: "travel-easy-001",
      });
      expect("node_id" in t.meta(r)).toBe(true);
    }
    // The Supervisor's calls sit under its node, outside every branch.
    const supervisorLlm = t.descendants(top[0]).filter((r) => r.run_type === "llm");
    expect(supervisorLlm.map((r) => t.meta(r).role)).toEqual(["supervisor"]);
    expect(supervisorLlm[0].extra?.metadata?.node_id).toBeNull();
  }, 90_000);

  it("a ReAct trace carries the same run metadata", async () => {
    const { code } = await tdp(["run", "--arch", "react", ...TASK, "--langsmith", "--quiet"], "react-trace");
    expect(code).toBe(0);
    const t = traceOf("react-trace", "react");
    expect(t.meta(t.root)).toMatchObject({ arch: "react", env: "travel", task_id: "travel-easy-001" });
    const llms = t.runs.filter((r) => r.run_type === "llm");
    expect(llms.length).toBeGreaterThan(1);
    for (const r of llms)
      expect(t.meta(r)).toMatchObject({ arch: "react", role: "react", env: "travel", task_id: "travel-easy-001" });
    for (const r of t.runs)
      expect(t.meta(r)).toMatchObject({ arch: "react", env: "travel", task_id: "travel-easy-001" });
    expect(t.runs.filter((r) => r.run_type === "tool").length).toBeGreaterThan(0);
  }, 90_000);
});

describe("LangSmith experiments (tdp bench --langsmith)", () => {
  it("uploads the tasks as a dataset and runs one experiment per architecture, scored by the environment", async () => {
    const args = [
      "bench",
      "--env",
      "travel",
      "--tasks",
      "travel-easy-001,travel-easy-002",
      "--archs",
      "tdp,react",
      "--langsmith",
      "--concurrency",
      "2",
    ];
    const first = await tdp(args, "bench-traces");
    expect({ code: first.code, output: first.code === 0 ? "" : first.output }).toEqual({ code: 0, output: "" });
    expect(first.stdout).toMatch(/dataset tdp-travel-2-tasks-\w+: 2 examples \(uploaded\)/);

    const datasets = [...receiver.datasets.values()];
    expect(datasets).toHaveLength(1);
    const examples = [...receiver.examples.values()].filter((e) => e.dataset_id === datasets[0].id);
    expect(examples.map((e) => e.inputs.taskId).sort()).toEqual(["travel-easy-001", "travel-easy-002"]);
    for (const e of examples) {
      expect(e.inputs).toMatchObject({ env: "travel", task: expect.stringContaining("plan a trip") });
      expect(e.metadata).toMatchObject({ env: "travel", level: "easy" });
    }

    // One experiment (project) per architecture, on the dataset, with a run per example.
    const experiments = [...receiver.sessions.values()].filter((s) => s.reference_dataset_id === datasets[0].id);
    expect(experiments.map((s) => (s.extra as { metadata: { arch: string } }).metadata.arch).sort()).toEqual([
      "react",
      "tdp",
    ]);
    for (const exp of experiments) {
      const arch = (exp.extra as { metadata: { arch: string } }).metadata.arch;
      const rows = receiver.runList().filter((r) => r.session_name === exp.name && !r.parent_run_id);
      expect(rows.map((r) => r.reference_example_id).sort()).toEqual(examples.map((e) => e.id).sort());
      for (const row of rows) {
        expect(row.name).toBe(arch);
        // The graph run nests under the row and carries the run metadata.
        const graphRun = receiver.runList().find((r) => r.parent_run_id === row.id);
        expect(graphRun?.extra?.metadata).toMatchObject({
          arch,
          env: "travel",
          task_id: (row.inputs as { taskId: string }).taskId,
        });
        // The environment's metrics came back as feedback on the row.
        const keys = receiver.feedback.filter((f) => f.run_id === row.id).map((f) => f.key);
        expect(keys).toEqual(expect.arrayContaining(["delivered", "final_pass", "cs_micro", "hc_macro", "completed"]));
      }
    }
    expect(receiver.unknown).toEqual([]);

    // Re-running reuses the dataset.
    const second = await tdp([...args.slice(0, 5), "--archs", "tdp", "--langsmith"], "bench-traces");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/2 examples \(already there\)/);
    expect(receiver.datasets.size).toBe(1);
  }, 150_000);

  it("--langsmith without a key is a usage error", async () => {
    const p = spawnGroup(process.execPath, ["--import", "tsx", "src/cli.ts", "bench", "--langsmith", "--n", "1"], {
      env: {
        ...process.env,
        LANGSMITH_API_KEY: "",
        LANGCHAIN_API_KEY: "",
        LANGSMITH_ENDPOINT: "",
        LANGCHAIN_ENDPOINT: "",
      },
    });
    children.push(p);
    expect((await p.exited).code).toBe(2);
    expect(p.output()).toMatch(/tdp: --langsmith needs LANGSMITH_API_KEY/);
  }, 60_000);
});

describe("secrets", () => {
  it("no API key appears in anything sent to LangSmith; the LangSmith key only authenticates", () => {
    expect(receiver.requests.length).toBeGreaterThan(10);
    for (const r of receiver.requests) {
      const body = r.body.toString("latin1");
      expect(body.includes(LANGSMITH_KEY)).toBe(false);
      expect(body.includes(OPENAI_KEY)).toBe(false);
      // Not even a fragment of either key.
      expect(body.includes("TDPFAKE")).toBe(false);
      const headers = Object.entries(r.headers).filter(([, v]) => String(v).includes("TDPFAKE"));
      expect(headers.map(([k, v]) => [k, v])).toEqual([["x-api-key", LANGSMITH_KEY]]);
    }
  });
});
