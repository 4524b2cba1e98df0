/**
 * The science task set and the Environment contract: counts, determinism, references that
 * reach reward 1, and references whose misspelt actions are all rejected harmlessly.
 */
import { createScienceEnv, scienceEnv, type ScienceSession, TASK_TYPES } from "../src/tools/science/index.js";
import { generateTasks } from "../src/tools/science/tasks.js";
import { UnknownTaskError } from "../src/errors.js";

const actionsOf = (taskId: string): string[] =>
  scienceEnv
    .reference(taskId)
    .subtasks.flatMap((s) => s.actions)
    .map((a) => String(a.args.action));

describe("task set", () => {
  test("at least 5 task types with at least 8 variations each, ids and levels by type", () => {
    const tasks = scienceEnv.tasks();
    const byType = new Map<string, string[]>();
    for (const t of tasks) byType.set(t.level, [...(byType.get(t.level) ?? []), t.id]);
    expect(byType.size).toBeGreaterThanOrEqual(5);
    expect([...byType.keys()]).toEqual([...TASK_TYPES]);
    for (const [type, ids] of byType) {
      expect(ids.length).toBeGreaterThanOrEqual(8);
      ids.forEach((id, i) => expect(id).toBe(`science-${type}-${String(i + 1).padStart(2, "0")}`));
    }
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    const variations = generateTasks(20220).map((t) => JSON.stringify(t.variation));
    expect(new Set(variations).size).toBe(variations.length);
  });

  test("task text follows ScienceWorld's phrasing", () => {
    const boil = scienceEnv.tasks().find((t) => t.level === "boil");
    expect(boil?.query).toMatch(
      /^Your task is to boil .+\. First, focus on the substance\. Then, take actions that will cause it to change its state of matter\./,
    );
    const cond = scienceEnv.tasks().find((t) => t.level === "conductivity");
    expect(cond?.query).toMatch(/^Your task is to determine if .+ is electrically conductive\./);
  });

  test("the same seed gives a byte-identical task set; a different seed a different one", () => {
    const a = JSON.stringify(generateTasks(7));
    expect(JSON.stringify(generateTasks(7))).toBe(a);
    expect(JSON.stringify(generateTasks(8))).not.toBe(a);
    expect(JSON.stringify(createScienceEnv({ seed: 7 }).tasks())).toBe(
      JSON.stringify(createScienceEnv({ seed: 7 }).tasks()),
    );
    expect(JSON.stringify(createScienceEnv({ seed: 7 }).tasks())).not.toBe(
      JSON.stringify(createScienceEnv({ seed: 8 }).tasks()),
    );
  });

  test("same task, same world: two sessions start byte-identical and stay independent", () => {
    const id = scienceEnv.tasks()[0].id;
    const a = scienceEnv.createSession(id) as ScienceSession;
    const b = scienceEnv.createSession(id) as ScienceSession;
    expect(a.fingerprint()).toBe(b.fingerprint());
    a.step("wait");
    expect(a.fingerprint()).not.toBe(b.fingerprint());
  });
});

describe("environment contract", () => {
  test("fields and lookups", () => {
    expect(scienceEnv).toMatchObject({ name: "science", exclusive: true, defaultMaxSteps: 60, submitTool: null });
    expect(scienceEnv.deliveryFormat).toMatch(/One line/);
    const first = scienceEnv.tasks()[0];
    expect(scienceEnv.task(first.id)).toEqual(first);
    expect(() => scienceEnv.task("science-boil-99")).toThrow(UnknownTaskError);
  });

  test("submit stores the text; scores come from the world", () => {
    const id = scienceEnv.tasks()[0].id;
    const s = scienceEnv.createSession(id);
    expect(s.submission()).toBeNull();
    s.submit("Boiled it.");
    s.submit("Boiled the water.");
    expect(s.submission()).toBe("Boiled the water.");
    expect(scienceEnv.score(id, s)).toMatchObject({ reward: 0, delivered: 0, subgoals_done: 0, subgoals_total: 3 });
  });
});

describe("reference solutions", () => {
  test("replaying every task's reference reaches reward 1 with no rejected action", () => {
    for (const t of scienceEnv.tasks()) {
      const ref = scienceEnv.reference(t.id);
      const ids = ref.subtasks.map((s) => s.id);
      ref.subtasks.forEach((s, i) => {
        expect(s.spec.length).toBeGreaterThan(20);
        for (const d of s.deps) expect(ids.indexOf(d)).toBeLessThan(i);
        for (const a of s.actions) {
          expect(a.tool).toBe("act");
          expect(Object.keys(a.args)).toEqual(["action"]);
        }
      });
      const actions = actionsOf(t.id);
      expect(actions.length).toBeLessThanOrEqual(35);
      expect(ref.answer.length).toBeGreaterThan(0);
      const s = scienceEnv.createSession(t.id) as ScienceSession;
      for (const a of actions) {
        const r = s.step(a);
        if (!r.ok) throw new Error(`${t.id}: "${a}" rejected: ${r.observation}`);
      }
      expect({ id: t.id, ...scienceEnv.score(t.id, s) }).toMatchObject({
        id: t.id,
        reward: 1,
        delivered: 1,
        failed: 0,
      });
      expect(s.callCounts()).toEqual({ act: actions.length });
    }
  });

  test("the reference also works through the LangChain tool (one task per type)", async () => {
    for (const type of TASK_TYPES) {
      const id = `science-${type}-01`;
      const s = scienceEnv.createSession(id);
      const [act] = s.tools("main");
      for (const a of scienceEnv.reference(id).subtasks.flatMap((x) => x.actions)) await act.invoke(a.args);
      expect(scienceEnv.score(id, s).reward).toBe(1);
    }
  });

  test("a misspelt reference action is rejected and changes nothing", () => {
    /** One-word corruptions like a noisy replay makes: a letter dropped, doubled, swapped or replaced. */
    const corruptions = (cmd: string): string[] => {
      const words = cmd.split(" ");
      const out = new Set<string>();
      words.forEach((w, i) => {
        const edits = [
          w.slice(0, -1),
          w + w.slice(-1),
          w.length > 1 ? w[1] + w[0] + w.slice(2) : "",
          w.length > 1 ? w.slice(0, -2) + w.slice(-1) + w.slice(-2, -1) : "",
          w.slice(0, 1) + "q" + w.slice(2),
        ];
        for (const e of edits) {
          const c = [...words];
          c[i] = e;
          const s = c.join(" ").replace(/\s+/g, " ").trim();
          if (s !== cmd) out.add(s);
        }
      });
      return [...out];
    };
    expect(corruptions("go to kitchen")).toContain("go to kitchne");
    let tried = 0;
    for (const t of scienceEnv.tasks()) {
      const s = scienceEnv.createSession(t.id) as ScienceSession;
      for (const cmd of actionsOf(t.id)) {
        const before = s.fingerprint();
        for (const bad of corruptions(cmd)) {
          const r = s.step(bad);
          tried++;
          if (r.ok || s.fingerprint() !== before)
            throw new Error(`${t.id}: corrupted "${bad}" (from "${cmd}") was accepted: ${r.observation}`);
        }
        s.step(cmd);
      }
      expect(scienceEnv.score(t.id, s).reward).toBe(1);
    }
    expect(tried).toBeGreaterThan(1000);
  });
});
