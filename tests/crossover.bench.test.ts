/**
 * The crossover study's arithmetic on cases computed by hand (the scripted latency model, the
 * ratios, where they cross 1, recovery per error), its heatmaps, and a real offline run of one
 * small cell whose recorded call structure must add up.
 */
import type { BenchRecord } from "../src/bench/record.js";
import {
  crossoverHeatmaps,
  crossoverReportCharts,
  formatCrossoverSummary,
  modelLatency,
  runCrossoverBenchmark,
  summarizeCrossover,
  type CallShape,
  type CrossoverRun,
} from "../src/bench/crossover.js";
import { heatmap } from "../src/bench/svg.js";
import { CROSSOVER_TOOL_NAMES, crossoverEnv } from "../src/tools/crossover/index.js";

const llm = (role: string, nodeId: string | null, tools = 0): CallShape => ({ role, nodeId, tools });

describe("scripted latency model (150 ms per LLM call, 100 ms per tool call)", () => {
  // Sub-task costs: A 950 ms (5 calls, 2 tools), B 550, C 550, D 950. A -> C, B -> D.
  const node = (id: string, steps: number) => [
    llm("planner", id),
    ...Array.from({ length: steps }, () => [llm("executor", id, 1), llm("evaluator", id)]).flat(),
  ];
  const calls = [
    llm("supervisor", null),
    ...node("A", 2),
    ...node("B", 1),
    ...node("C", 1),
    ...node("D", 2),
    llm("deliver", null),
  ];
  const dag = [
    { id: "A", deps: [] },
    { id: "B", deps: [] },
    { id: "C", deps: ["A"] },
    { id: "D", deps: ["B"] },
  ];

  test("sequential, batch rounds and critical path, by hand", () => {
    // sequential: 2 global calls (300) + 950 + 550 + 550 + 950
    // batch: 300 + max(A, B) + max(C, D) = 300 + 950 + 950
    // critical: 300 + max(A + C, B + D) = 300 + 1500
    expect(modelLatency(calls, dag)).toEqual({ sequentialMs: 3300, batchMs: 2200, criticalMs: 1800 });
  });

  test("a single-thread run (no DAG) is sequential under every schedule", () => {
    const react = [llm("react", null, 1), llm("react", null, 1), llm("react", null)];
    expect(modelLatency(react, [])).toEqual({ sequentialMs: 650, batchMs: 650, criticalMs: 650 });
  });

  test("a chain of sub-tasks gains nothing from overlap", () => {
    const chain = [
      { id: "A", deps: [] },
      { id: "B", deps: ["A"] },
    ];
    const cs = [...node("A", 2), ...node("B", 1)];
    expect(modelLatency(cs, chain)).toEqual({ sequentialMs: 1500, batchMs: 1500, criticalMs: 1500 });
  });

  test("per-token terms: decode time per output token, prefill time per prompt token", () => {
    const cs: CallShape[] = [
      { role: "executor", nodeId: "A", tools: 1, inputTokens: 100, outputTokens: 10 },
      { role: "executor", nodeId: "B", tools: 1, inputTokens: 300, outputTokens: 30 },
    ];
    const dag = [
      { id: "A", deps: [] },
      { id: "B", deps: [] },
    ];
    // A = 10 + 2 * 10 + 0.5 * 100 = 80; B = 10 + 2 * 30 + 0.5 * 300 = 220
    expect(modelLatency(cs, dag, { llmMs: 0, toolMs: 10, outputTokenMs: 2, promptTokenMs: 0.5 })).toEqual({
      sequentialMs: 300,
      batchMs: 220,
      criticalMs: 220,
    });
  });

  test("calls naming an unknown node count as sequential; other constants apply", () => {
    const cs = [llm("executor", "ghost", 1), ...node("A", 1)];
    expect(
      modelLatency(cs, [{ id: "A", deps: [] }], { llmMs: 10, toolMs: 1, outputTokenMs: 0, promptTokenMs: 0 }),
    ).toEqual({
      sequentialMs: 11 + 31,
      batchMs: 11 + 31,
      criticalMs: 11 + 31,
    });
  });
});

