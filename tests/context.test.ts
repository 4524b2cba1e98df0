/**
 * The structural benchmark: its arithmetic on a tiny case computed by hand, the exact count of
 * injected errors, and a real run on the toy environment where every architecture takes the
 * same actions at noise 0.
 */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { ARCH_NAMES } from "../src/graph/archs.js";
import {
  formatContextSummary,
  median,
  runContextBenchmark,
  summarizeContext,
  type ContextRun,
} from "../src/bench/context.js";
import { classifyInjection, createCountingOfflineModel } from "../src/bench/countingModel.js";
import { createToyEnv } from "./helpers/toyEnv.js";

const none = { total: 0, badArgs: 0, judgement: 0, badDag: 0, other: 0 };
function run(
  horizon: number,
  arch: ContextRun["arch"],
  noise: number,
  promptTotal: number,
  outputTotal: number,
  promptMax: number,
  injected = 0,
): ContextRun {
  return {
    horizon,
    arch,
    noise,
    status: "completed",
    error: null,
    steps: horizon,
    referenceSteps: horizon,
    calls: 3,
    promptTotal,
    promptMax,
    promptMedian: promptMax / 2,
    promptMaxByRole: { executor: promptMax },
    outputTotal,
    injected: { ...none, total: injected, badArgs: injected },
    wallS: 0,
  };
}

//            horizon arch             noise  prompt  output  max  injected
const HAND: ContextRun[] = [
  run(10, "tdp", 0, 300, 30, 120),
  run(10, "react", 0, 200, 20, 100),
  run(10, "plan_and_act", 0, 600, 60, 150),
  run(10, "tdp", 0.1, 400, 50, 120, 2), // extra (400+50)-(300+30) = 120 -> 60 per error
  run(10, "react", 0.1, 260, 20, 100, 1), // extra 60 -> 60
  run(10, "plan_and_act", 0.1, 900, 60, 150, 1), // extra 300 -> 300
  run(60, "tdp", 0, 1000, 100, 150),
  run(60, "react", 0, 10000, 100, 900),
  run(60, "plan_and_act", 0, 20000, 200, 900),
  run(60, "tdp", 0.1, 1100, 100, 150, 2), // extra 100 -> 50
  run(60, "react", 0.1, 10600, 100, 900, 3), // extra 600 -> 200
  run(60, "plan_and_act", 0.1, 22000, 200, 900, 2), // extra 2000 -> 1000
];

