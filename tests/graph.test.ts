/**
 * Whole-graph tests: the real TDP graph, a scripted model, the toy environment's real tools.
 * They prove the method's properties (scoped context, concurrency, local replanning,
 * validated revision, budget), not just the plumbing.
 */
import { MemorySaver } from "@langchain/langgraph";
import type { AIMessage } from "@langchain/core/messages";
import { ensureConfiguration } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { createToyEnv, type ToyEnvironment } from "./helpers/toyEnv.js";
import { promptsFor, scriptedModel, toolCall, type ScriptContext } from "./helpers/scripted.js";

const FACTS = {
  alpha: "ALPHA-7731 [trace-only note: SECRET-ALPHA-TRACE]",
  beta: "BETA-4410 [trace-only note: SECRET-BETA-TRACE]",
  gamma: "GAMMA-9002",
};

const THREE_NODES = [
  { id: "n1", spec: "Look up the value stored under key alpha.", deps: [] },
  { id: "n2", spec: "Look up the value stored under key beta.", deps: [] },
  { id: "n3", spec: "Submit the alpha and beta values joined by a plus sign.", deps: ["n1", "n2"] },
];

/** Outcome summaries deliberately leave the trace-only notes out. */
function outcomeFor(nodeId: string | null): string {
  return nodeId === "n1" ? "alpha is ALPHA-7731" : nodeId === "n2" ? "beta is BETA-4410" : "submitted";
}

/** A well-behaved model: builds THREE_NODES, one lookup per node, submits in n3. */
function defaultScript(ctx: ScriptContext): AIMessage {
  switch (ctx.role) {
    case "construct_dag":
      return toolCall("construct_dag", { nodes: THREE_NODES });
    case "write_plan":
      return toolCall("write_plan", { steps: [`do ${ctx.nodeId}`] });
    case "act": {
      if (ctx.nodeId === "n1") return toolCall("lookup", { key: "alpha" });
      if (ctx.nodeId === "n2") return toolCall("lookup", { key: "beta" });
      return toolCall("submit", { answer: "ALPHA-7731+BETA-4410" });
    }
    case "evaluate_step":
      return toolCall("evaluate_step", {
        status: "completed",
        replan: false,
        guidance: null,
        outcome: outcomeFor(ctx.nodeId),
      });
    case "revise_dag":
      return toolCall("revise_dag", { update: [], add: [], remove: [] });
    case "deliver_answer":
      return toolCall("deliver_answer", { answer: "none" });
    default:
      throw new Error(`unexpected role ${ctx.role}`);
  }
}

let envCounter = 0;
function toyEnv(opts: Parameters<typeof createToyEnv>[0] = {}): ToyEnvironment {
  const env = createToyEnv({ facts: FACTS, name: `toy${++envCounter}`, ...opts });
  registerEnvironment(env);
  return env;
}

function config(extra: Record<string, unknown> = {}) {
  // These scripts follow the paper's loop (an Evaluator call after every step); on_signal has its own tests.
  const configurable = { maxSteps: 20, evaluate: "every_step", ...extra };
  return { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) };
}

