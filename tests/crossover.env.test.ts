/**
 * The crossover task family: generation is a pure function of the id, the reference
 * solutions reach the exact answer through the real tools, and the structure parameters mean
 * what they say (width = independent chains, depth = lookups that each need the previous
 * observation, coupling = how many chains start from another chain's result, observation size).
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { countTokens } from "../src/models/tokens.js";
import {
  coupledCount,
  crossoverEnv,
  crossoverTask,
  CrossoverWorld,
  defaultGridParams,
  formatTaskId,
  generateTask,
  lastInteger,
  parseTaskId,
  recordLine,
  SEGMENT,
  SUBMIT_ID,
  typoOf,
  type CrossoverParams,
} from "../src/tools/crossover/index.js";
import { getEnvironment } from "../src/tools/registry.js";
import { type ReferenceSolution } from "../src/tools/types.js";
import { UsageError } from "../src/errors.js";

async function call(tools: StructuredToolInterface[], name: string, args: unknown): Promise<string> {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return String(await t.invoke(args as Record<string, unknown>));
}

/** Sub-tasks in an order that respects their dependencies (as a single agent would do them). */
function ordered(ref: ReferenceSolution) {
  const done = new Set<string>();
  const out: ReferenceSolution["subtasks"] = [];
  while (out.length < ref.subtasks.length) {
    const next = ref.subtasks.find((s) => !done.has(s.id) && s.deps.every((d) => done.has(d)));
    if (!next) throw new Error("reference DAG is not acyclic");
    done.add(next.id);
    out.push(next);
  }
  return out;
}

interface Step {
  subtask: string;
  tool: string;
  arg: string;
  observation: string;
}

/** Every reference action executed through a fresh session's tools, one scope per sub-task. */
async function replay(id: string): Promise<{ steps: Step[]; scores: Record<string, number> }> {
  const session = crossoverEnv.createSession(id);
  const steps: Step[] = [];
  for (const sub of ordered(crossoverEnv.reference(id))) {
    const tools = session.tools(sub.id);
    for (const a of sub.actions) {
      const observation = await call(tools, a.tool, a.args);
      steps.push({ subtask: sub.id, tool: a.tool, arg: String(Object.values(a.args)[0]), observation });
    }
  }
  return { steps, scores: crossoverEnv.score(id, session) };
}

const OUTSIDE_GRID = ["xo-w3-d10-c0.5-obs200-s2", "xo-w5-d17-c0.25-obs123-s9", "xo-w2-d1-c1-obs2000-s0"];

describe("crossover task ids", () => {
  test("an id round-trips through its parameters", () => {
    const p: CrossoverParams = { width: 4, depth: 8, coupling: 0.5, obs: 200, seed: 1 };
    expect(formatTaskId(p)).toBe("xo-w4-d8-c0.5-obs200-s1");
    expect(parseTaskId("xo-w4-d8-c0.5-obs200-s1")).toEqual(p);
  });

  test.each([
    ["no parameters", "xo"],
    ["missing fields", "xo-w4-d8"],
    ["another env's id", "travel-easy-001"],
    ["width 0", "xo-w0-d1-c0-obs60-s1"],
    ["coupling above 1", "xo-w4-d8-c1.5-obs200-s1"],
    ["observation below the minimum", "xo-w4-d8-c0-obs10-s1"],
    ["non-canonical coupling", "xo-w4-d8-c0.50-obs200-s1"],
    ["leading zero", "xo-w04-d8-c0-obs200-s1"],
  ])("%s is a usage error naming the format", (_name, id) => {
    for (const f of [
      () => crossoverEnv.task(id),
      () => crossoverEnv.reference(id),
      () => crossoverEnv.createSession(id),
    ]) {
      expect(f).toThrow(UsageError);
      expect(f).toThrow(/xo-w<W>-d<D>-c<C>-obs<N>-s<seed>/);
    }
  });

  test("the grid is listed in a stable order, and ids outside it work too", async () => {
    expect(await getEnvironment("crossover")).toBe(crossoverEnv);
    const tasks = crossoverEnv.tasks();
    expect(tasks.length).toBe(4 * 5 * 3 * 2);
    expect(crossoverEnv.tasks()).toEqual(tasks);
    const params = tasks.map((t) => parseTaskId(t.id));
    expect(new Set(params.map((p) => p.width))).toEqual(new Set([1, 2, 4, 8]));
    expect(new Set(params.map((p) => p.depth))).toEqual(new Set([1, 2, 4, 8, 16]));
    expect(new Set(params.map((p) => p.coupling))).toEqual(new Set([0, 0.5, 1]));
    expect(new Set(params.map((p) => p.obs)).size).toBe(2);
    for (const id of OUTSIDE_GRID) {
      expect(tasks.some((t) => t.id === id)).toBe(false);
      expect(crossoverEnv.task(id).id).toBe(id);
    }
  });
});

