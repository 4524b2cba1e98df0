/**
 * A known-good solution for every variation, as sub-tasks of exact `act` calls.
 *
 * One agent walks one house, so each sub-task starts where the previous one left the agent
 * (and relies on the doors it opened): the sub-tasks form a chain.
 */
import type { ReferenceAction, ReferenceSolution, ReferenceSubtask } from "../types.js";
import { CLOSED_AT_START, DOORS, SURFACE, type RoomName } from "./layout.js";
import { WAIT_TICKS } from "./parser.js";
import type { ScienceTask, StateChangeVariation } from "./tasks.js";
import { ACT_TOOL_NAME } from "./tools.js";
import { SUBSTANCES } from "./world.js";

/** Waits after starting to heat or cool something (each `wait` is WAIT_TICKS ticks). */
const CHANGE_WAITS = 1;
/** Waits for a watered seed to reach the reproducing stage. */
const GROW_WAITS = 3;

/** Shortest room-to-room path (rooms after `from`, ending with `to`). */
export function route(from: RoomName, to: RoomName): RoomName[] {
  const prev = new Map<RoomName, RoomName | null>([[from, null]]);
  const queue: RoomName[] = [from];
  while (queue.length) {
    const cur = queue.shift() as RoomName;
    if (cur === to) break;
    for (const [a, b] of DOORS) {
      const next = a === cur ? b : b === cur ? a : null;
      if (next && !prev.has(next)) {
        prev.set(next, cur);
        queue.push(next);
      }
    }
  }
  const path: RoomName[] = [];
  for (let cur: RoomName | null | undefined = to; cur && cur !== from; cur = prev.get(cur)) path.unshift(cur);
  return path;
}

/** Writes actions while tracking where the agent is and what it has opened. */
class Script {
  private readonly opened = new Set<string>();
  private pending: ReferenceAction[] = [];
  readonly subtasks: ReferenceSubtask[] = [];

  constructor(private room: RoomName) {}

  act(...commands: string[]): this {
    for (const action of commands) this.pending.push({ tool: ACT_TOOL_NAME, args: { action } });
    return this;
  }

  goTo(to: RoomName): this {
    for (const next of route(this.room, to)) {
      const door = [this.room, next].sort().join("|");
      if (!this.opened.has(door)) {
        this.act(`open door to ${next}`);
        this.opened.add(door);
      }
      this.act(`go to ${next}`);
      this.room = next;
    }
    return this;
  }

  /** Opens a container that starts closed, once. */
  open(container: string): this {
    if (CLOSED_AT_START.has(container) && !this.opened.has(container)) {
      this.act(`open ${container}`);
      this.opened.add(container);
    }
    return this;
  }

  waits(n: number): this {
    for (let i = 0; i < n; i++) this.act("wait");
    return this;
  }

  /** Closes the actions written since the last sub-task into a new one. */
  subtask(spec: string): this {
    const id = `s${this.subtasks.length + 1}`;
    const deps = this.subtasks.length ? [this.subtasks[this.subtasks.length - 1].id] : [];
    this.subtasks.push({ id, spec, deps, actions: this.pending });
    this.pending = [];
    return this;
  }
}

function heat(s: Script, v: StateChangeVariation, what: string, goal: string): void {
  if (v.via === "fire pit") {
    s.act("pick up metal pot")
      .goTo("outside")
      .act("move metal pot to fire pit", "activate fire pit")
      .waits(CHANGE_WAITS);
    s.subtask(
      `Carry the metal pot holding the ${what} from the kitchen to the fire pit outside, light the fire pit, and wait until the ${what} ${goal}.`,
    );
    return;
  }
  if (v.via === "oven") s.open("oven");
  s.act(`move metal pot to ${v.via}`, `activate ${v.via}`).waits(CHANGE_WAITS);
  s.subtask(
    `In the kitchen, put the metal pot holding the ${what} ${v.via === "oven" ? "in the oven" : "on the stove"}, turn the ${v.via} on, and wait until the ${what} ${goal}.`,
  );
}

function fetchPhrase(v: StateChangeVariation): string {
  return `the ${v.spot} in the ${v.room}`;
}

