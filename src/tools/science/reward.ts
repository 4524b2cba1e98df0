/**
 * Dense reward as ScienceWorld scores it: each task type has an ordered list of weighted
 * subgoals. The tracker looks at the world after every action and every tick; a subgoal
 * counts only once all earlier ones have, so a state that comes and goes (the water was
 * boiling for a moment) counts if it happens while it is the next subgoal. Focusing on the
 * wrong object, or putting the object in the wrong answer box, ends the task with reward 0.
 */
import { SUBSTANCES, type Thing, type World } from "./world.js";
import type { LifeCategory, Roles, Variation } from "./tasks.js";

/** What the agent has done that the world itself does not record. */
export interface Progress {
  focused: number[];
  /** Things a thermometer was used on. */
  measured: number[];
}

export interface CheckContext {
  world: World;
  roles: Roles;
  progress: Progress;
}

export interface Subgoal {
  description: string;
  /** Weight out of 100 for the whole list. */
  points: number;
  check(c: CheckContext): boolean;
}

export interface TaskRules {
  subgoals: Subgoal[];
  /** Whether focusing on `t` is what the task asks for (otherwise the task fails). */
  focusOk(c: CheckContext, t: Thing): boolean;
  /** A reason the task has failed, judged from the current state, or null. */
  failure(c: CheckContext): string | null;
}

const role = (c: CheckContext, name: string): Thing | undefined => c.world.things.get(c.roles[name]);
const focused = (c: CheckContext, name: string) => c.progress.focused.includes(c.roles[name]);
const within = (c: CheckContext, t: Thing | undefined, boxRole: string) => !!t && c.world.isWithin(t, c.roles[boxRole]);

/** Whether a thing counts as the category a find-living task asks for (which decides if a focus is right). */
export function matchesCategory(w: World, t: Thing, category: LifeCategory): boolean {
  const life = t.living;
  switch (category) {
    case "living thing":
      return !!life?.alive;
    case "plant":
      return !!life?.alive && life.kind === "plant";
    case "animal":
      return !!life?.alive && life.kind === "animal";
    case "non-living thing":
      return !life && !w.isRoom(t);
  }
}

const noFailure = () => null;