const none = { total: 0, badArgs: 0, judgement: 0, badDag: 0, other: 0 };
function run(
  depth: number,
  variant: "tdp" | "react" | "plan_and_act",
  noise: number,
  prompt: number,
  output: number,
  calls: number,
  latencyMs: { seq: number; batch?: number; crit?: number },
  injected = 0,
): CrossoverRun {
  return {
    taskId: `xo-w1-d${depth}-c0-obs60-s1`,
    width: 1,
    depth,
    coupling: 0,
    coupled: 0,
    obs: 60,
    variant,
    arch: variant,
    noise,
    status: "completed",
    error: null,
    correct: 1,
    steps: depth + 1,
    referenceSteps: depth + 1,
    calls,
    promptTotal: prompt,
    outputTotal: output,
    promptMax: prompt,
    injected: { ...none, total: injected, badArgs: injected },
    byRole: {},
    latency: {
      sequentialMs: latencyMs.seq,
      batchMs: latencyMs.batch ?? latencyMs.seq,
      criticalMs: latencyMs.crit ?? latencyMs.seq,
    },
    wallS: 0,
  };
}

//          depth  variant   noise prompt output calls latency                       injected
const HAND: CrossoverRun[] = [
  run(1, "tdp", 0, 300, 40, 8, { seq: 1500, batch: 1400, crit: 1300 }),
  run(1, "react", 0, 200, 10, 3, { seq: 650 }),
  run(1, "plan_and_act", 0, 600, 30, 5, { seq: 900 }),
  run(1, "tdp", 0.1, 420, 40, 9, { seq: 1700 }, 2), // extra 120 -> 60 per error
  run(1, "react", 0.1, 260, 10, 4, { seq: 800 }, 1), // extra 60 -> 60 per error
  run(1, "plan_and_act", 0.1, 900, 30, 6, { seq: 1100 }, 0), // no error injected
  run(8, "tdp", 0, 1000, 100, 40, { seq: 8000, batch: 7000, crit: 6000 }),
  run(8, "react", 0, 4000, 50, 10, { seq: 5000 }),
  run(8, "plan_and_act", 0, 8000, 80, 20, { seq: 9000 }),
  run(8, "tdp", 0.1, 1100, 100, 42, { seq: 8500 }, 2), // extra 100 -> 50
  run(8, "react", 0.1, 4600, 50, 12, { seq: 5600 }, 3), // extra 600 -> 200
  run(8, "plan_and_act", 0.1, 9000, 80, 22, { seq: 9800 }, 2), // extra 1000 -> 500
];

describe("summarizeCrossover", () => {
  const s = summarizeCrossover(HAND, { noise: 0.1 });

  test("ratios per cell are TDP over ReAct at noise 0", () => {
    const [d1, d8] = s.cells;
    expect(d1.ratios.prompt).toBeCloseTo(1.5);
    expect(d1.ratios.output).toBeCloseTo(4);
    expect(d1.ratios.calls).toBeCloseTo(8 / 3);
    expect(d1.ratios.latencyBatch).toBeCloseTo(1400 / 650);
    expect(d1.ratios.latencyCritical).toBeCloseTo(1300 / 650);
    expect(d1.ratios.recovery).toBeCloseTo(1); // 60 / 60
    expect(d1.promptVsPlanAndAct).toBeCloseTo(0.5);
    expect(d8.ratios.prompt).toBeCloseTo(0.25);
    expect(d8.ratios.latencyBatch).toBeCloseTo(1.4);
    expect(d8.ratios.latencyCritical).toBeCloseTo(1.2);
    expect(d8.ratios.recovery).toBeCloseTo(0.25); // 50 / 200
    expect(d1.recoveryPerError.plan_and_act).toBeNull(); // no injected error
    expect(s.unclean).toEqual([]);
  });

  test("crossings: prompt tokens go below 1 between d1 and d8; latency stays above", () => {
    const prompt = s.crossings.find((c) => c.metric === "prompt");
    expect(prompt?.crossings).toEqual([{ from: 1, to: 8, direction: "down" }]);
    expect(s.crossings.find((c) => c.metric === "latencyBatch")?.crossings).toEqual([]);
    const t = s.thresholds.find((x) => x.metric === "prompt" && x.obs === 60);
    expect(t).toMatchObject({ cheaperFrom: 9, cheaperCells: 1, cells: 2 });
    expect(s.thresholds.find((x) => x.metric === "latencyBatch")?.cheaperFrom).toBeNull();
  });

  test("recovery is pooled over the cells where every run completed", () => {
    // Every run completed in both cells, so both cells are pooled.
    expect(s.recovery.find((r) => r.variant === "tdp")).toMatchObject({ extraTokens: 220, injected: 4, perError: 55 });
    expect(s.recovery.find((r) => r.variant === "react")).toMatchObject({
      extraTokens: 660,
      injected: 4,
      perError: 165,
    });
  });

  test("a run with the wrong answer marks its cell and leaves it out of the recovery pool", () => {
    const wrong = HAND.map((r) =>
      r.depth === 8 && r.variant === "react" && r.noise === 0.1 ? { ...r, correct: 0 } : r,
    );
    const w = summarizeCrossover(wrong, { noise: 0.1 });
    expect(w.unclean).toEqual([]); // only noise-0 runs decide a clean cell
    expect(w.cells[1].ratios.recovery).toBeNull();
    expect(w.recovery.find((r) => r.variant === "tdp")).toMatchObject({ extraTokens: 120, injected: 2 });
    const cleanWrong = HAND.map((r) =>
      r.depth === 1 && r.variant === "tdp" && r.noise === 0 ? { ...r, correct: 0 } : r,
    );
    expect(summarizeCrossover(cleanWrong, { noise: 0.1 }).unclean).toEqual(["xo-w1-d1-c0-obs60-s1"]);
  });

  test("the printed summary names the crossing and the recovery cost", () => {
    const text = formatCrossoverSummary(s, 0.1);
    expect(text).toMatch(/w1 c0 obs60\s+d1 1\.50 {2}d8 0\.25 {2}-> below 1 between d1 and d8/);
    expect(text).toMatch(/TDP\s+220 extra \/\s+4 errors =\s+55 tokens per error/);
  });

  test("heatmaps: one chart per metric, a cell per (row, depth, obs)", () => {
    const charts = crossoverHeatmaps(s);
    expect(charts.map((c) => c.file)).toEqual([
      "crossover-tokens.svg",
      "crossover-latency.svg",
      "crossover-latency-critical.svg",
    ]);
    expect(charts[0].svg).toMatch(/^<svg /);
    expect(charts[0].svg).toContain(">1.50<");
    expect(charts[0].svg).toContain(">0.25<");
  });
});

