/**
 * The science world: rooms, doors and objects with physical properties, and the physics
 * that runs one tick at a time (heat flow, changes of state, plant growth, taps, circuits).
 *
 * Everything lives in one table of `Thing`s joined by `parent` links: a room or the
 * agent's inventory is a Thing too, so "where is X" is always a walk up the parents.
 */

export type Matter = "solid" | "liquid" | "gas";

/** A substance changes name with its state: ice / water / steam. */
export interface SubstanceInfo {
  names: Record<Matter, string>;
  /** Degrees Celsius. */
  melt: number;
  boil: number;
  conductive: boolean;
}

export const SUBSTANCES = {
  water: { names: { solid: "ice", liquid: "water", gas: "steam" }, melt: 0, boil: 100, conductive: false },
  "orange juice": {
    names: { solid: "frozen orange juice", liquid: "orange juice", gas: "orange juice vapor" },
    melt: -2,
    boil: 101,
    conductive: false,
  },
  "apple juice": {
    names: { solid: "frozen apple juice", liquid: "apple juice", gas: "apple juice vapor" },
    melt: -2,
    boil: 101,
    conductive: false,
  },
  milk: { names: { solid: "frozen milk", liquid: "milk", gas: "milk vapor" }, melt: -1, boil: 100, conductive: false },
  chocolate: {
    names: { solid: "chocolate", liquid: "liquid chocolate", gas: "chocolate vapor" },
    melt: 34,
    boil: 400,
    conductive: false,
  },
  butter: {
    names: { solid: "butter", liquid: "liquid butter", gas: "butter vapor" },
    melt: 33,
    boil: 350,
    conductive: false,
  },
  wax: { names: { solid: "wax", liquid: "liquid wax", gas: "wax vapor" }, melt: 60, boil: 370, conductive: false },
  lead: { names: { solid: "lead", liquid: "liquid lead", gas: "lead vapor" }, melt: 327, boil: 1749, conductive: true },
} satisfies Record<string, SubstanceInfo>;

export type SubstanceKey = keyof typeof SUBSTANCES;

export interface ContainerInfo {
  /** "on" for surfaces (counter, stove), "in" for boxes, pots, fridges. */
  preposition: "in" | "on";
  closable: boolean;
  open: boolean;
}

/** Heaters and coolers pull their own temperature toward `setPoint`; taps fill containers. */
export interface ApplianceInfo {
  kind: "heater" | "cooler" | "tap";
  /** Coolers (fridge, freezer) run all the time and cannot be switched. */
  switchable: boolean;
  active: boolean;
  setPoint: number;
}

export type Stage = "seed" | "seedling" | "adult" | "reproducing";
export const STAGES: readonly Stage[] = ["seed", "seedling", "adult", "reproducing"];

export interface LivingInfo {
  kind: "plant" | "animal";
  species: string;
  alive: boolean;
  stage: Stage;
  /** Only plants grown from seed go through stages and need soil and water. */
  grows: boolean;
  /** Ticks of growth toward the next stage. */
  growth: number;
  /** Ticks without water since sprouting. */
  dry: number;
}

export type ElectricRole = "battery" | "wire" | "bulb" | "buzzer" | "motor";

export interface Thing {
  id: number;
  /** Display name; substances and seed-grown plants derive theirs from their state instead. */
  name: string;
  aliases: string[];
  parent: number | null;
  /** Set on room Things: the air temperature everything in the room drifts toward. */
  ambient?: number;
  portable: boolean;
  temperature: number;
  /** Fraction of the gap to the surrounding temperature closed per tick (heat capacity). */
  thermalRate: number;
  conductive: boolean;
  container?: ContainerInfo;
  substance?: SubstanceKey;
  appliance?: ApplianceInfo;
  living?: LivingInfo;
  electric?: ElectricRole;
  soil?: boolean;
  thermometer?: boolean;
  description?: string;
}

/** What `World.add` accepts: a name plus any properties that differ from the defaults. */
export type ThingInit = Partial<Omit<Thing, "id" | "parent">> & { name: string };

