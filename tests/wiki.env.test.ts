import type { StructuredToolInterface } from "@langchain/core/tools";
import { UnknownTaskError } from "../src/errors.js";
import { wikiEnv, wikiQuestions } from "../src/tools/wiki/index.js";

async function run(tools: StructuredToolInterface[], name: string, args: Record<string, unknown>): Promise<string> {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return String(await t.invoke(args));
}

describe("wikiEnv contract", () => {
  test("static fields", () => {
    expect(wikiEnv.name).toBe("wiki");
    expect(wikiEnv.exclusive).toBe(false);
    expect(wikiEnv.defaultMaxSteps).toBe(30);
    expect(wikiEnv.submitTool).toBe("Finish");
    expect(wikiEnv.deliveryFormat).toMatch(/yes\/no/);
  });

  test("tasks are stable and carry id, level and question", () => {
    const tasks = wikiEnv.tasks();
    expect(tasks.length).toBeGreaterThanOrEqual(150);
    expect(wikiEnv.tasks()).toEqual(tasks);
    expect(wikiEnv.task("wiki-bridge-001")).toEqual(tasks.find((t) => t.id === "wiki-bridge-001"));
    for (const t of tasks) expect(t.query).toMatch(/\?$/);
  });

  test("unknown ids throw UnknownTaskError", () => {
    expect(() => wikiEnv.task("wiki-bridge-999")).toThrow(UnknownTaskError);
    expect(() => wikiEnv.createSession("nope")).toThrow(UnknownTaskError);
    expect(() => wikiEnv.reference("nope")).toThrow(UnknownTaskError);
  });

  test("a run that delivers nothing scores delivered 0", () => {
    const session = wikiEnv.createSession("wiki-comparison-001");
    expect(wikiEnv.score("wiki-comparison-001", session)).toEqual({ delivered: 0, em: 0, f1: 0, accuracy: 0 });
  });

  test("a wrong answer is delivered but not exact", async () => {
    const session = wikiEnv.createSession("wiki-bridge-001");
    await run(session.tools("main"), "Finish", { answer: "definitely not the answer" });
    const scores = wikiEnv.score("wiki-bridge-001", session);
    expect(scores.delivered).toBe(1);
    expect(scores.em).toBe(0);
  });

  test("reference() returns a copy", () => {
    const ref = wikiEnv.reference("wiki-bridge-001");
    ref.subtasks.length = 0;
    expect(wikiEnv.reference("wiki-bridge-001").subtasks.length).toBeGreaterThan(0);
  });

  test("sessions are independent worlds", async () => {
    const a = wikiEnv.createSession("wiki-bridge-001");
    const b = wikiEnv.createSession("wiki-bridge-001");
    await run(a.tools("main"), "Finish", { answer: "x" });
    expect(b.submission()).toBeNull();
    expect(b.callCounts()).toEqual({ Search: 0, Lookup: 0, Finish: 0 });
  });
});

describe("reference solutions", () => {
  // Replays every question's reference through a fresh session, one scope per sub-task as a
  // TDP executor would, and checks each fact really shows up where the reference reads it.
  test("replaying every reference gives em = 1, and each fact appears in its node's observations", async () => {
    let lookups = 0;
    for (const q of wikiQuestions()) {
      const session = wikiEnv.createSession(q.id);
      const observed = new Map<string, string[]>();
      for (const sub of wikiEnv.reference(q.id).subtasks) {
        const tools = session.tools(sub.id);
        const obs: string[] = [];
        for (const action of sub.actions) {
          const text = await run(tools, action.tool, action.args);
          expect(text).not.toMatch(/^Could not find|No more results|No article is open|needs a non-empty/);
          obs.push(text);
        }
        observed.set(sub.id, obs);
      }
      for (const step of q.steps) {
        const obs = observed.get(step.node)!;
        // The fact is in the last observation of its node: the Search lead, or the Lookup hit.
        expect(obs[obs.length - 1]).toContain(step.value);
        if (obs.length > 1) lookups++;
      }
      const actions = q.reference.subtasks.flatMap((s) => s.actions);
      expect(session.callCounts()).toEqual({
        Search: actions.filter((a) => a.tool === "Search").length,
        Lookup: actions.filter((a) => a.tool === "Lookup").length,
        Finish: 1,
      });
      expect(session.submission()).toBe(q.answer);
      expect(wikiEnv.score(q.id, session)).toEqual({ delivered: 1, em: 1, f1: 1, accuracy: 1 });
    }
    expect(lookups).toBeGreaterThan(0);
  });

  test("comparison branches can run concurrently without disturbing each other", async () => {
    const q =
      wikiQuestions().find(
        (x) =>
          x.level === "comparison-4hop" && x.reference.subtasks.some((s) => s.actions.some((a) => a.tool === "Lookup")),
      ) ?? wikiQuestions().find((x) => x.level === "comparison-4hop")!;
    const session = wikiEnv.createSession(q.id);
    const subtasks = wikiEnv.reference(q.id).subtasks;
    const finish = subtasks[subtasks.length - 1];
    const branches = subtasks
      .filter((s) => s.deps.length === 0)
      .map((root) => {
        const chain = [root, ...subtasks.filter((s) => s.deps.length === 1 && s.deps[0] === root.id)];
        return chain;
      });
    expect(branches).toHaveLength(2);
    // Interleave the two branches' tool calls step by step.
    const outputs = await Promise.all(
      branches.map(async (chain) => {
        const last: string[] = [];
        for (const sub of chain) {
          const tools = session.tools(sub.id);
          let text = "";
          for (const action of sub.actions) {
            await new Promise((r) => setImmediate(r));
            text = await run(tools, action.tool, action.args);
          }
          last.push(text);
        }
        return last;
      }),
    );
    const expected = branches.map((chain) => chain.map((sub) => q.steps.find((s) => s.node === sub.id)!.value));
    outputs.forEach((out, i) => out.forEach((text, j) => expect(text).toContain(expected[i][j])));
    await run(session.tools(finish.id), "Finish", finish.actions[0].args);
    expect(wikiEnv.score(q.id, session).em).toBe(1);
  });
});