describe("generation", () => {
  test("the same id gives byte-identical data and pages", () => {
    for (const id of ["xo-w4-d8-c0.5-obs200-s1", ...OUTSIDE_GRID]) {
      const p = parseTaskId(id);
      const a = JSON.stringify(generateTask(p));
      expect(JSON.stringify(generateTask(p))).toBe(a);
      const t = crossoverTask(id);
      const w1 = new CrossoverWorld(t);
      const w2 = new CrossoverWorld(crossoverTask(id));
      for (const code of t.chains.flatMap((c) => c.codes)) expect(w1.lookup(code)).toEqual(w2.lookup(code));
      expect(JSON.stringify(crossoverEnv.reference(id))).toBe(JSON.stringify(crossoverEnv.reference(id)));
    }
  });

  test("different seeds give different tasks with the same structure", () => {
    const a = crossoverTask("xo-w4-d8-c0.5-obs200-s1");
    const b = crossoverTask("xo-w4-d8-c0.5-obs200-s2");
    expect(b.query).not.toBe(a.query);
    expect(b.records.map((r) => r.code)).not.toEqual(a.records.map((r) => r.code));
    expect(b.chains.map((c) => c.codes.length)).toEqual(a.chains.map((c) => c.codes.length));
    expect(b.chains.map((c) => c.start.kind)).toEqual(a.chains.map((c) => c.start.kind));
  });

  test("a simulated argument typo of any chain code names no record", () => {
    for (const p of defaultGridParams()) {
      const t = generateTask(p);
      const codes = new Set(t.records.map((r) => r.code));
      for (const code of t.chains.flatMap((c) => c.codes)) expect(codes.has(typoOf(code))).toBe(false);
    }
  });
});

describe("reference solutions", () => {
  test("replaying every grid task's reference through the tools submits the right answer", async () => {
    for (const { id } of crossoverEnv.tasks()) {
      const { steps, scores } = await replay(id);
      for (const s of steps) expect(s.observation).not.toMatch(/^No record|is not a record code|needs a/);
      expect(scores).toEqual({ delivered: 1, correct: 1 });
    }
  });

  test.each(OUTSIDE_GRID)("and outside the grid: %s", async (id) => {
    expect((await replay(id)).scores).toEqual({ delivered: 1, correct: 1 });
  });
});

