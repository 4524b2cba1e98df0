/**
 * Crossover tasks through the real graphs with the offline simulator: every architecture
 * reaches the exact answer at noise 0 (this checks the environment, its reference solutions
 * and the graph mechanics together; it says nothing about what an LLM would achieve), and TDP
 * builds the DAG the task's structure implies.
 */
import { ensureConfiguration, recursionLimitFor } from "../src/configuration.js";
import { compileArch, recursionLimitForArch, ARCH_NAMES } from "../src/bench/archs.js";
import { createCountingOfflineModel } from "../src/bench/countingModel.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { crossoverEnv, crossoverTask } from "../src/tools/crossover/index.js";

// Two segments per chain (depth 10 > 8), one coupled chain, padded observations.
const ID = "xo-w3-d10-c0.5-obs200-s2";

describe("offline runs on crossover tasks (noise 0)", () => {
  it("TDP builds the reference DAG, runs every lookup once and submits the right sum", async () => {
    const graph = createTdpGraph();
    const configurable = { model: "offline", noise: 0 };
    const out = await graph.invoke(
      { env: "crossover", taskId: ID },
      { configurable, recursionLimit: recursionLimitFor(ensureConfiguration({ configurable })) },
    );
    expect(out.status).toBe("completed");
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    expect(out.answer).toBe(String(crossoverTask(ID).answer));
    expect(out.stepsUsed).toBe(3 * 10 + 1);
    const ref = crossoverEnv.reference(ID);
    expect(Object.keys(out.dag).sort()).toEqual(ref.subtasks.map((s) => s.id).sort());
    for (const s of ref.subtasks) expect(out.dag[s.id].deps).toEqual(s.deps);
    expect(out.dag.B1.deps).toEqual(["A2"]);
  }, 60_000);

  it.each(ARCH_NAMES)(
    "%s completes with the right answer",
    async (arch) => {
      const configurable = { model: "offline", noise: 0 };
      const cfg = ensureConfiguration({ configurable });
      const out = await compileArch(arch).invoke(
        { env: "crossover", taskId: ID },
        { configurable, recursionLimit: recursionLimitForArch(arch, cfg, crossoverEnv.defaultMaxSteps) },
      );
      expect(out.status).toBe("completed");
      expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    },
    60_000,
  );

  it("TDP recovers from injected argument typos (noise 0.2) and still submits the right sum", async () => {
    const id = "xo-w2-d6-c0-obs60-s1";
    const { model, counts } = createCountingOfflineModel(crossoverEnv.reference(id), { noise: 0.2, seed: 7 });
    const configurable = { model: "offline", noise: 0.2, seed: 7 };
    const out = await createTdpGraph({ llm: model }).invoke(
      { env: "crossover", taskId: id },
      { configurable, recursionLimit: recursionLimitFor(ensureConfiguration({ configurable })) },
    );
    expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    // Each typo named a missing record (one wasted step) before the lookup was retried; a
    // sub-task that ran out of replans is retried from its start, which costs more steps.
    expect(counts.badArgs).toBeGreaterThan(0);
    expect(out.stepsUsed).toBeGreaterThanOrEqual(2 * 6 + 1 + counts.badArgs);
  }, 60_000);
});