describe("heatmap", () => {
  test("colors below 1 green, above orange, unmeasured grey, with the value in each cell", () => {
    const svg = heatmap({
      title: "t",
      rowLabels: ["r1", "r2"],
      colLabels: ["D1", "D2"],
      xLabel: "x",
      yLabel: "y",
      panels: [
        {
          title: "p1",
          values: [
            [0.125, 8],
            [1, null],
          ],
        },
        {
          title: "p2",
          values: [
            [0.5, 2],
            [null, null],
          ],
        },
      ],
      scale: "ratio",
      better: "low",
      legend: "legend",
    });
    const cells = svg.match(/<rect x="\d+" y="\d+" width="45" height="21" fill="([^"]+)"/g) ?? [];
    expect(cells).toHaveLength(8);
    expect(svg).toContain('fill="rgb(27,158,119)"'); // 0.125: saturated green
    expect(svg).toContain('fill="rgb(217,95,2)"'); // 8: saturated orange
    expect(svg).toContain('fill="rgb(255,255,255)"'); // 1: neutral
    expect(svg).toContain('fill="#f0f0f0"'); // not measured
    expect(svg).toContain(">0.13<");
    expect((svg.match(/>–</g) ?? []).length).toBe(3);
  });
});

describe("a real offline run of one small cell", () => {
  test("every architecture is correct, and the modelled latency adds up from the recorded calls", async () => {
    const taskId = "xo-w2-d2-c0-obs60-s1";
    const ref = crossoverEnv.reference(taskId);
    const runs = await runCrossoverBenchmark({
      env: crossoverEnv,
      cells: [
        {
          taskId,
          width: 2,
          depth: 2,
          coupling: 0,
          coupled: 0,
          obs: 60,
          referenceSteps: 5,
          dag: ref.subtasks.map((s) => ({ id: s.id, deps: s.deps })),
        },
      ],
      variants: [
        { key: "tdp", arch: "tdp", configurable: {} },
        { key: "react", arch: "react", configurable: {} },
      ],
      noises: [0],
      seed: 7,
      envTools: [...CROSSOVER_TOOL_NAMES],
      configurableFor: () => ({ maxSteps: 40 }),
    });
    expect(runs.map((r) => [r.variant, r.status, r.correct, r.steps])).toEqual([
      ["tdp", "completed", 1, 5],
      ["react", "completed", 1, 5],
    ]);
    for (const r of runs) expect(r.latency.sequentialMs).toBe(150 * r.calls + 100 * r.steps);
    const [tdp, react] = runs;
    // The two chains overlap under both schedules; ReAct is one thread.
    expect(tdp.latency.criticalMs).toBeLessThan(tdp.latency.sequentialMs);
    expect(tdp.latency.batchMs).toBe(tdp.latency.criticalMs);
    expect(react.latency.criticalMs).toBe(react.latency.sequentialMs);
    for (const r of runs) {
      const byRole = Object.values(r.byRole);
      expect(byRole.reduce((a, u) => a + u.calls, 0)).toBe(r.calls);
      expect(byRole.reduce((a, u) => a + u.input, 0)).toBe(r.promptTotal);
    }
  }, 60_000);

  test("the recorded per-call tokens add up to the run's totals", async () => {
    const taskId = "xo-w2-d2-c0-obs60-s1";
    const ref = crossoverEnv.reference(taskId);
    const cell = {
      taskId,
      width: 2,
      depth: 2,
      coupling: 0,
      coupled: 0,
      obs: 60,
      referenceSteps: 5,
      dag: ref.subtasks.map((s) => ({ id: s.id, deps: s.deps })),
    };
    const base = {
      env: crossoverEnv,
      cells: [cell],
      variants: [{ key: "tdp", arch: "tdp" as const, configurable: {} }],
      noises: [0],
      seed: 7,
      envTools: [...CROSSOVER_TOOL_NAMES],
      configurableFor: () => ({ maxSteps: 40 }),
    };
    const [decode] = await runCrossoverBenchmark({
      ...base,
      latencyModel: { llmMs: 0, toolMs: 0, outputTokenMs: 1, promptTokenMs: 0 },
    });
    expect(decode.latency.sequentialMs).toBe(decode.outputTotal);
    const [prefill] = await runCrossoverBenchmark({
      ...base,
      latencyModel: { llmMs: 0, toolMs: 0, outputTokenMs: 0, promptTokenMs: 1 },
    });
    expect(prefill.latency.sequentialMs).toBe(prefill.promptTotal);
  }, 60_000);
});