describe("the structure parameters mean what they say", () => {
  /** Chains of sub-tasks: connected components of the DAG without the final submit node. */
  function components(ref: ReferenceSolution): string[][] {
    const nodes = ref.subtasks.filter((s) => s.id !== SUBMIT_ID);
    const parent = new Map(nodes.map((n) => [n.id, n.id]));
    const root = (x: string): string => (parent.get(x) === x ? x : root(parent.get(x) as string));
    for (const n of nodes) for (const d of n.deps) parent.set(root(n.id), root(d));
    const groups = new Map<string, string[]>();
    for (const n of nodes) groups.set(root(n.id), [...(groups.get(root(n.id)) ?? []), n.id]);
    return [...groups.values()];
  }

  test("coupling 0: W independent chains of D lookups, joined only by the submit step", () => {
    for (const p of defaultGridParams().filter((x) => x.coupling === 0)) {
      const id = formatTaskId(p);
      const ref = crossoverEnv.reference(id);
      const comps = components(ref);
      expect(comps).toHaveLength(p.width);
      for (const comp of comps) {
        const subs = ref.subtasks.filter((s) => comp.includes(s.id));
        expect(subs.reduce((a, s) => a + s.actions.length, 0)).toBe(p.depth);
        expect(subs).toHaveLength(Math.ceil(p.depth / SEGMENT));
        // A path: each segment depends on exactly the previous one of its own chain.
        expect(subs.filter((s) => s.deps.length === 0)).toHaveLength(1);
        for (const s of subs) expect(s.deps.every((d) => comp.includes(d))).toBe(true);
      }
      const submit = ref.subtasks.find((s) => s.id === SUBMIT_ID);
      expect(submit?.deps).toHaveLength(p.width);
    }
  });

  test("coupling C couples round(C * (W - 1)) chains, each to the chain before it", () => {
    const expected: Record<string, number> = { "8|0.5": 4, "8|1": 7, "4|0.5": 2, "4|1": 3, "2|0.5": 1, "1|1": 0 };
    for (const p of defaultGridParams()) {
      const t = crossoverTask(formatTaskId(p));
      const coupled = t.chains.filter((c) => c.start.kind === "coupled");
      expect(coupled).toHaveLength(Math.round(p.coupling * (p.width - 1)));
      expect(coupled).toHaveLength(coupledCount(p));
      if (p.coupling === 0) expect(coupled).toHaveLength(0);
      const key = `${p.width}|${p.coupling}`;
      if (key in expected) expect(coupled).toHaveLength(expected[key]);
      const ref = crossoverEnv.reference(t.id);
      for (const c of t.chains) {
        const first = ref.subtasks.find((s) => s.id === `${c.label}1`);
        if (c.start.kind === "coupled") {
          const parent = t.chains[c.start.parent];
          expect(c.start.parent).toBe(t.chains.indexOf(c) - 1);
          expect(first?.deps).toEqual([`${parent.label}${Math.ceil(p.depth / SEGMENT)}`]);
          expect(c.codes[0]).toBe(`${c.start.word}-${parent.result}`);
        } else expect(first?.deps).toEqual([]);
      }
    }
  });

  test("each lookup's code is only knowable from the previous observation of its chain", async () => {
    for (const id of ["xo-w4-d8-c0.5-obs500-s1", "xo-w8-d16-c1-obs60-s1", "xo-w3-d10-c0.5-obs200-s2"]) {
      const t = crossoverTask(id);
      const { steps } = await replay(id);
      const lookups = steps.filter((s) => s.tool === "Lookup");
      expect(lookups).toHaveLength(t.width * t.depth);
      for (const c of t.chains) {
        c.codes.forEach((code, j) => {
          const at = lookups.findIndex((s) => s.arg === code);
          const seenIn = lookups.filter((s, i) => i !== at && s.observation.includes(code));
          if (j === 0 && c.start.kind === "code") {
            expect(t.query).toContain(code);
            expect(seenIn).toHaveLength(0);
          } else if (j === 0 && c.start.kind === "coupled") {
            // Built from the parent's result, which only the parent's last observation shows.
            const parent = t.chains[c.start.parent];
            const last = lookups.find((s) => s.arg === parent.codes[parent.codes.length - 1]);
            expect(t.query).not.toContain(code);
            expect(seenIn).toHaveLength(0);
            expect(last?.observation).toContain(`amount ${parent.result} | next none (end of chain)`);
          } else {
            // Written in exactly one place: the "next" field of the previous record's line.
            expect(t.query).not.toContain(code);
            expect(seenIn.map((s) => s.arg)).toEqual([c.codes[j - 1]]);
            expect(seenIn[0].observation.split("\n")).toContain(
              recordLine(t.records.find((r) => r.code === c.codes[j - 1])!),
            );
            expect(seenIn[0].observation).toContain(`| next ${code}`);
            // And it was looked up after that observation, not before.
            expect(lookups.findIndex((s) => s.arg === c.codes[j - 1])).toBeLessThan(at);
          }
        });
      }
    }
  });

  test("every Lookup observation is within one record line of the observation size", async () => {
    for (const id of [
      "xo-w2-d4-c0-obs60-s1",
      "xo-w2-d4-c0-obs500-s1",
      "xo-w3-d10-c0.5-obs200-s2",
      "xo-w2-d1-c1-obs2000-s0",
    ]) {
      const t = crossoverTask(id);
      const longestLine = Math.max(...t.records.map((r) => countTokens(recordLine(r)))) + 1;
      for (const s of (await replay(id)).steps.filter((x) => x.tool === "Lookup")) {
        const n = countTokens(s.observation);
        expect(n).toBeLessThanOrEqual(t.obs);
        expect(t.obs - n).toBeLessThanOrEqual(longestLine);
        expect(s.observation.split("\n").filter((l) => l.startsWith(`${s.arg} |`))).toHaveLength(1);
      }
    }
  });
});

