/**
 * Whole-graph tests of the schedules: the real TDP graph, a scripted model, the toy
 * environment's real (timed) tools. They prove dependency-driven start, the paper's batch
 * barrier, event-driven scoped Self-Revision and staged expansion.
 */
import type { AIMessage } from "@langchain/core/messages";
import { ensureConfiguration } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { registerEnvironment } from "../src/tools/registry.js";
import { createToyEnv } from "./helpers/toyEnv.js";
import { promptsFor, scriptedModel, toolCall, toolCalls, type ScriptContext } from "./helpers/scripted.js";

const FACTS = { alpha: "ALPHA-1", beta: "BETA-2", gamma: "GAMMA-3", delta: "DELTA-4" };
let envCounter = 0;
function toyEnv(opts: Parameters<typeof createToyEnv>[0] = {}) {
  const env = createToyEnv({ facts: FACTS, name: `sched${++envCounter}`, ...opts });
  registerEnvironment(env);
  return env;
}
function config(extra: Record<string, unknown> = {}) {
  // The scripts follow the paper's Evaluator after every step unless a test asks for on_signal.
  const configurable = { maxSteps: 30, evaluate: "every_step", ...extra };
  return { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) };
}
const done = (outcome: string) =>
  toolCall("evaluate_step", { status: "completed", replan: false, guidance: null, outcome });
const more = () =>
  toolCall("evaluate_step", { status: "needs_more_steps", replan: false, guidance: null, outcome: null });

/** Skewed DAG: a (1 step) -> c (1 step); b (3 steps) unrelated; fin after b and c submits. */
const SKEWED = [
  { id: "a", spec: "Read alpha.", deps: [] },
  { id: "b", spec: "Read beta three times.", deps: [] },
  { id: "c", spec: "Read gamma once alpha is known.", deps: ["a"] },
  { id: "fin", spec: "Submit the values.", deps: ["b", "c"] },
];
function skewedScript(ctx: ScriptContext): AIMessage {
  const key = { a: "alpha", b: "beta", c: "gamma" }[ctx.nodeId ?? ""] ?? "";
  switch (ctx.role) {
    case "construct_dag":
      return toolCall("construct_dag", { nodes: SKEWED });
    case "write_plan":
      return toolCall("write_plan", { steps: [`work on ${ctx.nodeId}`] });
    case "act":
      return ctx.nodeId === "fin" ? toolCall("submit", { answer: "x" }) : toolCall("lookup", { key });
    case "evaluate_step":
      return ctx.nodeId === "b" && ctx.nth < 2 ? more() : done(`${ctx.nodeId} done`);
    case "revise_dag":
      return toolCall("revise_dag", { update: [], add: [], remove: [] });
    default:
      return toolCall("deliver_answer", { answer: "x" });
  }
}