describe("crossoverReportCharts (tdp report, from tdp bench result lines)", () => {
  function line(
    taskId: string,
    arch: "tdp" | "react" | "cot",
    correct: number,
    tokens: number,
    wall: number,
  ): BenchRecord {
    return {
      v: 1,
      env: "crossover",
      task_id: taskId,
      level: "x",
      arch,
      model: "openai/some-model",
      noise: 0,
      seed: 7,
      max_steps: 100,
      status: "completed",
      metrics: { delivered: 1, correct },
      tokens_in: tokens,
      tokens_out: 0,
      tokens_by_role: {},
      llm_calls: 1,
      steps: 1,
      replans: 0,
      revisions: 0,
      wall_s: wall,
      error: null,
      prompt_tokens: [tokens],
      call_steps: [1],
      call_roles: ["executor"],
      finished_at: "2026-01-01T00:00:00Z",
    };
  }

  test("accuracy difference, token and wall-time ratios per cell", () => {
    const charts = crossoverReportCharts([
      line("xo-w2-d4-c0-obs60-s1", "tdp", 1, 300, 2),
      line("xo-w2-d4-c0-obs60-s1", "react", 0, 600, 1),
      line("xo-w2-d8-c0-obs60-s1", "tdp", 0, 900, 3),
      line("xo-w2-d8-c0-obs60-s1", "react", 1, 300, 3),
      line("xo-w2-d8-c0-obs60-s1", "cot", 1, 10, 1), // ignored
      { ...line("xo-w2-d8-c0-obs60-s1", "tdp", 1, 1, 1), env: "wiki" }, // another env: ignored
    ]);
    expect(charts.map((c) => c.file)).toEqual([
      "crossover-accuracy.svg",
      "crossover-bench-tokens.svg",
      "crossover-bench-wall.svg",
    ]);
    const [acc, tokens, wall] = charts.map((c) => c.svg);
    expect(acc).toMatch(/W2 C0 \(0\), D4: 1\.00/);
    expect(acc).toMatch(/W2 C0 \(0\), D8: -1\.00/);
    expect(tokens).toMatch(/D4: 0\.50/);
    expect(tokens).toMatch(/D8: 3\.00/);
    expect(wall).toMatch(/D4: 2\.00/);
    expect(acc).toContain("openai/some-model");
  });

  test("nothing to show without both TDP and ReAct on a crossover task", () => {
    expect(crossoverReportCharts([line("xo-w2-d4-c0-obs60-s1", "tdp", 1, 300, 2)])).toEqual([]);
    expect(crossoverReportCharts([])).toEqual([]);
  });
});