describe("tools and scoring", () => {
  const id = "xo-w2-d2-c0-obs200-s1";

  test("tools never throw: bad input comes back as an observation", async () => {
    const session = crossoverEnv.createSession(id);
    const tools = session.tools("main");
    expect(await call(tools, "Lookup", {})).toMatch(/needs a `code`/);
    expect(await call(tools, "Lookup", { code: 42 })).toMatch(/needs a `code`/);
    expect(await call(tools, "Lookup", { code: "heron 220" })).toMatch(/is not a record code/);
    const missing = crossoverTask(id).chains[0].codes[0].replace(/\d{3}$/, "000");
    expect(await call(tools, "Lookup", { code: missing })).toMatch(/^No record has code/);
    expect(await call(tools, "SubmitAnswer", { answer: "  " })).toMatch(/needs a non-empty/);
    expect(await call(tools, "SubmitAnswer", {})).toMatch(/needs a non-empty/);
    expect(session.submission()).toBeNull();
    expect(session.callCounts()).toEqual({ Lookup: 4, SubmitAnswer: 2 });
  });

  test("a code is read case-insensitively, with surrounding spaces", async () => {
    const tools = crossoverEnv.createSession(id).tools("main");
    const code = crossoverTask(id).chains[0].codes[0];
    expect(await call(tools, "Lookup", { code: `  ${code.toUpperCase()} ` })).toBe(
      await call(tools, "Lookup", { code }),
    );
  });

  test("scores: nothing, a wrong number, the right number", async () => {
    const answer = crossoverTask(id).answer;
    const none = crossoverEnv.createSession(id);
    expect(crossoverEnv.score(id, none)).toEqual({ delivered: 0, correct: 0 });
    const wrong = crossoverEnv.createSession(id);
    await call(wrong.tools("main"), "SubmitAnswer", { answer: String(answer + 1) });
    expect(crossoverEnv.score(id, wrong)).toEqual({ delivered: 1, correct: 0 });
    const right = crossoverEnv.createSession(id);
    await call(right.tools("main"), "SubmitAnswer", { answer: `The sum is ${answer.toLocaleString("en-US")}.` });
    expect(crossoverEnv.score(id, right)).toEqual({ delivered: 1, correct: 1 });
  });

  test("lastInteger reads the last whole number", () => {
    expect(lastInteger("2417")).toBe(2417);
    expect(lastInteger("A=583, B=912: total 1,495.")).toBe(1495);
    expect(lastInteger("no number")).toBeNull();
  });

  test("sessions are independent", async () => {
    const a = crossoverEnv.createSession(id);
    const b = crossoverEnv.createSession(id);
    await call(a.tools("x"), "SubmitAnswer", { answer: "1" });
    expect(b.submission()).toBeNull();
    expect(b.callCounts()).toEqual({ Lookup: 0, SubmitAnswer: 0 });
  });

  test("the task text states everything needed: depth, every start, what to submit", () => {
    const t = crossoverTask("xo-w3-d4-c0.5-obs200-s1");
    expect(t.query).toMatch(/Follow 3 chains of 4 records each/);
    expect(t.query).toContain(`Chain A starts at code ${t.chains[0].codes[0]}.`);
    expect(t.query).toMatch(/Chain B starts at code [a-z]+-N, where N is the result of chain A\./);
    expect(t.query).toMatch(/submit the sum of the results of chains A, B and C with SubmitAnswer/);
  });
});
