/**
 * The offline simulator reads no prompt wording: it learns its role and sub-task from call
 * metadata and what happened from the conversation's structure. So rewording every prompt
 * template must leave every simulated decision, and with it every offline benchmark number
 * but the prompt-token counts, exactly as it was. This test rewords the templates of TDP and
 * of the baselines (by replacing the prompt modules) and compares whole runs.
 */
import { jest } from "@jest/globals";

type Templates = Record<string, unknown>;

/** Every template reworded: a sentence in front and the first instruction phrased differently. */
function reword(mod: Templates): Templates {
  const out: Templates = { ...mod };
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v === "string" && /^[A-Z_]+$/.test(k))
      out[k] = `Please read carefully.\n${v.replace(/^You are/, "Your job: act as")}`;
  }
  return out;
}

async function trajectory(arch: "tdp" | "plan_and_act", taskId: string) {
  const { runArch } = await import("../src/graph/run.js");
  const { CallRecorder } = await import("../src/tracing/callRecorder.js");
  const recorder = new CallRecorder();
  recorder.awaitHandlers = true;
  const { state } = await runArch({
    arch,
    input: { env: "travel", taskId },
    env: "travel",
    configurable: { model: "offline", noise: 0.3, seed: 11 },
    callbacks: [recorder],
  });
  const calls = recorder.calls.map((c) => `${c.role}|${c.nodeId ?? ""}|out=${c.outputTokens}`).sort();
  const dag = Object.values(state.dag ?? {}).map((n) => [n.id, n.status, n.outcome, n.attempts, n.stepsUsed]);
  const byRole = Object.fromEntries(Object.entries(state.usage).map(([k, u]) => [k, [u.calls, u.output]]));
  return {
    decisions: { calls, dag, byRole, answer: state.answer, scores: state.scores, steps: state.stepsUsed },
    promptTokens: recorder.calls.reduce((s, c) => s + c.inputTokens, 0),
  };
}

describe("rewording the prompts changes no offline decision", () => {
  // Mocks stay registered for the rest of the file, so every run before the edit goes first.
  const runs = [
    ["tdp", "travel-medium-001"],
    ["plan_and_act", "travel-easy-002"],
  ] as const;

  it("TDP and Plan-and-Act at noise 0.3: same calls, replies, DAG, answer, scores and steps", async () => {
    const before = [];
    for (const [arch, taskId] of runs) before.push(await trajectory(arch, taskId));

    jest.resetModules();
    const tdp = (await import("../src/prompts/tdp.js")) as Templates;
    const baselines = (await import("../src/prompts/baselines.js")) as Templates;
    const shared = (await import("../src/prompts/shared.js")) as Templates;
    jest.unstable_mockModule("../src/prompts/tdp.js", () => reword(tdp));
    jest.unstable_mockModule("../src/prompts/baselines.js", () => reword(baselines));
    jest.unstable_mockModule("../src/prompts/shared.js", () => reword(shared));
    const after = [];
    for (const [arch, taskId] of runs) after.push(await trajectory(arch, taskId));

    for (let i = 0; i < runs.length; i++) {
      // The edit took effect: the prompts are longer ...
      expect(after[i].promptTokens).toBeGreaterThan(before[i].promptTokens);
      // ... and yet every call, reply, sub-task, score and step is the same.
      expect(after[i].decisions).toEqual(before[i].decisions);
      expect(before[i].decisions.calls.length).toBeGreaterThan(5);
    }
  });
});