/** One door joins two rooms; it is "door to B" seen from A and "door to A" seen from B. */
export interface Door {
  a: string;
  b: string;
  open: boolean;
}

/** Temperature limits outside which living things die. */
export const LIFE_MIN_C = -1;
export const LIFE_MAX_C = 50;
/** Ticks a seed needs in wet soil to sprout, then per later stage. */
export const SPROUT_TICKS = 6;
export const STAGE_TICKS = 8;
/** Ticks a sprouted plant survives without water. */
export const DRY_LIMIT = 30;
/** Temperature of tap water. */
export const TAP_WATER_C = 15;

export class World {
  readonly things = new Map<number, Thing>();
  readonly rooms = new Map<string, number>();
  readonly doors: Door[] = [];
  /** Wire connections between two-terminal components; a thing has at most two. */
  connections: Array<[number, number]> = [];
  agentRoom = "";
  /** Ticks elapsed since the start. */
  time = 0;
  readonly inventoryId: number;
  private nextId = 1;

  constructor() {
    this.inventoryId = this.create(
      { name: "inventory", container: { preposition: "in", closable: false, open: true } },
      null,
    ).id;
  }

  private create(init: ThingInit, parent: number | null): Thing {
    const substance = init.substance;
    const thing: Thing = {
      aliases: [],
      portable: false,
      temperature: parent === null ? 20 : this.ambientAt(parent),
      thermalRate: 0.1,
      conductive: substance ? SUBSTANCES[substance].conductive : false,
      ...init,
      id: this.nextId++,
      parent,
    };
    this.things.set(thing.id, thing);
    return thing;
  }

  addRoom(name: string, ambient: number): Thing {
    const room = this.create(
      { name, ambient, temperature: ambient, container: { preposition: "in", closable: false, open: true } },
      null,
    );
    this.rooms.set(name, room.id);
    if (!this.agentRoom) this.agentRoom = name;
    return room;
  }

  /** Adds a thing inside `parent` (a room, container or the inventory). */
  add(init: ThingInit, parent: Thing | number): Thing {
    return this.create(init, typeof parent === "number" ? parent : parent.id);
  }

  addDoor(a: string, b: string, open = false): Door {
    const door = { a, b, open };
    this.doors.push(door);
    return door;
  }

  get(id: number): Thing {
    const t = this.things.get(id);
    if (!t) throw new Error(`no thing #${id}`);
    return t;
  }

  has(id: number): boolean {
    return this.things.has(id);
  }

  room(name: string): Thing {
    const id = this.rooms.get(name);
    if (id === undefined) throw new Error(`no room ${name}`);
    return this.get(id);
  }

  isRoom(t: Thing): boolean {
    return t.ambient !== undefined;
  }

  children(id: number): Thing[] {
    const out: Thing[] = [];
    for (const t of this.things.values()) if (t.parent === id) out.push(t);
    return out;
  }

  /** True when `t` is `ancestorId` or (transitively) inside it. */
  isWithin(t: Thing, ancestorId: number): boolean {
    let cur: Thing | undefined = t;
    while (cur) {
      if (cur.id === ancestorId) return true;
      cur = cur.parent === null ? undefined : this.things.get(cur.parent);
    }
    return false;
  }

  /** The room a thing is in (the agent's room for carried things). */
  roomOf(t: Thing): string | null {
    let cur: Thing | undefined = t;
    while (cur) {
      if (cur.id === this.inventoryId) return this.agentRoom;
      if (this.isRoom(cur)) return cur.name;
      cur = cur.parent === null ? undefined : this.things.get(cur.parent);
    }
    return null;
  }

  matter(t: Thing): Matter | null {
    if (!t.substance) return null;
    const s = SUBSTANCES[t.substance];
    if (t.temperature >= s.boil) return "gas";
    if (t.temperature >= s.melt) return "liquid";
    return "solid";
  }

  nameOf(t: Thing): string {
    if (t.substance) return SUBSTANCES[t.substance].names[this.matter(t) ?? "solid"];
    const life = t.living;
    if (life?.grows) {
      const base = life.stage === "seed" ? `${life.species} seed` : `${life.species} plant`;
      return life.alive ? base : `dead ${base}`;
    }
    if (life && !life.alive) return `dead ${t.name}`;
    return t.name;
  }

