/**
 * Text the agent reads: room descriptions, object descriptions and the inventory, in the
 * ScienceWorld manner ("This room is called the kitchen. In it, you see: ...").
 */
import { type Door, type Thing, type World } from "./world.js";

/** "a stove", "an apple seed", "water" (substances take no article). */
export function phrase(w: World, t: Thing): string {
  const name = w.nameOf(t);
  if (t.substance || t.soil) return name;
  return `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`;
}

/** Short state note ("turned on", "off", "buzzing"), or "" when there is nothing to say. */
function state(t: Thing, powered: Set<number>): string {
  if (t.appliance?.switchable) return `turned ${t.appliance.active ? "on" : "off"}`;
  if (t.electric === "bulb") return powered.has(t.id) ? "on" : "off";
  if (t.electric === "buzzer") return powered.has(t.id) ? "buzzing" : "silent";
  if (t.electric === "motor") return powered.has(t.id) ? "spinning" : "still";
  return "";
}

/** "a stove, which is turned off", "an apple plant in the seedling stage". */
function status(t: Thing, powered: Set<number>): string {
  const s = state(t, powered);
  if (s) return `, which is ${s}`;
  const life = t.living;
  if (life?.grows && life.alive && life.stage !== "seed") return ` in the ${life.stage} stage`;
  return "";
}

/** Inline form used inside lists: "a glass cup (containing water)". */
function inline(w: World, t: Thing, powered: Set<number>): string {
  const note = state(t, powered);
  let s = phrase(w, t) + (note ? ` (${note})` : status(t, powered));
  if (t.container) {
    if (!w.isOpen(t)) s += " (closed)";
    else {
      const inside = w.children(t.id);
      if (inside.length)
        s += ` (${t.container.preposition === "on" ? "holding" : "containing"} ${inside.map((c) => inline(w, c, powered)).join(", ")})`;
    }
  }
  return s;
}

function contentsSentence(w: World, t: Thing, powered: Set<number>): string {
  if (!t.container) return "";
  const name = w.nameOf(t);
  if (!w.isOpen(t)) return ` The ${name} is closed.`;
  const inside = w.children(t.id);
  const prep = t.container.preposition === "on" ? "On" : "In";
  return ` ${prep} the ${name} is: ${inside.length ? inside.map((c) => inline(w, c, powered)).join(", ") : "nothing"}.`;
}

function doorLine(w: World, door: Door): string {
  const to = door.a === w.agentRoom ? door.b : door.a;
  return `A door to the ${to} (which is ${door.open ? "open" : "closed"})`;
}

/** What `look around` shows: the room's contents, then its doors. */
export function describeRoom(w: World): string {
  const powered = w.powered();
  const room = w.room(w.agentRoom);
  const lines = [`This room is called the ${w.agentRoom}. In it, you see:`];
  for (const t of w.children(room.id))
    lines.push(`\t${phrase(w, t)}${status(t, powered)}.${contentsSentence(w, t, powered)}`);
  lines.push("You also see:");
  for (const { door } of w.exits(w.agentRoom)) lines.push(`\t${doorLine(w, door)}`);
  return lines.join("\n");
}

/** What `look at` shows. Temperatures stay hidden: reading one takes a thermometer. */
export function describeThing(w: World, t: Thing): string {
  const powered = w.powered();
  const head = t.substance ? `a substance called ${w.nameOf(t)}` : `${phrase(w, t)}${status(t, powered)}`;
  const parts = [`${head}.`];
  const matter = w.matter(t);
  if (t.substance && matter) parts.push(`It is a ${matter}.`);
  if (t.living) {
    if (!t.living.alive) parts.push("It is dead.");
    else if (t.living.grows && t.living.stage === "reproducing") parts.push("It is flowering.");
    else parts.push("It is alive.");
  }
  if (t.thermometer) parts.push(`It reads ${Math.round(t.temperature)} degrees celsius.`);
  if (t.description) parts.push(t.description);
  const links = w.connectedTo(t.id);
  if (links.length) parts.push(`It is connected to: ${links.map((l) => `the ${w.nameOf(l)}`).join(", ")}.`);
  parts.push(contentsSentence(w, t, powered).trim());
  return parts.filter(Boolean).join(" ");
}

/** What `look at door to X` shows. */
export function describeDoor(w: World, door: Door): string {
  return `${doorLine(w, door)}, between the ${door.a} and the ${door.b}.`;
}

/** What `inventory` shows. */
export function describeInventory(w: World): string {
  const powered = w.powered();
  const held = w.children(w.inventoryId);
  return held.length
    ? `In your inventory, you see:\n${held.map((t) => `\t${inline(w, t, powered)}`).join("\n")}`
    : "Your inventory is empty.";
}

/** How a thing's whereabouts read in disambiguation lists: "in the glass cup", "in your inventory". */
export function whereabouts(w: World, t: Thing): string {
  if (t.parent === null) return "";
  if (t.parent === w.inventoryId) return "in your inventory";
  const p = w.get(t.parent);
  if (w.isRoom(p)) return `on the floor of the ${p.name}`;
  return `${p.container?.preposition ?? "in"} the ${w.nameOf(p)}`;
}