/** The subgoals, focus rule and failure rule of a variation. */
export function rulesFor(v: Variation): TaskRules {
  switch (v.type) {
    case "boil":
    case "melt":
    case "freeze": {
      const s = SUBSTANCES[v.substance];
      const name = v.type === "melt" ? s.names.solid : s.names.liquid;
      const sub = (c: CheckContext) => role(c, "substance");
      const place =
        v.type === "boil"
          ? {
              text: `The ${name} is somewhere hot enough to boil it`,
              ok: (w: World, t: Thing) => w.ambientFor(t) >= s.boil,
            }
          : v.type === "melt"
            ? {
                text: `The ${name} is somewhere warm enough to melt it`,
                ok: (w: World, t: Thing) => w.ambientFor(t) > s.melt,
              }
            : {
                text: `The ${name} is somewhere cold enough to freeze it`,
                ok: (w: World, t: Thing) => w.ambientFor(t) < s.melt,
              };
      const state =
        v.type === "boil"
          ? { text: `The ${name} boils (turns into a gas)`, ok: (w: World, t: Thing) => w.matter(t) === "gas" }
          : v.type === "melt"
            ? { text: `The ${name} melts (is no longer solid)`, ok: (w: World, t: Thing) => w.matter(t) !== "solid" }
            : { text: `The ${name} freezes (turns solid)`, ok: (w: World, t: Thing) => w.matter(t) === "solid" };
      return {
        subgoals: [
          { description: `Focus on the ${name}`, points: 20, check: (c) => focused(c, "substance") },
          { description: place.text, points: 30, check: (c) => !!sub(c) && place.ok(c.world, sub(c) as Thing) },
          { description: state.text, points: 50, check: (c) => !!sub(c) && state.ok(c.world, sub(c) as Thing) },
        ],
        focusOk: (c, t) => t.id === c.roles.substance,
        failure: noFailure,
      };
    }
    case "thermometer": {
      const rightBox = (c: CheckContext) =>
        (role(c, "substance")?.temperature ?? 0) > v.threshold ? "aboveBox" : "belowBox";
      const wrongBox = (c: CheckContext) => (rightBox(c) === "aboveBox" ? "belowBox" : "aboveBox");
      return {
        subgoals: [
          { description: "Focus on the thermometer", points: 15, check: (c) => focused(c, "thermometer") },
          { description: `Focus on the ${v.substance}`, points: 15, check: (c) => focused(c, "substance") },
          {
            description: `Measure the ${v.substance} with the thermometer`,
            points: 30,
            check: (c) => c.progress.measured.includes(c.roles.substance),
          },
          {
            description: `Put the ${v.substance} in the box its temperature calls for`,
            points: 40,
            check: (c) => within(c, role(c, "substance"), rightBox(c)),
          },
        ],
        focusOk: (c, t) => t.id === c.roles.thermometer || t.id === c.roles.substance,
        failure: (c) =>
          within(c, role(c, "substance"), wrongBox(c)) ? `the ${v.substance} was put in the wrong box` : null,
      };
    }
    case "find-living": {
      const target = (c: CheckContext): Thing | undefined => {
        for (const id of [...c.progress.focused].reverse()) {
          const t = c.world.things.get(id);
          if (t) return t;
        }
        return undefined;
      };
      return {
        subgoals: [
          {
            description: `Focus on ${v.category === "animal" ? "an" : "a"} ${v.category}`,
            points: 25,
            check: (c) => !!target(c),
          },
          {
            description: "Pick it up (or move it straight to the box)",
            points: 25,
            check: (c) => {
              const t = target(c);
              return !!t && (c.world.isWithin(t, c.world.inventoryId) || within(c, t, "box"));
            },
          },
          {
            description: `Move it to the ${v.box} in the ${v.boxRoom}`,
            points: 50,
            check: (c) => within(c, target(c), "box"),
          },
        ],
        focusOk: (c, t) => matchesCategory(c.world, t, v.category),
        failure: noFailure,
      };
    }
    case "grow-plant": {
      const seed = (c: CheckContext) => role(c, "seed");
      const pot = (c: CheckContext) => {
        const s = seed(c);
        return s?.parent == null ? undefined : c.world.things.get(s.parent);
      };
      const stageAtLeast = (c: CheckContext, stages: string[]) => {
        const life = seed(c)?.living;
        return !!life?.alive && stages.includes(life.stage);
      };
      return {
        subgoals: [
          { description: `Focus on the ${v.species} seed`, points: 10, check: (c) => focused(c, "seed") },
          {
            description: "Plant the seed in a pot with soil",
            points: 15,
            check: (c) => !!pot(c) && c.world.children((pot(c) as Thing).id).some((x) => x.soil),
          },
          {
            description: "Water the pot",
            points: 15,
            check: (c) =>
              !!pot(c) &&
              c.world
                .children((pot(c) as Thing).id)
                .some((x) => x.substance === "water" && c.world.matter(x) === "liquid"),
          },
          {
            description: "The seed sprouts into a seedling",
            points: 20,
            check: (c) => stageAtLeast(c, ["seedling", "adult", "reproducing"]),
          },
          {
            description: "The plant grows to an adult",
            points: 20,
            check: (c) => stageAtLeast(c, ["adult", "reproducing"]),
          },
          {
            description: "The plant reaches the reproducing stage",
            points: 20,
            check: (c) => stageAtLeast(c, ["reproducing"]),
          },
        ],
        focusOk: (c, t) => t.id === c.roles.seed,
        failure: noFailure,
      };
    }
    case "circuit":
      return {
        subgoals: [
          { description: `Focus on the ${v.device}`, points: 20, check: (c) => focused(c, "device") },
          {
            description: `Connect a wire to the ${v.device}`,
            points: 20,
            check: (c) => c.world.degree(c.roles.device) > 0,
          },
          {
            description: `Wire the ${v.device} and the battery together`,
            points: 20,
            check: (c) => c.world.wiredGroup(c.roles.device).has(c.roles.battery),
          },
          {
            description: `The ${v.device} is powered`,
            points: 40,
            check: (c) => c.world.powered().has(c.roles.device),
          },
        ],
        focusOk: (c, t) => t.id === c.roles.device,
        failure: noFailure,
      };
    case "conductivity": {
      const rightBox = v.conductive ? "conductiveBox" : "nonconductiveBox";
      const wrongBox = v.conductive ? "nonconductiveBox" : "conductiveBox";
      const tested = (c: CheckContext) =>
        c.world.loops().some((loop) => {
          const members = loop.map((id) => c.world.get(id));
          return (
            loop.includes(c.roles.object) &&
            members.some((m) => m.electric === "battery") &&
            members.some((m) => m.electric && m.electric !== "battery" && m.electric !== "wire")
          );
        });
      return {
        subgoals: [
          { description: `Focus on the ${v.object}`, points: 20, check: (c) => focused(c, "object") },
          {
            description: `Put the ${v.object} in a closed circuit with the battery and a light bulb`,
            points: 40,
            check: tested,
          },
          {
            description: `Put the ${v.object} in the ${v.conductive ? v.conductiveBox : v.nonconductiveBox}`,
            points: 40,
            check: (c) => within(c, role(c, "object"), rightBox),
          },
        ],
        focusOk: (c, t) => t.id === c.roles.object,
        failure: (c) => (within(c, role(c, "object"), wrongBox) ? `the ${v.object} was put in the wrong box` : null),
      };
    }
  }
}

/** Follows one session's progress through its subgoals. */
export class Tracker {
  private reached = 0;
  private failed: string | null = null;

  constructor(readonly rules: TaskRules) {}

  get total(): number {
    return this.rules.subgoals.length;
  }

  /** Subgoals achieved (0 once the task has failed). */
  get achieved(): number {
    return this.failed ? 0 : this.reached;
  }

  get complete(): boolean {
    return !this.failed && this.reached === this.total;
  }

  get failure(): string | null {
    return this.failed;
  }

  get over(): boolean {
    return this.complete || this.failed !== null;
  }

  get reward(): number {
    if (this.failed) return 0;
    if (this.complete) return 1;
    return this.rules.subgoals.slice(0, this.reached).reduce((sum, g) => sum + g.points, 0) / 100;
  }

  /** Descriptions of the subgoals, marking those achieved. */
  checklist(): Array<{ description: string; done: boolean }> {
    return this.rules.subgoals.map((g, i) => ({ description: g.description, done: !this.failed && i < this.reached }));
  }

  fail(reason: string): void {
    if (!this.over) this.failed = reason;
  }

  /** Re-checks the world: advances through every subgoal that now holds, in order. */
  update(c: CheckContext): void {
    if (this.over) return;
    const why = this.rules.failure(c);
    if (why) {
      this.failed = why;
      return;
    }
    while (this.reached < this.total && this.rules.subgoals[this.reached].check(c)) this.reached++;
  }
}