describe("TDP graph with a scripted model", () => {
  it("shows the Studio-visible roles as distinct graph nodes", async () => {
    const g = createTdpGraph({ llm: scriptedModel(defaultScript) });
    const drawn = await g.getGraphAsync({ xray: true });
    const ids = Object.keys(drawn.nodes);
    for (const name of ["supervisor", "dispatch", "planner", "executor", "act", "evaluator", "selfRevision", "deliver"])
      expect(ids).toContain(name);
  });

  it.each(["dependency", "batch"] as const)(
    "scopes every worker prompt to its own node: other nodes' actions and observations never appear (%s schedule)",
    async (schedule) => {
      const env = toyEnv();
      const model = scriptedModel(defaultScript);
      const out = await createTdpGraph({ llm: model }).invoke({ env: env.name, taskId: "toy-1" }, config({ schedule }));

      expect(out.status).toBe("completed");
      expect(out.answer).toBe("ALPHA-7731+BETA-4410");
      expect(out.scores?.delivered).toBe(1);

      const n1 = promptsFor(model, "n1").join("\n");
      const n2 = promptsFor(model, "n2").join("\n");
      const n3 = promptsFor(model, "n3").join("\n");
      // Each node sees its own observations...
      expect(n1).toContain("SECRET-ALPHA-TRACE");
      expect(n2).toContain("SECRET-BETA-TRACE");
      // ...and never another node's actions or observations.
      expect(n1).not.toContain("SECRET-BETA-TRACE");
      expect(n1).not.toContain('"beta"');
      expect(n2).not.toContain("SECRET-ALPHA-TRACE");
      expect(n2).not.toContain('"alpha"');
      expect(n3).not.toMatch(/SECRET-(ALPHA|BETA)-TRACE/);
      expect(n3).not.toMatch(/"key":"(alpha|beta)"/);
      // A dependant sees only its prerequisites' outcome summaries.
      expect(n3).toContain("alpha is ALPHA-7731");
      expect(n3).toContain("beta is BETA-4410");
      expect(n1).not.toContain("beta is BETA-4410");
      // Workers never see the global task text.
      for (const text of [n1, n2, n3]) expect(text).not.toContain("Look up alpha and beta, then submit");
      // Self-Revision sees outcomes, never traces. The paper's loop revises after every batch;
      // the dependency schedule only when something failed or surprised (here: never).
      const revisions = model.log.filter((c) => c.role === "revise_dag");
      if (schedule === "batch") {
        expect(revisions.length).toBeGreaterThan(0);
        const supervisorSide = revisions.map((c) => c.text).join("\n");
        expect(supervisorSide).toContain("alpha is ALPHA-7731");
        expect(supervisorSide).not.toMatch(/SECRET-(ALPHA|BETA)-TRACE/);
      } else expect(revisions).toHaveLength(0);
      // The global state holds no trace.
      expect(JSON.stringify(out)).not.toMatch(/SECRET-(ALPHA|BETA)-TRACE/);
      expect(Object.keys(out)).not.toContain("trace");
    },
  );

  it("dispatches independent nodes in one superstep, running concurrently", async () => {
    const env = toyEnv({ delayMs: 150 });
    const checkpointer = new MemorySaver();
    const g = createTdpGraph({ llm: scriptedModel(defaultScript) }, { checkpointer });
    const cfg = { ...config(), configurable: { ...config().configurable, thread_id: "concurrent" } };
    await g.invoke({ env: env.name, taskId: "toy-1" }, cfg);

    const history = [];
    for await (const snap of g.getStateHistory({ configurable: { thread_id: "concurrent" } })) history.push(snap);
    const starts = history.map((s) => s.tasks.filter((t) => t.name === "planner").length);
    expect(Math.max(...starts)).toBe(2); // n1 and n2 started in one superstep
    const [a, b] = env.log;
    expect(a.key).not.toBe(b.key);
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end)); // overlapping in time
  });

  it("runs one node at a time when the environment is exclusive", async () => {
    const env = toyEnv({ delayMs: 50, exclusive: true });
    const out = await createTdpGraph({ llm: scriptedModel(defaultScript) }).invoke(
      { env: env.name, taskId: "toy-1" },
      config(),
    );
    expect(out.status).toBe("completed");
    expect(env.log).toHaveLength(2); // the lookups (the toy env logs lookups only)
    for (let i = 1; i < env.log.length; i++) expect(env.log[i].start).toBeGreaterThanOrEqual(env.log[i - 1].end);
  });

  it("replans locally: a failure in one node refines that node's plan only", async () => {
    const env = toyEnv();
    const model = scriptedModel((ctx) => {
      if (ctx.nodeId === "n1" && ctx.role === "act") {
        // First try uses a wrong key; after the local replan it uses the right one.
        return ctx.text.includes("No key") || ctx.text.includes("no key")
          ? toolCall("lookup", { key: "alpha" })
          : toolCall("lookup", { key: "alfa" });
      }
      if (
        ctx.nodeId === "n1" &&
        ctx.role === "evaluate_step" &&
        /no key \\?"alfa/.test(ctx.text) &&
        !ctx.text.includes("ALPHA-7731")
      ) {
        return toolCall("evaluate_step", {
          status: "needs_more_steps",
          replan: true,
          guidance: "Use the key alpha.",
          outcome: null,
        });
      }
      return defaultScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke({ env: env.name, taskId: "toy-1" }, config());

    expect(out.status).toBe("completed");
    const plannerCalls = (id: string) => model.log.filter((c) => c.role === "write_plan" && c.nodeId === id);
    expect(plannerCalls("n1")).toHaveLength(2);
    expect(plannerCalls("n1")[1].text).toContain("The Evaluator asked for a new plan");
    expect(plannerCalls("n1")[1].text).toContain("Use the key alpha.");
    expect(plannerCalls("n2")).toHaveLength(1);
    expect(plannerCalls("n3")).toHaveLength(1);
    expect(out.dag.n1).toMatchObject({ status: "completed", replans: 1, stepsUsed: 2 });
    expect(out.dag.n2).toMatchObject({ status: "completed", replans: 0, stepsUsed: 1 });
    // The other nodes' prompts never saw the failure.
    expect(promptsFor(model, "n2").join()).not.toContain("alfa");
    expect(promptsFor(model, "n3").join()).not.toContain("alfa");
    // Nothing global was replanned: one construction, and Self-Revision had nothing to repair.
    expect(model.log.filter((c) => c.role === "construct_dag")).toHaveLength(1);
    expect(out.replans).toBe(1);
  });

  it("rejects a revision that changes a completed node or adds a cycle, keeping the DAG", async () => {
    const env = toyEnv();
    const model = scriptedModel((ctx) => {
      if (ctx.role === "revise_dag") {
        return ctx.nth === 0
          ? toolCall("revise_dag", {
              update: [{ id: "n1", spec: "rewrite a finished node", deps: null }],
              add: [],
              remove: [],
            })
          : toolCall("revise_dag", {
              update: [],
              add: [
                { id: "n4", spec: "loop", deps: ["n5"] },
                { id: "n5", spec: "loop", deps: ["n4"] },
              ],
              remove: [],
            });
      }
      return defaultScript(ctx);
    });
    // The paper's loop revises the whole DAG after each batch, finished nodes included.
    const out = await createTdpGraph({ llm: model }).invoke(
      { env: env.name, taskId: "toy-1" },
      config({ schedule: "batch" }),
    );

    expect(Object.keys(out.dag).sort()).toEqual(["n1", "n2", "n3"]);
    expect(out.dag.n1.spec).toBe(THREE_NODES[0].spec);
    const rejected = out.revisions.find((r) => r.stage === "revise");
    expect(rejected).toMatchObject({ accepted: false, changes: 0 });
    expect(rejected?.errors.join()).toMatch(/cannot change completed node "n1"/);
    expect(rejected?.errors.join()).toMatch(/cycle/);
    // The re-ask quoted the first error back to the model.
    const reask = model.log.filter((c) => c.role === "revise_dag")[1];
    expect(reask.text).toContain('cannot change completed node "n1"');
    expect(out.status).toBe("completed");
  });

  it("re-asks once on an invalid DAG, then falls back to one node", async () => {
    const env = toyEnv();
    const model = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag")
        return toolCall("construct_dag", { nodes: [{ id: "a", spec: "x", deps: ["a"] }] });
      if (ctx.role === "act") return toolCall("submit", { answer: "ALPHA-7731+BETA-4410" });
      return defaultScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke({ env: env.name, taskId: "toy-1" }, config());
    expect(model.log.filter((c) => c.role === "construct_dag")).toHaveLength(2);
    expect(model.log[1].text).toContain("depends on itself");
    expect(Object.keys(out.dag)).toEqual(["task"]);
    expect(out.dag.task.spec).toContain("Look up alpha and beta");
    expect(out.revisions[0]).toMatchObject({ stage: "construct", accepted: false });
  });

  it("never exceeds the global step budget with parallel branches", async () => {
    const facts = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, `V${i}`]));
    const env = toyEnv({ facts });
    const nodes = Array.from({ length: 4 }, (_, i) => ({
      id: `w${i}`,
      spec: `Read keys of group ${i} many times.`,
      deps: [],
    }));
    const model = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes });
      // A worker that never thinks it is done: only the budget stops it.
      if (ctx.role === "act") return toolCall("lookup", { key: `k${ctx.nth % 8}` });
      if (ctx.role === "evaluate_step")
        return toolCall("evaluate_step", { status: "needs_more_steps", replan: false, guidance: null, outcome: null });
      if (ctx.role === "revise_dag") {
        // Keep retrying failed nodes, so the only limit is the budget.
        const failed = [...ctx.text.matchAll(/"id":"(w\d)","status":"failed"/g)].map((m) => m[1]);
        return toolCall("revise_dag", {
          update: failed.map((id) => ({ id, spec: `Retry group ${id}.`, deps: null })),
          add: [],
          remove: [],
        });
      }
      return defaultScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke(
      { env: env.name, taskId: "toy-1" },
      config({ maxSteps: 7, maxStepsPerNode: 3 }),
    );
    expect(out.stepsUsed).toBeLessThanOrEqual(7);
    expect(env.log.length).toBe(out.stepsUsed);
    expect(out.stepsUsed).toBeGreaterThanOrEqual(6);
    expect(out.status).toBe("budget_exhausted");
  });

  it("counts usage by role and by node", async () => {
    const env = toyEnv();
    const out = await createTdpGraph({ llm: scriptedModel(defaultScript) }).invoke(
      { env: env.name, taskId: "toy-1" },
      config(),
    );
    expect(out.usage.supervisor.calls).toBe(1);
    expect(out.usage.planner.calls).toBe(3);
    expect(out.usage.executor.calls).toBe(3);
    expect(out.usage.evaluator.calls).toBe(3);
    // Per sub-task figures are on the DAG node; the role totals sum to the run's total.
    expect(out.dag.n1.usage?.calls).toBe(3);
    expect(Object.keys(out.usage).sort()).toEqual(
      ["evaluator", "executor", "planner", "self_revision", "supervisor"].filter((r) => r in out.usage).sort(),
    );
    const nodeCalls = Object.values(out.dag).reduce((s, n) => s + (n.usage?.calls ?? 0), 0);
    expect(nodeCalls).toBe(out.usage.planner.calls + out.usage.executor.calls + out.usage.evaluator.calls);
    expect(out.usage.planner.input).toBeGreaterThan(50);
  });
});