  /** Every name the thing answers to. */
  namesOf(t: Thing): string[] {
    return [this.nameOf(t), ...t.aliases];
  }

  isOpen(t: Thing): boolean {
    return !!t.container && (!t.container.closable || t.container.open);
  }

  /** The temperature a thing drifts toward: the nearest heater/cooler around it, else the air. */
  ambientFor(t: Thing): number {
    return t.parent === null ? 20 : this.ambientAt(t.parent);
  }

  private ambientAt(parentId: number): number {
    let cur: Thing | undefined = this.things.get(parentId);
    while (cur) {
      if (cur.appliance && cur.appliance.kind !== "tap") return cur.temperature;
      if (cur.ambient !== undefined) return cur.ambient;
      if (cur.id === this.inventoryId) return this.room(this.agentRoom).ambient ?? 20;
      cur = cur.parent === null ? undefined : this.things.get(cur.parent);
    }
    return 20;
  }

  doorBetween(a: string, b: string): Door | undefined {
    return this.doors.find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a));
  }

  /** Rooms reachable in one step from `room` (through open or closed doors). */
  exits(room: string): Array<{ to: string; door: Door }> {
    const out: Array<{ to: string; door: Door }> = [];
    for (const door of this.doors) {
      if (door.a === room) out.push({ to: door.b, door });
      else if (door.b === room) out.push({ to: door.a, door });
    }
    return out;
  }

  /** Things the agent can see and touch: the room and inventory, through open containers. */
  accessible(): Thing[] {
    const out: Thing[] = [];
    const walk = (id: number) => {
      for (const c of this.children(id)) {
        out.push(c);
        if (this.isOpen(c)) walk(c.id);
      }
    };
    walk(this.rooms.get(this.agentRoom) ?? -1);
    walk(this.inventoryId);
    return out;
  }

  /** Moves a thing; moving breaks its wire connections. Returns the names it was disconnected from. */
  moveTo(t: Thing, parentId: number): string[] {
    const lost = this.disconnect(t.id);
    t.parent = parentId;
    return lost;
  }

  /** Deletes a thing (and anything inside it). */
  remove(t: Thing): void {
    for (const c of this.children(t.id)) this.remove(c);
    this.disconnect(t.id);
    this.things.delete(t.id);
  }

  degree(id: number): number {
    let n = 0;
    for (const [a, b] of this.connections) n += (a === id ? 1 : 0) + (b === id ? 1 : 0);
    return n;
  }

  connect(a: number, b: number): void {
    this.connections.push([a, b]);
  }

  /** Removes all connections of a thing; returns the names of what it was connected to. */
  disconnect(id: number): string[] {
    const lost: string[] = [];
    this.connections = this.connections.filter(([a, b]) => {
      if (a !== id && b !== id) return true;
      const other = this.things.get(a === id ? b : a);
      if (other) lost.push(this.nameOf(other));
      return false;
    });
    return lost;
  }

  connectedTo(id: number): Thing[] {
    const out: Thing[] = [];
    for (const [a, b] of this.connections) {
      if (a === id) out.push(this.get(b));
      if (b === id) out.push(this.get(a));
    }
    return out;
  }

  /** Everything joined to `id` by wires, directly or through other components (includes `id`). */
  wiredGroup(id: number): Set<number> {
    const seen = new Set<number>([id]);
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop() as number;
      for (const [a, b] of this.connections) {
        const next = a === cur ? b : b === cur ? a : null;
        if (next !== null && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  }

  /**
   * Closed loops of the wiring graph. Every component has at most two connections per
   * thing, so a connected group where each member has exactly two is one loop.
   */
  loops(): number[][] {
    const adj = new Map<number, number[]>();
    for (const [a, b] of this.connections) {
      adj.set(a, [...(adj.get(a) ?? []), b]);
      adj.set(b, [...(adj.get(b) ?? []), a]);
    }
    const seen = new Set<number>();
    const out: number[][] = [];
    for (const start of adj.keys()) {
      if (seen.has(start)) continue;
      const group: number[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length) {
        const id = stack.pop() as number;
        group.push(id);
        for (const n of adj.get(id) ?? []) {
          if (!seen.has(n)) {
            seen.add(n);
            stack.push(n);
          }
        }
      }
      if (group.every((id) => (adj.get(id) ?? []).length === 2)) out.push(group.sort((x, y) => x - y));
    }
    return out;
  }

  /** Ids of everything carrying current: members of a loop that holds a battery and conducts throughout. */
  powered(): Set<number> {
    const out = new Set<number>();
    for (const loop of this.loops()) {
      const things = loop.map((id) => this.get(id));
      if (things.some((t) => t.electric === "battery") && things.every((t) => t.conductive)) {
        for (const id of loop) out.add(id);
      }
    }
    return out;
  }

  /** One unit of time: heat flows, states follow temperatures, taps run, plants grow. */
  tick(): void {
    this.time++;
    const targets = new Map<number, number>();
    for (const t of this.things.values()) {
      if (this.isRoom(t) || t.id === this.inventoryId) continue;
      const a = t.appliance;
      if (a && a.kind !== "tap") targets.set(t.id, a.active ? a.setPoint : this.ambientFor(t));
      else targets.set(t.id, this.ambientFor(t));
    }
    for (const [id, target] of targets) {
      const t = this.get(id);
      const rate = t.appliance && t.appliance.kind !== "tap" ? 0.3 : t.thermalRate;
      t.temperature = approach(t.temperature, target, rate);
    }
    for (const t of [...this.things.values()]) {
      if (t.appliance?.kind === "tap" && t.appliance.active) this.runTap(t);
    }
    for (const t of this.things.values()) if (t.living?.alive) this.live(t, t.living);
  }

  private runTap(tap: Thing): void {
    for (const c of this.children(tap.id)) {
      if (!c.container || !this.isOpen(c)) continue;
      const hasWater = this.children(c.id).some((x) => x.substance === "water" && this.matter(x) === "liquid");
      if (!hasWater) this.add({ name: "water", substance: "water", temperature: TAP_WATER_C }, c);
    }
  }

  private live(t: Thing, life: LivingInfo): void {
    if (t.temperature > LIFE_MAX_C || t.temperature < LIFE_MIN_C) {
      life.alive = false;
      return;
    }
    if (life.kind !== "plant" || !life.grows) return;
    const pot = t.parent === null ? undefined : this.things.get(t.parent);
    const around = pot ? this.children(pot.id) : [];
    const soil = around.some((x) => x.soil);
    const water = around.some((x) => x.substance === "water" && this.matter(x) === "liquid");
    if (life.stage === "seed") {
      if (soil && water && ++life.growth >= SPROUT_TICKS) {
        life.stage = "seedling";
        life.growth = 0;
      }
      return;
    }
    if (!(soil && water)) {
      if (++life.dry >= DRY_LIMIT) life.alive = false;
      return;
    }
    life.dry = 0;
    if (life.stage !== "reproducing" && ++life.growth >= STAGE_TICKS) {
      life.stage = STAGES[STAGES.indexOf(life.stage) + 1];
      life.growth = 0;
    }
  }

  /** Everything that defines the world's state, as one string (for "nothing changed" checks). */
  fingerprint(): string {
    return JSON.stringify({
      things: [...this.things.values()],
      doors: this.doors,
      connections: this.connections,
      agentRoom: this.agentRoom,
      time: this.time,
    });
  }
}

/**
 * Newton-style heat flow: close a fraction of the gap each tick. A floor on the step (smaller
 * for high heat capacity) lets temperatures settle instead of creeping forever.
 */
export function approach(current: number, target: number, rate: number): number {
  const gap = target - current;
  const floor = Math.min(0.5, rate * 5);
  if (Math.abs(gap) <= floor) return target;
  const step = gap * rate;
  return current + (Math.abs(step) < floor ? Math.sign(gap) * floor : step);
}
