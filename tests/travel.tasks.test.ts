import type { EnvSession, ReferenceSolution } from "../src/tools/types.js";
import { UnknownTaskError } from "../src/errors.js";
import travelDefault, { createTravelEnvironment, travelEnv } from "../src/tools/travel/index.js";
import { makeTravelTask } from "../src/tools/travel/queries.js";
import { applicableHard } from "../src/tools/travel/scoring.js";
import { generateWorld } from "../src/tools/travel/world.js";
import { indexOf } from "../src/tools/travel/worldIndex.js";

/** Runs every action of a reference through the session's tools, scope by scope. */
async function replay(session: EnvSession, ref: ReferenceSolution): Promise<string[]> {
  const errors: string[] = [];
  for (const sub of ref.subtasks) {
    const tools = session.tools(sub.id);
    for (const action of sub.actions) {
      const tool = tools.find((t) => t.name === action.tool);
      if (!tool) throw new Error(`no tool ${action.tool}`);
      const out = String(await tool.invoke(action.args));
      if (out.startsWith("Error:")) errors.push(`${sub.id} ${action.tool}: ${out}`);
    }
  }
  return errors;
}

describe("travel environment contract", () => {
  it("is the default export, with the agreed settings", () => {
    expect(travelDefault).toBe(travelEnv);
    expect(travelEnv).toMatchObject({
      name: "travel",
      exclusive: false,
      defaultMaxSteps: 50,
      submitTool: "SubmitPlan",
    });
    expect(travelEnv.deliveryFormat).toContain("current_city");
  });

  it("has 60 tasks, 20 per level, with the official shapes and constraint counts", () => {
    const tasks = travelEnv.tasks();
    expect(tasks).toHaveLength(60);
    const ids = tasks.map((t) => t.id);
    expect(ids.slice(0, 2)).toEqual(["travel-easy-001", "travel-easy-002"]);
    expect(ids).toContain("travel-medium-020");
    expect(ids[59]).toBe("travel-hard-020");
    const expected = { easy: [3, 1, 0], medium: [5, 2, 1], hard: [7, 3, 3] } as const;
    for (const level of ["easy", "medium", "hard"] as const) {
      const of = tasks.filter((t) => t.level === level);
      expect(of).toHaveLength(20);
      for (const info of of) {
        const q = travelEnv.travelTask(info.id).query;
        const [days, cities, extra] = expected[level];
        expect(q.days).toBe(days);
        expect(q.date).toHaveLength(days);
        expect(q.visiting_city_number).toBe(cities);
        expect(applicableHard(q)).toHaveLength(1 + extra);
        expect(q.budget).toBeGreaterThan(0);
        if (level === "medium") expect(q.local_constraint.transportation).toBeNull();
        // The request states what the plan depends on.
        expect(info.query).toContain(q.org);
        expect(info.query).toContain(`$${q.budget.toLocaleString("en-US")}`);
        if (cities === 1) expect(info.query).toContain(q.dest);
        else expect(info.query).toContain(`visiting ${cities} cities in ${q.dest}`);
      }
    }
  });

  it("rejects unknown task ids with UnknownTaskError", () => {
    expect(() => travelEnv.task("travel-easy-999")).toThrow(UnknownTaskError);
    expect(() => travelEnv.createSession("nope")).toThrow(UnknownTaskError);
  });

  it("replaying every reference through the tools passes every constraint (final_pass = 1)", async () => {
    for (const { id, level } of travelEnv.tasks()) {
      const ref = travelEnv.reference(id);
      const session = travelEnv.createSession(id);
      expect(await replay(session, ref)).toEqual([]);
      const scores = travelEnv.score(id, session);
      expect({ id, ...scores }).toMatchObject({ id, delivered: 1, cs_macro: 1, hc_macro: 1, final_pass: 1 });
      expect(JSON.parse(session.submission()!)).toEqual(JSON.parse(ref.answer));
      const actions = ref.subtasks.reduce((n, s) => n + s.actions.length, 0);
      if (level === "hard") expect(actions).toBeLessThanOrEqual(25);
    }
  });

  it("writes references as a DAG of standalone sub-tasks ending in SubmitPlan", () => {
    const ref = travelEnv.reference("travel-hard-001");
    const q = travelEnv.travelTask("travel-hard-001").query;
    const ids = ref.subtasks.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe("cities");
    expect(ref.subtasks[0].actions).toEqual([{ tool: "CitySearch", args: { state: q.dest } }]);
    expect(ids.filter((id) => id.startsWith("transport-"))).toHaveLength(4);
    for (const kind of ["stay", "meals", "sights"])
      expect(ids.filter((id) => id.startsWith(`${kind}-`))).toHaveLength(3);
    const submit = ref.subtasks[ref.subtasks.length - 1];
    expect(submit.id).toBe("submit");
    expect(submit.deps).toEqual(ids.slice(0, -1));
    expect(submit.actions).toEqual([{ tool: "SubmitPlan", args: { plan: JSON.parse(ref.answer) } }]);
    // Deps only point backwards, and every spec carries its own facts.
    ref.subtasks.forEach((s, i) => s.deps.forEach((d) => expect(ids.indexOf(d)).toBeLessThan(i)));
    const stay = ref.subtasks.find((s) => s.id.startsWith("stay-"))!;
    expect(stay.spec).toContain(`${q.people_number} people`);
    expect(stay.spec).toMatch(/\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
    const leg = ref.subtasks.find((s) => s.id === "transport-1")!;
    expect(leg.spec).toContain(q.org);
    expect(leg.spec).toContain(q.date[0]);
  });
});

describe("travel task generator", () => {
  const world = generateWorld(2024);

  it("makes long tours across states (60 days, 25 cities) with a verified reference", async () => {
    const task = makeTravelTask(world, 11, { days: 60, cityCount: 25, level: "hard" });
    const q = task.query;
    expect(q.days).toBe(60);
    expect(q.date).toHaveLength(60);
    expect(q.visiting_city_number).toBe(25);
    expect(q.dest.split(", ").length).toBeGreaterThan(1);
    expect(task.itinerary!.route).toHaveLength(25);
    const env = createTravelEnvironment({ world, tasks: [task] });
    const session = env.createSession(task.id);
    expect(await replay(session, env.reference(task.id))).toEqual([]);
    expect(env.score(task.id, session).final_pass).toBe(1);
  });

  it("is deterministic in (world, seed, shape) and varies with the seed", () => {
    const shape = { days: 9, cityCount: 4, level: "medium" as const };
    const a = makeTravelTask(world, 5, shape);
    expect(JSON.stringify(makeTravelTask(world, 5, shape))).toBe(JSON.stringify(a));
    expect(JSON.stringify(makeTravelTask(world, 6, shape).query)).not.toBe(JSON.stringify(a.query));
  });

  it("builds the same task set from the same seed, a different one from another", () => {
    const ids = (env: ReturnType<typeof createTravelEnvironment>) =>
      env
        .tasks()
        .map((t) => t.query)
        .join("\n");
    expect(ids(createTravelEnvironment({ seed: 2024 }))).toBe(ids(travelEnv));
    expect(ids(createTravelEnvironment({ seed: 99 }))).not.toBe(ids(travelEnv));
  });

  it("refuses shapes that cannot be planned, with a reason", () => {
    expect(() => makeTravelTask(world, 1, { days: 3, cityCount: 3, level: "easy" })).toThrow(/needs at least 4 days/);
    expect(() => makeTravelTask(world, 1, { days: 60, cityCount: 1, level: "easy" })).toThrow(/raise cityCount/);
  });

  it("lets a caller build an environment over a custom task list", () => {
    const tasks = [makeTravelTask(world, 1, { days: 4, cityCount: 2, level: "easy", id: "custom-1" })];
    const env = createTravelEnvironment({ world, tasks });
    expect(env.tasks().map((t) => t.id)).toEqual(["custom-1"]);
    expect(env.reference("custom-1").subtasks.at(-1)!.actions[0].tool).toBe("SubmitPlan");
    // The tools read the same world the tasks were made from.
    expect(indexOf(env.world())).toBe(indexOf(world));
  });
});