/** The reference solution of one task (replayed by the offline simulator; never shown to a model). */
export function referenceFor(task: ScienceTask): ReferenceSolution {
  const v = task.variation;
  const s = new Script(v.start);
  switch (v.type) {
    case "boil":
    case "melt":
    case "freeze": {
      const names = SUBSTANCES[v.substance].names;
      const start = v.type === "melt" ? names.solid : names.liquid;
      s.goTo(v.room).open(v.spot).act(`focus on ${start}`);
      if (v.holder) {
        s.act(`pick up ${v.holder}`).subtask(
          `Go to ${fetchPhrase(v)}, focus on the ${start} in the ${v.holder} there, and pick up the ${v.holder}.`,
        );
      } else {
        s.act(`pick up ${start}`).subtask(`Go to ${fetchPhrase(v)}, focus on the ${start} there, and pick it up.`);
      }
      if (v.type === "freeze") {
        s.goTo("kitchen").open("freezer").act(`move ${v.holder} to freezer`).waits(CHANGE_WAITS);
        s.subtask(
          `Carry the ${v.holder} of ${start} to the kitchen, put it in the freezer, and wait until the ${start} freezes solid.`,
        );
        return { subtasks: s.subtasks, answer: `Froze the ${start}: it turned into ${names.solid} in the freezer.` };
      }
      s.goTo("kitchen")
        .open("cupboard")
        .act(v.holder ? `pour ${v.holder} into metal pot` : `move ${start} to metal pot`);
      s.subtask(
        `Take the ${start} you are carrying to the kitchen and ${v.holder ? `pour it from the ${v.holder}` : "put it"} into the metal pot in the kitchen cupboard.`,
      );
      if (v.type === "boil") {
        heat(s, v, start, "boils");
        return { subtasks: s.subtasks, answer: `Boiled the ${start}: it turned into ${names.gas} on the ${v.via}.` };
      }
      heat(s, v, start, "melts");
      return { subtasks: s.subtasks, answer: `Melted the ${start}: it turned into ${names.liquid} on the ${v.via}.` };
    }
    case "thermometer": {
      const hot = v.temperature > v.threshold;
      const box = hot ? v.aboveBox : v.belowBox;
      s.goTo(v.thermometerRoom).act("pick up thermometer", "focus on thermometer");
      s.subtask(
        `Go to the ${v.thermometerRoom}, pick up the thermometer from the ${SURFACE[v.thermometerRoom]}, and focus on it.`,
      );
      s.goTo(v.substanceRoom).act(`focus on ${v.substance}`, `use thermometer on ${v.substance}`);
      s.subtask(
        `Go to the ${v.substanceRoom}, focus on the ${v.substance} on the ${SURFACE[v.substanceRoom]}, and measure its temperature with the thermometer you carry.`,
      );
      s.act(`pick up ${v.substance}`).goTo(v.boxRoom).act(`move ${v.substance} to ${box}`);
      s.subtask(
        `The ${v.substance} measured ${Math.round(v.temperature)} degrees celsius, ${hot ? "above" : "below"} ${v.threshold}: ` +
          `pick it up and put it in the ${box} in the ${v.boxRoom}.`,
      );
      return {
        subtasks: s.subtasks,
        answer: `The ${v.substance} was ${Math.round(v.temperature)} degrees celsius; I put it in the ${box}.`,
      };
    }
    case "find-living": {
      const NONLIVING: Record<string, string> = {
        kitchen: "glass cup",
        bathroom: "towel",
        hallway: "umbrella",
        workshop: "hammer",
      };
      let focus: string;
      let carry: string;
      let room: RoomName;
      if (v.category === "plant") [focus, carry, room] = ["fern", "clay pot", "greenhouse"];
      else if (v.category === "non-living thing")
        [focus, carry, room] = [NONLIVING[v.boxRoom], NONLIVING[v.boxRoom], v.boxRoom];
      else [focus, carry, room] = [v.animals[0], v.animals[0], "outside"];
      s.goTo(room).act(`focus on ${focus}`, `pick up ${carry}`);
      s.subtask(
        `Go to the ${room}, focus on the ${focus} (${an(v.category)}), and pick up ${carry === focus ? "it" : `the ${carry} it grows in`}.`,
      );
      s.goTo(v.boxRoom).act(`move ${carry} to ${v.box}`);
      s.subtask(`Take the ${carry} you are carrying to the ${v.boxRoom} and put it in the ${v.box}.`);
      return {
        subtasks: s.subtasks,
        answer: `Found the ${focus} (${an(v.category)}) and moved it to the ${v.box} in the ${v.boxRoom}.`,
      };
    }
    case "grow-plant": {
      const seed = `${v.species} seed`;
      s.goTo(v.seedRoom).act("open seed jar", `focus on ${seed}`, `pick up ${seed}`);
      s.subtask(
        `Go to the ${v.seedRoom}, open the seed jar on the ${SURFACE[v.seedRoom]}, focus on the ${seed}, and pick it up.`,
      );
      let vessel = "watering can";
      if (v.water === "sink") {
        vessel = "glass cup";
        s.goTo("kitchen").act("move glass cup to sink", "activate sink", "deactivate sink", "pick up glass cup");
        s.subtask(
          "In the kitchen, fill the glass cup from the counter with water at the sink, turn the sink off again, and pick up the cup.",
        );
      }
      s.goTo("greenhouse").act(`move ${seed} to flower pot`, `pour ${vessel} into flower pot`);
      s.subtask(`In the greenhouse, plant the ${seed} in the flower pot of soil and water it from the ${vessel}.`);
      s.waits(GROW_WAITS);
      s.subtask(
        `Wait until the ${v.species} plant in the greenhouse flower pot reaches the reproducing stage (about ${GROW_WAITS * WAIT_TICKS} ticks).`,
      );
      return {
        subtasks: s.subtasks,
        answer: `Grew the ${v.species} seed into a flowering ${v.species} plant in the greenhouse flower pot.`,
      };
    }
    case "circuit": {
      const [w1, w2] = v.wires;
      if (v.batteryRoom !== "workshop") {
        s.goTo(v.batteryRoom).act("pick up battery").goTo("workshop").act("put down battery");
        s.subtask(
          `Fetch the battery from the ${SURFACE[v.batteryRoom]} in the ${v.batteryRoom} and put it down in the workshop.`,
        );
      }
      s.goTo("workshop").act(`focus on ${v.device}`);
      s.subtask(`Go to the workshop and focus on the ${v.device} on the workbench.`);
      s.act(
        `connect battery to ${w1}`,
        `connect ${w1} to ${v.device}`,
        `connect ${v.device} to ${w2}`,
        `connect ${w2} to battery`,
      );
      s.subtask(
        `In the workshop, close a circuit battery -> ${w1} -> ${v.device} -> ${w2} -> battery so the ${v.device} is powered.`,
      );
      return {
        subtasks: s.subtasks,
        answer: `Powered the ${v.device} with a closed circuit through the battery, the ${w1} and the ${w2}.`,
      };
    }
    case "conductivity": {
      const box = v.conductive ? v.conductiveBox : v.nonconductiveBox;
      s.goTo(v.objectRoom).act(`focus on ${v.object}`, `pick up ${v.object}`);
      s.subtask(`Go to the ${v.objectRoom}, focus on the ${v.object} on the ${SURFACE[v.objectRoom]}, and pick it up.`);
      s.goTo("workshop").act(
        `connect battery to ${v.object}`,
        `connect ${v.object} to light bulb`,
        "connect light bulb to battery",
        "look at light bulb",
      );
      s.subtask(
        `In the workshop, put the ${v.object} you carry in a circuit battery -> ${v.object} -> light bulb -> battery and see whether the light bulb turns on.`,
      );
      s.goTo(v.boxRoom).act(`move ${v.object} to ${box}`);
      s.subtask(
        `The ${v.object} ${v.conductive ? "conducts" : "does not conduct"} electricity: put it in the ${box} in the ${v.boxRoom}.`,
      );
      return {
        subtasks: s.subtasks,
        answer: `The ${v.object} is electrically ${v.conductive ? "conductive" : "nonconductive"}; I put it in the ${box}.`,
      };
    }
  }
}

const an = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