describe("schedules", () => {
  it("dependency: a dependant starts as soon as its prerequisite completed, while an unrelated branch still runs", async () => {
    const env = toyEnv({ delayMs: 60 });
    const out = await createTdpGraph({ llm: scriptedModel(skewedScript) }).invoke(
      { env: env.name, taskId: "toy-1" },
      config(),
    );
    expect(out.status).toBe("completed");
    const gamma = env.log.find((l) => l.key === "gamma")!;
    const betas = env.log.filter((l) => l.key === "beta");
    expect(betas).toHaveLength(3);
    // c's lookup ran while b was still at work: before b's last lookup ended.
    expect(gamma.start).toBeLessThan(betas[2].end);
  });

  it("batch (the paper's loop): the next batch waits for the slowest branch of this one, then Self-Revision", async () => {
    const env = toyEnv({ delayMs: 60 });
    const model = scriptedModel(skewedScript);
    const out = await createTdpGraph({ llm: model }).invoke(
      { env: env.name, taskId: "toy-1" },
      config({ schedule: "batch" }),
    );
    expect(out.status).toBe("completed");
    const gamma = env.log.find((l) => l.key === "gamma")!;
    const lastBeta = env.log.filter((l) => l.key === "beta")[2];
    expect(gamma.start).toBeGreaterThanOrEqual(lastBeta.end);
    // One revision after each batch that left work: {a, b} then {c}.
    expect(model.log.filter((c) => c.role === "revise_dag")).toHaveLength(2);
    expect(out.round).toBe(3);
  });

  it("dependency: a failure triggers one Self-Revision scoped to it and its dependants; the unrelated branch never waits for it", async () => {
    const env = toyEnv({ delayMs: 30 });
    const nodes = [
      { id: "a", spec: "Read alpha (first try is broken).", deps: [] },
      { id: "b", spec: "Read beta, unrelated to alpha.", deps: [] },
      { id: "c", spec: "Read gamma using the alpha value.", deps: ["a"] },
    ];
    const model = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes });
      if (ctx.role === "evaluate_step" && ctx.nodeId === "a" && ctx.nth === 0)
        return toolCall("evaluate_step", { status: "failed", replan: false, guidance: "wrong key", outcome: null });
      if (ctx.role === "revise_dag")
        return toolCall("revise_dag", {
          update: [{ id: "a", spec: "Read alpha (repaired).", deps: null }],
          add: [],
          remove: [],
        });
      if (ctx.role === "act" && ctx.nodeId === "c") return toolCall("submit", { answer: "x" });
      if (ctx.role === "act") return toolCall("lookup", { key: ctx.nodeId === "a" ? "alpha" : "beta" });
      return skewedScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke({ env: env.name, taskId: "toy-1" }, config());
    expect(out.status).toBe("completed");
    const revisions = model.log.filter((c) => c.role === "revise_dag");
    expect(revisions).toHaveLength(1);
    // Its prompt holds the failed sub-task and its dependant, not the unrelated one.
    expect(revisions[0].text).toContain("Read alpha (first try is broken).");
    expect(revisions[0].text).toContain("Read gamma using the alpha value.");
    expect(revisions[0].text).not.toContain("Read beta, unrelated to alpha.");
    const record = out.revisions.find((r) => r.stage === "revise");
    expect(record).toMatchObject({ trigger: "failed", scope: ["a"], accepted: true, changes: 1 });
    expect(out.dag.a).toMatchObject({ status: "completed", attempts: 2, spec: "Read alpha (repaired)." });
    expect(out.dag.c.status).toBe("completed");
    expect(promptsFor(model, "b").join()).not.toContain("repaired");
  });

  it("dependency: a revision may not touch a sub-task outside its scope (re-asked, then dropped)", async () => {
    const env = toyEnv();
    const nodes = [
      { id: "a", spec: "Read alpha.", deps: [] },
      { id: "b", spec: "Read beta.", deps: [] },
      { id: "d", spec: "Read delta after beta.", deps: ["b"] },
    ];
    const model = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes });
      if (ctx.role === "evaluate_step" && ctx.nodeId === "a")
        return toolCall("evaluate_step", { status: "failed", replan: false, guidance: "no", outcome: null });
      if (ctx.role === "revise_dag")
        return toolCall("revise_dag", { update: [{ id: "d", spec: "hijack", deps: null }], add: [], remove: [] });
      if (ctx.role === "act") return toolCall("lookup", { key: ctx.nodeId === "d" ? "delta" : "beta" });
      return skewedScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke({ env: env.name, taskId: "toy-1" }, config());
    const rejected = out.revisions.find((r) => r.stage === "revise" && r.trigger === "failed");
    expect(rejected?.accepted).toBe(false);
    expect(rejected?.errors.join()).toMatch(/"d" is outside this revision/);
    expect(out.dag.d.spec).toBe("Read delta after beta.");
  });

  it("staged construction: a coarse sub-task is expanded into children when ready; its dependant sees their outcomes", async () => {
    const env = toyEnv();
    const model = scriptedModel((ctx) => {
      if (ctx.role === "construct_dag")
        return toolCall("construct_dag", {
          nodes: [
            { id: "big", spec: "Collect alpha and beta.", deps: [], expand: true },
            { id: "fin", spec: "Submit what big found.", deps: ["big"], expand: null },
          ],
        });
      if (ctx.role === "expand_sub_task")
        return toolCall("expand_sub_task", {
          nodes: [
            { id: "x", spec: "Read alpha.", deps: [] },
            { id: "y", spec: "Read beta after alpha.", deps: ["x"] },
          ],
        });
      if (ctx.role === "act" && ctx.nodeId === "fin") return toolCall("submit", { answer: "x" });
      if (ctx.role === "act") return toolCall("lookup", { key: ctx.nodeId === "big.x" ? "alpha" : "beta" });
      if (ctx.role === "evaluate_step")
        return done(`${ctx.nodeId} found ${ctx.nodeId === "big.x" ? "ALPHA-1" : "BETA-2"}`);
      return skewedScript(ctx);
    });
    const out = await createTdpGraph({ llm: model }).invoke(
      { env: env.name, taskId: "toy-1" },
      config({ staged: true }),
    );
    expect(out.status).toBe("completed");
    expect(Object.keys(out.dag).sort()).toEqual(["big", "big.x", "big.y", "fin"]);
    expect(out.dag["big.y"].deps).toEqual(["big.x"]);
    expect(out.dag.big).toMatchObject({ status: "completed", children: ["big.x", "big.y"], attempts: 0 });
    // The expansion saw only the coarse sub-task; the dependant saw the children's outcomes through it.
    const expandCall = model.log.find((c) => c.role === "expand_sub_task")!;
    expect(expandCall.text).toContain("Collect alpha and beta.");
    expect(expandCall.text).not.toContain("Submit what big found.");
    expect(promptsFor(model, "fin").join()).toContain("big.x found ALPHA-1");
    expect(model.log.filter((c) => c.role === "write_plan" && c.nodeId === "big")).toHaveLength(0);
  });

  describe("evaluate: on_signal", () => {
    const oneNode = [{ id: "a", spec: "Read alpha, then beta.", deps: [] }];

    it("the plan comes with the first action; the Executor claims completion with the last; one Evaluator call", async () => {
      const env = toyEnv();
      const model = scriptedModel((ctx) => {
        if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes: oneNode });
        if (ctx.role === "write_plan")
          return toolCalls(["write_plan", { steps: ["read alpha", "read beta"] }], ["lookup", { key: "alpha" }]);
        if (ctx.role === "act") return toolCalls(["lookup", { key: "beta" }], ["finish_sub_task", {}]);
        if (ctx.role === "evaluate_step") return done("alpha ALPHA-1, beta BETA-2");
        return skewedScript(ctx);
      });
      const out = await createTdpGraph({ llm: model }).invoke(
        { env: env.name, taskId: "toy-1" },
        config({ evaluate: "on_signal" }),
      );
      expect(out.status).toBe("completed");
      expect(model.log.filter((c) => c.nodeId === "a").map((c) => c.role)).toEqual([
        "write_plan",
        "act",
        "evaluate_step",
      ]);
      expect(env.log.map((l) => l.key)).toEqual(["alpha", "beta"]);
      const planner = model.log.find((c) => c.role === "write_plan")!;
      expect(planner.req.tools.map((t) => t.name).sort()).toEqual([
        "finish_sub_task",
        "lookup",
        "submit",
        "write_plan",
      ]);
      // The Evaluator, called once on the claim, saw both steps.
      const evaluation = model.log.find((c) => c.role === "evaluate_step")!;
      expect(evaluation.text).toContain("ALPHA-1");
      expect(evaluation.text).toContain("BETA-2");
      expect(out.dag.a).toMatchObject({ status: "completed", stepsUsed: 2, outcome: "alpha ALPHA-1, beta BETA-2" });
    });

    it("a declined claim: the next Executor turn must act (no finish_sub_task bound), then may claim again", async () => {
      const env = toyEnv();
      const model = scriptedModel((ctx) => {
        if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes: oneNode });
        if (ctx.role === "write_plan") return toolCall("write_plan", { steps: ["read alpha"] });
        if (ctx.role === "act")
          return ctx.nth === 1
            ? toolCalls(["lookup", { key: "alpha" }])
            : toolCalls(["lookup", { key: "alpha" }], ["finish_sub_task", {}]);
        if (ctx.role === "evaluate_step") return ctx.nth === 0 ? more() : done("alpha ALPHA-1");
        return skewedScript(ctx);
      });
      const out = await createTdpGraph({ llm: model }).invoke(
        { env: env.name, taskId: "toy-1" },
        config({ evaluate: "on_signal" }),
      );
      expect(out.status).toBe("completed");
      const turns = model.log.filter((c) => c.role === "act");
      const bound = turns.map((c) => c.req.tools.some((t) => t.name === "finish_sub_task"));
      // Claim (declined) -> a turn that can only act -> claim (accepted).
      expect(bound.slice(0, 3)).toEqual([true, false, true]);
      expect(model.log.filter((c) => c.role === "evaluate_step")).toHaveLength(2);
    });

    it("a plan without an action goes to the Executor; every_step keeps the paper's Planner (no tools bound)", async () => {
      for (const evaluate of ["on_signal", "every_step"] as const) {
        const env = toyEnv();
        const model = scriptedModel((ctx) => {
          if (ctx.role === "construct_dag") return toolCall("construct_dag", { nodes: oneNode });
          if (ctx.role === "write_plan") return toolCall("write_plan", { steps: ["read alpha"] });
          if (ctx.role === "act") return toolCalls(["lookup", { key: "alpha" }], ["finish_sub_task", {}]);
          if (ctx.role === "evaluate_step") return done("alpha ALPHA-1");
          return skewedScript(ctx);
        });
        const out = await createTdpGraph({ llm: model }).invoke(
          { env: env.name, taskId: "toy-1" },
          config({ evaluate }),
        );
        expect(out.status).toBe("completed");
        expect(model.log.filter((c) => c.nodeId === "a").map((c) => c.role)).toEqual([
          "write_plan",
          "act",
          "evaluate_step",
        ]);
        const bound = model.log.find((c) => c.role === "write_plan")!.req.tools.map((t) => t.name);
        expect(bound).toEqual(
          evaluate === "on_signal" ? ["write_plan", "lookup", "submit", "finish_sub_task"] : ["write_plan"],
        );
        expect(env.log.map((l) => l.key)).toEqual(["alpha"]);
      }
    });
  });
});