describe("context-growth arithmetic (hand-computed)", () => {
  const s = summarizeContext(HAND, { noise: 0.1 });

  test("ratios of TDP's total prompt tokens at noise 0", () => {
    expect(s.ratios).toEqual([
      { horizon: 10, referenceSteps: 10, tdpOverReact: 1.5, tdpOverPlanAndAct: 0.5 },
      { horizon: 60, referenceSteps: 60, tdpOverReact: 0.1, tdpOverPlanAndAct: 0.05 },
    ]);
  });

  test("recovery: extra tokens (prompt + output) at noise over noise 0, per injected error", () => {
    const byKey = Object.fromEntries(
      s.rows.map((r) => [`${r.arch}@${r.horizon}`, [r.extraTokens, r.recoveryPerError]]),
    );
    expect(byKey).toEqual({
      "tdp@10": [120, 60],
      "react@10": [60, 60],
      "plan_and_act@10": [300, 300],
      "tdp@60": [100, 50],
      "react@60": [600, 200],
      "plan_and_act@60": [2000, 1000],
    });
    const rec = Object.fromEntries(s.recovery.map((r) => [r.arch, [r.extraTokens, r.injected, r.perError]]));
    expect(rec.tdp).toEqual([220, 4, 55]);
    expect(rec.react).toEqual([660, 4, 165]);
    expect(rec.plan_and_act[0]).toBe(2300);
    expect(rec.plan_and_act[1]).toBe(3);
    expect(rec.plan_and_act[2]).toBeCloseTo(766.667, 2);
  });

  test("the targets are checked against those numbers", () => {
    expect(s.targets.map((t) => t.holds)).toEqual([true, true, true, s.ratios[0].tdpOverReact! <= 1]);
    expect(s.targets[3].detail).toBe(`h10: ${s.ratios[0].tdpOverReact!.toFixed(3)}`);
    expect(s.targets[0].detail).toBe("h60: 0.100");
    expect(s.targets[1].detail).toMatch(/^h60 150 \/ h10 120 = 1\.25/);
    expect(s.targets[2].detail).toBe("TDP 55 / Plan-and-Act 767 tokens per error = 0.072");
    // A growing maximum breaks the flatness target; no long horizon leaves the first one unanswered.
    const grown = summarizeContext(
      HAND.map((r) => (r.arch === "tdp" && r.horizon === 60 ? { ...r, promptMax: 200 } : r)),
      { noise: 0.1 },
    );
    expect(grown.targets[1].holds).toBe(false);
    const short = summarizeContext(
      HAND.filter((r) => r.horizon === 10),
      { noise: 0.1 },
    );
    expect(short.targets[0].holds).toBeNull();
    expect(formatContextSummary(s, 0.1)).toContain("[HOLDS] TDP total prompt tokens <= 0.2x ReAct's at 40+ steps");
  });

  test("recovery is compared only over horizons where every run completed", () => {
    const failed = HAND.map((r) =>
      r.arch === "tdp" && r.horizon === 60 && r.noise === 0.1 ? { ...r, status: "failed" } : r,
    );
    const f = summarizeContext(failed, { noise: 0.1 });
    expect(f.comparable).toEqual([10]);
    expect(f.excluded).toEqual([60]);
    const rec = Object.fromEntries(f.recovery.map((r) => [r.arch, r.perError]));
    expect(rec).toEqual({ tdp: 60, react: 60, plan_and_act: 300 });
    expect(f.targets[2].detail).toBe(
      "TDP 60 / Plan-and-Act 300 tokens per error = 0.200 (over h10; excluded, a run did not complete: h60)",
    );
  });

  test("median", () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("counting injected errors", () => {
  const ref = createToyEnv().reference("toy-1");
  const lookupTool = { name: "lookup", description: "", parameters: {} };
  const req = { messages: [new HumanMessage("Do the task.")], tools: [lookupTool] };

  test("a noise-1 simulator injects on every decision; the count matches and is classified", async () => {
    const { model, counts } = createCountingOfflineModel(ref, { noise: 1, seed: 7 });
    const bound = model.bindTools([
      {
        type: "function",
        function: {
          name: "lookup",
          description: "d",
          parameters: { type: "object", properties: { key: { type: "string" } } },
        },
      },
    ]);
    const reply = await bound.invoke([new HumanMessage("Do the task.")]);
    expect(reply.tool_calls?.[0].args).toEqual({ key: "alpah" }); // "alpha" with its last two letters swapped
    expect(counts).toEqual({ total: 1, badArgs: 1, judgement: 0, badDag: 0, other: 0 });
  });

  test("a noise-0 simulator injects nothing", async () => {
    const { model, counts } = createCountingOfflineModel(ref, { noise: 0, seed: 7 });
    await model.invoke(req.messages);
    expect(counts.total).toBe(0);
  });

  test("classification follows what the noise-free reply would have been", () => {
    const c = (name: string, args: Record<string, unknown>) =>
      new AIMessage({ content: "", tool_calls: [{ name, args, id: "", type: "tool_call" }] });
    expect(classifyInjection(c("construct_dag", { nodes: [] }), c("construct_dag", { nodes: [1] }))).toBe("badDag");
    expect(
      classifyInjection(
        c("evaluate_step", { status: "completed" }),
        c("evaluate_step", { status: "needs_more_steps" }),
      ),
    ).toBe("judgement");
    expect(classifyInjection(c("lookup", { key: "alpha" }), c("lookup", { key: "alpah" }))).toBe("badArgs");
  });
});

describe("runContextBenchmark on the toy environment", () => {
  test("at noise 0 every architecture takes exactly the reference steps; noise adds counted errors", async () => {
    const env = createToyEnv({ name: "toy-context" });
    const runs = await runContextBenchmark({
      env,
      horizons: [{ target: 3, taskId: "toy-1", level: "easy", referenceSteps: 3 }],
      archs: [...ARCH_NAMES],
      noises: [0, 0.5],
      seed: 7,
      configurableFor: () => ({ maxSteps: 20 }),
    });
    expect(runs).toHaveLength(8);
    const clean = runs.filter((r) => r.noise === 0);
    for (const r of clean) {
      expect(r).toMatchObject({ status: "completed", steps: 3, error: null });
      expect(r.injected.total).toBe(0);
      expect(r.promptTotal).toBeGreaterThan(0);
      expect(r.promptMax).toBeLessThanOrEqual(r.promptTotal);
    }
    const noisy = runs.filter((r) => r.noise === 0.5);
    // Every wrong action the simulator emitted is executed and then retried correctly: one extra step each
    // for the baselines; TDP may redo more (a failed sub-task is retried from scratch).
    for (const r of noisy) {
      if (r.arch === "tdp") expect(r.steps).toBeGreaterThanOrEqual(3 + r.injected.badArgs);
      else expect(r.steps).toBe(3 + r.injected.badArgs);
    }
    expect(noisy.reduce((a, r) => a + r.injected.total, 0)).toBeGreaterThan(0);
  });
});
