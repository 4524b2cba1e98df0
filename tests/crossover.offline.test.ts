/**
 * Crossover tasks through the real graphs with the offline simulator: every architecture
 * reaches the exact answer at noise 0 (this checks the environment, its reference solutions
 * and the graph mechanics together; it says nothing about what an LLM would achieve), and TDP
 * builds the DAG the task's structure implies.
 */
import { ensureConfiguration } from "../src/configuration.js";
import { ARCH_NAMES } from "../src/graph/archs.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { runArch } from "../src/graph/run.js";
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
      { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) },
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
      const { state: out } = await runArch({
        arch,
        input: { env: "crossover", taskId: ID },
        env: "crossover",
        configurable,
      });
      expect(out.status).toBe("completed");
      expect(out.scores).toEqual({ delivered: 1, correct: 1 });
    },
    60_000,
  );

  it("TDP recovers from injected argument typos (noise 0.2): most seeds still submit the right sum, the rest say why", async () => {
    const id = "xo-w2-d6-c0-obs60-s1";
    let recovered = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { model, counts } = createCountingOfflineModel(crossoverEnv.reference(id), { noise: 0.2, seed });
      const configurable = { model: "offline", noise: 0.2, seed };
      const out = await createTdpGraph({ llm: model }).invoke(
        { env: "crossover", taskId: id },
        { configurable, recursionLimit: tdpRecursionLimit(ensureConfiguration({ configurable })) },
      );
      expect(counts.badArgs).toBeGreaterThan(0);
      if (out.status === "completed") {
        recovered++;
        expect(out.scores).toEqual({ delivered: 1, correct: 1 });
        // Each typo named a missing record (one wasted step) before the lookup was retried.
        expect(out.stepsUsed).toBeGreaterThanOrEqual(2 * 6 + 1 + Math.min(1, counts.badArgs));
      } else {
        // Retries ran out in one sub-task: the run says which, and what it blocked.
        expect(out.status).toBe("failed");
        expect(out.reason).toMatch(/^failed: \w+; blocked by them: submit$/);
      }
    }
    expect(recovered).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
