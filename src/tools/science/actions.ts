/**
 * Carrying out a parsed command on the world. A rejected command changes nothing (and no
 * time passes); an accepted one reports what happened and how many ticks it takes.
 * Task-level effects (focus, thermometer readings, merged substances) go through `Hooks`.
 */
import { describeDoor, describeInventory, describeRoom, describeThing, whereabouts } from "./describe.js";
import { stripArticle, type Command, type PairVerb, type SingleVerb } from "./parser.js";
import type { Door, Thing, World } from "./world.js";

export interface ActionResult {
  ok: boolean;
  text: string;
  /** Ticks of simulated time the action takes (0 when rejected). */
  ticks: number;
}

export interface Hooks {
  /** The agent focused on a thing; returns the observation (the task decides if it was right). */
  onFocus(t: Thing): string;
  /** A thermometer was used on a thing. */
  onMeasure(t: Thing): void;
  /** Pouring merged substance `removed` into `kept`; roles pointing at `removed` must follow. */
  onMerge(removed: Thing, kept: Thing): void;
}

type Target = { kind: "thing"; thing: Thing } | { kind: "door"; door: Door };
type Resolved = { ok: true; target: Target } | { ok: false; error: string };

const reject = (text: string): ActionResult => ({ ok: false, text, ticks: 0 });
const done = (text: string, ticks = 1): ActionResult => ({ ok: true, text, ticks });

function doorNames(w: World, d: Door): string[] {
  const to = d.a === w.agentRoom ? d.b : d.a;
  return [`door to ${to}`, `${to} door`, `door to the ${to}`];
}

/** Names of what is in view, for "not found" messages. */
export function visibleNames(w: World): string[] {
  const names = w.accessible().map((t) => w.nameOf(t));
  for (const { to } of w.exits(w.agentRoom)) names.push(`door to ${to}`);
  return [...new Set(names)];
}

/** Case-insensitive name match (the phrase is already lower-case). */
function answersTo(w: World, t: Thing, phrase: string): boolean {
  return w.namesOf(t).some((n) => n.toLowerCase() === phrase);
}

/** Finds the object a phrase names among the things in view; "X in Y" narrows by container. */
export function resolve(w: World, raw: string): Resolved {
  const p = stripArticle(raw);
  const things = w.accessible();
  const hits = things.filter((t) => answersTo(w, t, p));
  const doors = w.exits(w.agentRoom).filter(({ door }) => doorNames(w, door).includes(p));
  if (hits.length + doors.length === 1) {
    return {
      ok: true,
      target: hits.length ? { kind: "thing", thing: hits[0] } : { kind: "door", door: doors[0].door },
    };
  }
  if (hits.length + doors.length > 1) {
    const options = [
      ...hits.map((t) => `${w.nameOf(t)} (${whereabouts(w, t)})`),
      ...doors.map(({ to }) => `door to ${to}`),
    ].join(", ");
    const first = hits[0]?.parent == null ? undefined : w.get(hits[0].parent);
    const hint =
      first && first.container && first.id !== w.inventoryId && !w.isRoom(first)
        ? ` Say e.g. "${p} ${first.container.preposition} ${w.nameOf(first)}".`
        : "";
    return { ok: false, error: `"${p}" is ambiguous: ${options}.${hint}` };
  }
  for (const joiner of [" in ", " on "]) {
    let at = p.indexOf(joiner);
    while (at > 0) {
      const inner = p.slice(0, at).trim();
      const outer = resolve(w, p.slice(at + joiner.length));
      if (outer.ok && outer.target.kind === "thing") {
        const holder = outer.target.thing;
        const inside = things.filter((t) => t.parent === holder.id && answersTo(w, t, stripArticle(inner)));
        if (inside.length === 1) return { ok: true, target: { kind: "thing", thing: inside[0] } };
      }
      at = p.indexOf(joiner, at + 1);
    }
  }
  const seen = visibleNames(w);
  return { ok: false, error: `There is no "${p}" here. You can see: ${seen.length ? seen.join(", ") : "nothing"}.` };
}

function resolveThing(w: World, raw: string): { ok: true; thing: Thing } | { ok: false; error: string } {
  const r = resolve(w, raw);
  if (!r.ok) return r;
  if (r.target.kind === "door") return { ok: false, error: `You can't do that with a door.` };
  return { ok: true, thing: r.target.thing };
}

