/**
 * The optional LLM-judge column of the benchmark: a real judge model grades wiki answers into
 * a separate `llm_judge_accuracy` metric; the offline simulator is refused as a judge.
 */
import { createLlmJudge } from "../src/bench/judge.js";
import { metricTable, JUDGE_COLUMN } from "../src/bench/aggregate.js";
import type { BenchRecord } from "../src/bench/record.js";
import { runTask } from "../src/bench/runTask.js";
import { parseBenchArgs } from "../src/cli/bench.js";
import { judgeAccuracy } from "../src/tools/wiki/metrics.js";
import { UsageError } from "../src/errors.js";
import { getEnvironment } from "../src/tools/registry.js";
import { scriptedModel, textOf, toolCall } from "./helpers/scripted.js";

describe("LLM judge", () => {
  it("asks the judge model with the question, gold and prediction, and uses its verdict", async () => {
    const model = scriptedModel((ctx) =>
      toolCall("grade_answer", { correct: ctx.text.includes("Predicted answer: the year 1931") }),
    );
    const judge = createLlmJudge(model);
    expect(await judgeAccuracy("When was X founded?", "1931", "the year 1931", judge)).toBe(1);
    expect(await judgeAccuracy("When was X founded?", "1931", "1932", judge)).toBe(0);
    const prompt = textOf(model.log[0].req.messages);
    expect(prompt).toContain("Question: When was X founded?");
    expect(prompt).toContain("Gold answer: 1931");
    // Exact matches and empty answers never reach the judge.
    expect(await judgeAccuracy("q", "1931", "1931", judge)).toBe(1);
    expect(await judgeAccuracy("q", "1931", " ", judge)).toBe(0);
    expect(model.log).toHaveLength(2);
  });

  it("adds llm_judge_accuracy to a wiki run's metrics", async () => {
    const env = await getEnvironment("wiki");
    const taskId = env.tasks()[0].id;
    const calls: string[] = [];
    const record = await runTask({
      env: "wiki",
      taskId,
      level: env.task(taskId).level,
      arch: "tdp",
      model: "offline",
      configurable: { model: "offline" },
      judge: async (_q, _gold, predicted) => {
        calls.push(predicted);
        return true;
      },
    });
    expect(record.metrics.em).toBe(1);
    expect(record.metrics.llm_judge_accuracy).toBe(1);
    expect(calls).toHaveLength(0); // an exact match is correct without asking
  });

  it("shows a separate report column only when runs were judged", () => {
    const base = {
      v: 1,
      env: "wiki",
      task_id: "w1",
      level: "bridge",
      model: "m",
      noise: 0,
      seed: 7,
      max_steps: 30,
      status: "completed",
      tokens_in: 1,
      tokens_out: 1,
      tokens_by_role: {},
      llm_calls: 1,
      steps: 1,
      replans: 0,
      revisions: 0,
      wall_s: 0,
      error: null,
      prompt_tokens: [],
      call_steps: [],
      call_roles: [],
      finished_at: "",
    };
    const plain = [{ ...base, arch: "tdp", metrics: { em: 1, accuracy: 1, delivered: 1 } }] as unknown as BenchRecord[];
    expect(metricTable("wiki", plain).columns).not.toContain(JUDGE_COLUMN);
    const judged = [
      { ...base, arch: "tdp", metrics: { em: 0, accuracy: 0, delivered: 1, llm_judge_accuracy: 1 } },
      { ...base, task_id: "w2", arch: "tdp", metrics: { em: 0, accuracy: 0, delivered: 1, llm_judge_accuracy: 0 } },
    ] as unknown as BenchRecord[];
    const table = metricTable("wiki", judged);
    expect(table.columns[table.columns.length - 1]).toBe(JUDGE_COLUMN);
    const row = table.rows[0].values;
    expect(row[row.length - 1]).toBeCloseTo(0.5);
    expect(row[2]).toBe(0); // Avg ignores the judge column
  });

  it("refuses the offline simulator as a judge", async () => {
    await expect(parseBenchArgs(["--env", "wiki", "--judge", "offline"])).rejects.toThrow(UsageError);
    await expect(parseBenchArgs(["--env", "wiki", "--judge", "offline"])).rejects.toThrow(/never grades/);
  });
});
