/**
 * The offline simulator, with no injected noise, must complete at least 90% of every bundled
 * environment's tasks under TDP, delivering something the environment's own scorer passes.
 * This checks the environments, their reference solutions and the graph mechanics together;
 * it says nothing about what an LLM would achieve.
 */
import { ensureConfiguration } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { createTdpGraph } from "../src/graph/tdp.js";
import { getEnvironment } from "../src/tools/registry.js";

/** What "passed" means in each environment, read from its own scores. */
const PASSED: Record<string, (s: Record<string, number>) => boolean> = {
  travel: (s) => s.final_pass === 1,
  wiki: (s) => s.em === 1,
  science: (s) => s.reward === 1,
};

async function completionRate(envName: string): Promise<{ rate: number; failures: string[]; total: number }> {
  const env = await getEnvironment(envName);
  const graph = createTdpGraph();
  const configurable = { model: "offline", noise: 0 };
  const recursionLimit = tdpRecursionLimit(ensureConfiguration({ configurable }));
  const tasks = env.tasks();
  const failures: string[] = [];
  // Small batches: the runs are independent, and this keeps both cores busy.
  for (let i = 0; i < tasks.length; i += 4) {
    await Promise.all(
      tasks.slice(i, i + 4).map(async (t) => {
        const out = await graph.invoke({ env: envName, taskId: t.id }, { configurable, recursionLimit });
        if (!out.scores || !PASSED[envName](out.scores))
          failures.push(`${t.id}: ${out.status} ${JSON.stringify(out.scores)}`);
      }),
    );
  }
  return { rate: 1 - failures.length / tasks.length, failures, total: tasks.length };
}

describe.each(Object.keys(PASSED))("offline TDP on every %s task (noise 0)", (envName) => {
  it("completes at least 90% of them", async () => {
    const { rate, failures, total } = await completionRate(envName);
    process.stdout.write(`offline completion ${envName}: ${(rate * 100) | 0}% of ${total}\n`);
    if (failures.length) process.stdout.write(failures.slice(0, 5).join("\n") + "\n");
    expect(total).toBeGreaterThan(0);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