/** Runs a parsed command; on rejection the world is exactly as before. */
export function execute(w: World, cmd: Command, hooks: Hooks): ActionResult {
  switch (cmd.kind) {
    case "look":
      return done(describeRoom(w));
    case "inventory":
      return done(describeInventory(w));
    case "wait":
      return done(`You wait for ${cmd.ticks} tick${cmd.ticks === 1 ? "" : "s"}.`, cmd.ticks);
    case "goTo":
      return goTo(w, cmd.place);
    case "single":
      return single(w, cmd.verb, cmd.obj, hooks);
    case "pair":
      return pair(w, cmd.verb, cmd.splits, hooks);
  }
}

function exitList(w: World): string {
  return w
    .exits(w.agentRoom)
    .map(({ to, door }) => `${to} (door ${door.open ? "open" : "closed"})`)
    .join(", ");
}

function goTo(w: World, place: string): ActionResult {
  if (place === w.agentRoom) return reject(`You are already in the ${place}.`);
  const exit = w.exits(w.agentRoom).find(({ to }) => to === place);
  if (!exit) {
    const what = w.rooms.has(place)
      ? `The ${place} is not connected to the ${w.agentRoom}.`
      : `There is no place called "${place}".`;
    return reject(`${what} From the ${w.agentRoom} you can go to: ${exitList(w)}.`);
  }
  if (!exit.door.open) return reject(`The door to the ${place} is closed. Open it first ("open door to ${place}").`);
  // Wires cannot stretch between rooms: carried things lose connections to things left behind.
  w.connections = w.connections.filter(
    ([a, b]) => w.isWithin(w.get(a), w.inventoryId) === w.isWithin(w.get(b), w.inventoryId),
  );
  w.agentRoom = place;
  return done(`You move to the ${place}.\n${describeRoom(w)}`);
}

function single(w: World, verb: SingleVerb, obj: string, hooks: Hooks): ActionResult {
  const r = resolve(w, obj);
  if (!r.ok) return reject(r.error);
  if (r.target.kind === "door") return doorAction(w, verb, r.target.door);
  const t = r.target.thing;
  const name = w.nameOf(t);
  switch (verb) {
    case "lookAt":
      return done(describeThing(w, t));
    case "lookIn":
      if (!t.container) return reject(`The ${name} is not a container.`);
      if (!w.isOpen(t)) return reject(`The ${name} is closed.`);
      return done(describeThing(w, t));
    case "open":
    case "close": {
      if (!t.container?.closable) return reject(`The ${name} can't be opened or closed.`);
      const want = verb === "open";
      if (t.container.open === want) return reject(`The ${name} is already ${want ? "open" : "closed"}.`);
      t.container.open = want;
      return done(`The ${name} is now ${want ? "open" : "closed"}.`);
    }
    case "pickUp": {
      if (t.parent === w.inventoryId) return reject(`You are already holding the ${name}.`);
      const matter = w.matter(t);
      if (matter === "liquid" || matter === "gas")
        return reject(`You can't pick up ${name} with your hands. Pick up or pour its container instead.`);
      if (!t.portable) return reject(`The ${name} can't be picked up.`);
      return done(`You move the ${name} to the inventory.${lostNote(w.moveTo(t, w.inventoryId))}`);
    }
    case "putDown": {
      if (!w.isWithin(t, w.inventoryId)) return reject(`You are not holding the ${name}.`);
      return done(`You put down the ${name}.${lostNote(w.moveTo(t, w.room(w.agentRoom).id))}`);
    }
    case "activate":
    case "deactivate": {
      const a = t.appliance;
      if (!a?.switchable) return reject(`The ${name} can't be ${verb}d.`);
      const want = verb === "activate";
      if (a.active === want) return reject(`The ${name} is already ${want ? "on" : "off"}.`);
      a.active = want;
      return done(`The ${name} is now ${want ? "activated" : "deactivated"}.`);
    }
    case "focus":
      return done(hooks.onFocus(t));
    case "disconnect": {
      const lost = w.disconnect(t.id);
      if (!lost.length) return reject(`The ${name} is not connected to anything.`);
      return done(`You disconnect the ${name} from the ${lost.join(" and the ")}.`);
    }
    case "useAlone":
      return reject(`Use the ${name} on what? Say "use ${name} on OBJ".`);
  }
}

function doorAction(w: World, verb: SingleVerb, door: Door): ActionResult {
  const to = door.a === w.agentRoom ? door.b : door.a;
  if (verb === "lookAt") return done(describeDoor(w, door));
  if (verb === "open" || verb === "close") {
    const want = verb === "open";
    if (door.open === want) return reject(`The door to the ${to} is already ${want ? "open" : "closed"}.`);
    door.open = want;
    return done(`The door to the ${to} is now ${want ? "open" : "closed"}.`);
  }
  return reject(`You can't do that with the door to the ${to}. Doors can be opened, closed and looked at.`);
}

