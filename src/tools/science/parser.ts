/**
 * The action grammar: command text -> a `Command` with the object phrases still as text.
 * Resolving phrases to objects needs the world, so that happens in actions.ts. Matching is
 * exact (after lower-casing and dropping articles): a misspelt word never becomes an action.
 */

export type SingleVerb =
  | "lookAt"
  | "lookIn"
  | "open"
  | "close"
  | "pickUp"
  | "putDown"
  | "activate"
  | "deactivate"
  | "focus"
  | "disconnect"
  | "useAlone";

export type PairVerb = "move" | "pour" | "use" | "connect";

export type Command =
  | { kind: "look" }
  | { kind: "inventory" }
  | { kind: "wait"; ticks: number }
  | { kind: "goTo"; place: string }
  | { kind: "single"; verb: SingleVerb; obj: string }
  /** Every way of splitting "X <joiner> Y"; object names may contain the joiner ("door to kitchen"). */
  | { kind: "pair"; verb: PairVerb; splits: Array<[string, string]> };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

/** Ticks that `wait` and `wait1` let pass. */
export const WAIT_TICKS = 10;

/** The grammar as the agent sees it (tool description and error messages). */
export const GRAMMAR = [
  "look around",
  "look at OBJ",
  "look in OBJ",
  "inventory",
  "go to LOCATION",
  "open OBJ",
  "close OBJ",
  "pick up OBJ",
  "put down OBJ",
  "move OBJ to CONTAINER",
  "pour OBJ into CONTAINER",
  "activate OBJ",
  "deactivate OBJ",
  "use OBJ on OBJ",
  "connect OBJ to OBJ",
  "disconnect OBJ",
  "focus on OBJ",
  `wait (${WAIT_TICKS} ticks)`,
  "wait1 (1 tick)",
];

const SINGLE: ReadonlyArray<readonly [string, SingleVerb]> = [
  ["look at ", "lookAt"],
  ["look in ", "lookIn"],
  ["examine ", "lookAt"],
  ["open ", "open"],
  ["close ", "close"],
  ["pick up ", "pickUp"],
  ["take ", "pickUp"],
  ["put down ", "putDown"],
  ["drop ", "putDown"],
  ["activate ", "activate"],
  ["turn on ", "activate"],
  ["deactivate ", "deactivate"],
  ["turn off ", "deactivate"],
  ["focus on ", "focus"],
  ["disconnect ", "disconnect"],
];

const PAIR: ReadonlyArray<readonly [string, PairVerb, readonly string[]]> = [
  ["move ", "move", [" to ", " into "]],
  ["put ", "move", [" in ", " into ", " on "]],
  ["pour ", "pour", [" into ", " in ", " on "]],
  ["use ", "use", [" on "]],
  ["connect ", "connect", [" to ", " and "]],
];

/** Lower-case, single spaces, no trailing full stop. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "")
    .trim();
}

/** Drops one leading article: "the metal pot" -> "metal pot". */
export function stripArticle(phrase: string): string {
  return phrase.replace(/^(the|a|an|some) /, "").trim();
}

function splitsOf(rest: string, joiners: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const j of joiners) {
    let at = rest.indexOf(j);
    while (at > 0) {
      const left = rest.slice(0, at).trim();
      const right = rest.slice(at + j.length).trim();
      if (left && right) out.push([left, right]);
      at = rest.indexOf(j, at + 1);
    }
  }
  return out;
}

/** Parses command text; anything outside the grammar is an error naming the valid forms. */
export function parse(text: string): ParseResult {
  const s = normalize(text);
  if (!s) return { ok: false, error: `Empty action. Valid actions: ${GRAMMAR.join("; ")}.` };
  if (s === "look around" || s === "look") return { ok: true, command: { kind: "look" } };
  if (s === "inventory") return { ok: true, command: { kind: "inventory" } };
  if (s === "wait") return { ok: true, command: { kind: "wait", ticks: WAIT_TICKS } };
  if (s === "wait1") return { ok: true, command: { kind: "wait", ticks: 1 } };
  if (s.startsWith("go to ")) {
    const place = stripArticle(s.slice("go to ".length));
    if (place) return { ok: true, command: { kind: "goTo", place } };
  }
  for (const [prefix, verb] of SINGLE) {
    if (s.startsWith(prefix)) {
      const obj = s.slice(prefix.length).trim();
      if (obj) return { ok: true, command: { kind: "single", verb, obj } };
    }
  }
  for (const [prefix, verb, joiners] of PAIR) {
    if (!s.startsWith(prefix)) continue;
    const rest = s.slice(prefix.length).trim();
    const splits = splitsOf(rest, joiners);
    if (splits.length) return { ok: true, command: { kind: "pair", verb, splits } };
    if (verb === "use" && rest) return { ok: true, command: { kind: "single", verb: "useAlone", obj: rest } };
    return { ok: false, error: `"${s}" is incomplete: say "${prefix.trim()} OBJ${joiners[0]}OBJ".` };
  }
  return { ok: false, error: `I don't understand "${s}". Valid actions: ${GRAMMAR.join("; ")}.` };
}