function lostNote(lost: string[]): string {
  return lost.length ? ` (This disconnects it from the ${lost.join(" and the ")}.)` : "";
}

function pair(w: World, verb: PairVerb, splits: Array<[string, string]>, hooks: Hooks): ActionResult {
  let firstError: string | null = null;
  let rightError: string | null = null;
  for (const [left, right] of splits) {
    const a = resolveThing(w, left);
    if (!a.ok) {
      firstError ??= a.error;
      continue;
    }
    const b = resolveThing(w, right);
    if (!b.ok) {
      rightError ??= b.error;
      continue;
    }
    return pairOn(w, verb, a.thing, b.thing, hooks);
  }
  return reject(rightError ?? firstError ?? "I could not tell the two objects apart.");
}

/** Why `into` cannot receive `t` (null when it can). */
function cannotHold(w: World, t: Thing, into: Thing): string | null {
  const name = w.nameOf(into);
  if (!into.container) return `The ${name} is not a container.`;
  if (!w.isOpen(into)) return `The ${name} is closed.`;
  if (w.isWithin(into, t.id)) return `You can't put the ${w.nameOf(t)} inside itself.`;
  if (t.parent === into.id) return `The ${w.nameOf(t)} is already ${into.container.preposition} the ${name}.`;
  return null;
}

function pairOn(w: World, verb: PairVerb, a: Thing, b: Thing, hooks: Hooks): ActionResult {
  const an = w.nameOf(a);
  const bn = w.nameOf(b);
  switch (verb) {
    case "move": {
      const matter = w.matter(a);
      if (matter === "liquid" || matter === "gas") return pour(w, a, b, hooks);
      if (!a.portable) return reject(`The ${an} can't be moved.`);
      const why = cannotHold(w, a, b);
      if (why) return reject(why);
      return done(`You move the ${an} to the ${bn}.${lostNote(w.moveTo(a, b.id))}`);
    }
    case "pour":
      return pour(w, a, b, hooks);
    case "use": {
      if (!a.thermometer)
        return reject(
          `Nothing happens when you use the ${an} on the ${bn}. (Only a thermometer can be used on things.)`,
        );
      hooks.onMeasure(b);
      return done(`The ${an} measures a temperature of ${Math.round(b.temperature)} degrees celsius.`);
    }
    case "connect": {
      if (a.id === b.id) return reject(`You can't connect the ${an} to itself.`);
      for (const t of [a, b]) {
        if (!connectable(w, t)) return reject(`The ${w.nameOf(t)} has nothing to attach a wire to.`);
        if (w.degree(t.id) >= 2) return reject(`Both terminals of the ${w.nameOf(t)} are already connected.`);
      }
      w.connect(a.id, b.id);
      return done(`The ${an} is now connected to the ${bn}.`);
    }
  }
}

/** Anything small and solid can be put in a circuit (to test whether it conducts). */
export function connectable(w: World, t: Thing): boolean {
  if (t.electric) return true;
  const m = w.matter(t);
  return t.portable && !t.living && !t.container && (m === null || m === "solid");
}

function pour(w: World, a: Thing, into: Thing, hooks: Hooks): ActionResult {
  const an = w.nameOf(a);
  const fluid = (t: Thing) => {
    const m = w.matter(t);
    return m === "liquid" || m === "gas";
  };
  let moving: Thing[];
  if (a.substance) {
    if (!fluid(a)) return reject(`The ${an} is a solid and does not pour. Move it instead.`);
    moving = [a];
  } else if (a.container) {
    if (!w.isOpen(a)) return reject(`The ${an} is closed.`);
    moving = w.children(a.id).filter(fluid);
    if (!moving.length) return reject(`There is nothing to pour out of the ${an}.`);
  } else return reject(`The ${an} can't be poured.`);
  for (const m of moving) {
    const why = cannotHold(w, m, into);
    if (why) return reject(why);
  }
  const names = moving.map((m) => w.nameOf(m));
  for (const m of moving) {
    const same = w.children(into.id).find((x) => x.substance === m.substance && x.id !== m.id);
    w.moveTo(m, into.id);
    if (same) {
      m.temperature = (m.temperature + same.temperature) / 2;
      hooks.onMerge(same, m);
      w.remove(same);
    }
  }
  return done(`You pour the ${names.join(" and the ")} into the ${w.nameOf(into)}.`);
}
