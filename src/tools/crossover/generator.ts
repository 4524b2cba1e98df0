/**
 * Generates one crossover task from its parameters: W chains of D ledger records, the first
 * `coupledCount` chains after chain A starting at a code built from the previous chain's
 * result, and a registry of distractor records large enough to pad every page to the
 * observation size. The same id always gives byte-identical data (every draw comes from
 * one mulberry32 stream seeded by the id).
 */
import { createRng, hashString, pick, randInt, type Rng } from "../rng.js";
import { coupledCount, formatTaskId, levelOf, type CrossoverParams } from "./ids.js";
import type { Chain, CrossoverTask, LedgerRecord } from "./world.js";

/** Code words: all at least five letters, so no two codes differ only by a short prefix. */
// prettier-ignore
export const CODE_WORDS = [
  "heron", "otter", "lemur", "falcon", "badger", "raven", "bison", "cobra", "crane", "dingo",
  "eagle", "ferret", "gecko", "hyena", "jackal", "koala", "llama", "marten", "ocelot", "panda",
  "quail", "rhino", "stork", "tapir", "viper", "walrus", "zebra", "beaver", "camel", "donkey",
  "egret", "finch", "goose", "hornet", "iguana", "kestrel", "lizard", "magpie", "osprey", "parrot",
  "rabbit", "salmon", "toucan", "weasel", "moose", "shrew", "sloth", "robin", "pigeon", "plover",
] as const;

// prettier-ignore
const FIRST = [
  "Mara", "Jonas", "Ines", "Tobias", "Lena", "Ravi", "Odile", "Kenji", "Sofia", "Bram",
  "Amara", "Felix", "Nadia", "Oskar", "Priya", "Luca", "Hanne", "Mateo", "Yara", "Emil",
] as const;

// prettier-ignore
const LAST = [
  "Quist", "Halvorsen", "Okafor", "Brandt", "Moreau", "Iyer", "Castell", "Novak", "Lindqvist", "Duarte",
  "Achebe", "Kowalski", "Ferreira", "Van Dijk", "Sato", "Eriksen", "Marchetti", "Osei", "Petrov", "Ruiz",
] as const;

// prettier-ignore
const BRANCHES = [
  "Northgate", "Harbour", "Eastfield", "Old Town", "Riverside", "Westmoor",
  "Kingsbridge", "Southmere", "Hillcrest", "Marketplace", "Lakeside", "Station Road",
] as const;

export const LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The code the offline simulator's argument typo turns `code` into (its last two characters
 * swapped, or an "x" appended when they are equal). Reserved during generation so a typo
 * always names a missing record instead of another real one.
 */
export function typoOf(code: string): string {
  const a = code[code.length - 2];
  const b = code[code.length - 1];
  return a === b ? `${code}x` : code.slice(0, -2) + b + a;
}

/** Distractors in the registry: enough to pad any page to `obs` tokens (a record line is about 28 tokens). */
export function distractorCount(obs: number): number {
  return 24 + Math.ceil(obs / 16);
}

class CodeBook {
  /** Every code in the registry. */
  readonly used = new Set<string>();
  /** Typo forms of chain codes: no record may have one. */
  readonly typos = new Set<string>();

  constructor(private readonly rng: Rng) {}

  private free(code: string): boolean {
    return !this.used.has(code) && !this.typos.has(code);
  }

  /** A chain code: free, and its typo form free too (so a typo never hits a real record). */
  tryChainCode(code: string): boolean {
    if (!this.free(code) || this.used.has(typoOf(code))) return false;
    this.used.add(code);
    this.typos.add(typoOf(code));
    return true;
  }

  chainCode(): string {
    for (;;) {
      const code = `${pick(this.rng, CODE_WORDS)}-${randInt(this.rng, 100, 999)}`;
      if (this.tryChainCode(code)) return code;
    }
  }

  distractorCode(): string {
    for (;;) {
      const code = `${pick(this.rng, CODE_WORDS)}-${randInt(this.rng, 100, 999)}`;
      if (this.free(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

function filler(rng: Rng): Pick<LedgerRecord, "holder" | "branch" | "filed"> {
  const month = String(randInt(rng, 1, 12)).padStart(2, "0");
  const day = String(randInt(rng, 1, 28)).padStart(2, "0");
  return {
    holder: `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
    branch: pick(rng, BRANCHES),
    filed: `${randInt(rng, 2018, 2024)}-${month}-${day}`,
  };
}

function list(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/** The task as a model reads it: everything needed, nothing hidden. */
export function taskQuery(chains: Chain[], depth: number): string {
  const w = chains.length;
  const nth = depth === 1 ? "its only record" : `its ${ordinal(depth)} (last) record`;
  const lines = [
    "A ledger registry holds records, one per line: a code (a lowercase word, a dash and three digits, e.g. heron-220), " +
      'the holder and branch, the filing date, an amount, and the code of the next record ("next ...", or "next none (end of chain)"). ' +
      "The Lookup tool shows the page of the registry around a code; only the line that begins with exactly that code is the " +
      "record you asked for, the other lines are unrelated records.",
    "",
    (w === 1
      ? `Follow 1 chain of ${depth} record${depth === 1 ? "" : "s"}.`
      : `Follow ${w} chains of ${depth} record${depth === 1 ? "" : "s"} each.`) +
      (depth === 1
        ? " To follow a chain, look up its first record."
        : ` To follow a chain, look up its first record, then look up the code in that record's "next" field, and so on until you have read its ${ordinal(depth)} record.`) +
      ` A chain's result is the amount on ${nth}.`,
    ...chains.map((c) => {
      if (c.start.kind === "code") return `- Chain ${c.label} starts at code ${c.start.code}.`;
      return `- Chain ${c.label} starts at code ${c.start.word}-N, where N is the result of chain ${chains[c.start.parent].label}.`;
    }),
    "",
    w === 1
      ? "Finally submit the result of chain A with SubmitAnswer (just the number)."
      : `Finally submit the sum of the results of chains ${list(chains.map((c) => c.label))} with SubmitAnswer (just the number).`,
  ];
  return lines.join("\n");
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

export function generateTask(p: CrossoverParams): CrossoverTask {
  const id = formatTaskId(p);
  const rng = createRng(hashString(`crossover|${id}`));
  const book = new CodeBook(rng);
  const coupled = coupledCount(p);
  const chains: Chain[] = [];
  const amounts: number[][] = [];
  for (let i = 0; i < p.width; i++) {
    const label = LABELS[i];
    let first: string;
    let start: Chain["start"];
    if (i >= 1 && i <= coupled) {
      // Coupled: chain i starts at <word>-N with N the result of chain i-1, so N is chosen here
      // (a free code) and written onto chain i-1's last record.
      const word = pick(rng, CODE_WORDS);
      let n: number;
      do n = randInt(rng, 100, 999);
      while (!book.tryChainCode(`${word}-${n}`));
      first = `${word}-${n}`;
      start = { kind: "coupled", word, parent: i - 1 };
      const parentAmounts = amounts[i - 1];
      parentAmounts[parentAmounts.length - 1] = n;
      chains[i - 1].result = n;
    } else {
      first = book.chainCode();
      start = { kind: "code", code: first };
    }
    const codes = [first];
    for (let j = 1; j < p.depth; j++) codes.push(book.chainCode());
    const own = codes.map(() => randInt(rng, 100, 999));
    amounts.push(own);
    chains.push({ label, start, codes, result: own[own.length - 1] });
  }
  const records: LedgerRecord[] = [];
  chains.forEach((c, i) => {
    c.codes.forEach((code, j) => {
      records.push({ code, ...filler(rng), amount: amounts[i][j], next: c.codes[j + 1] ?? null });
    });
  });
  const distractors = Array.from({ length: distractorCount(p.obs) }, () => book.distractorCode());
  for (const code of distractors) {
    const next =
      rng() < 0.15
        ? null
        : pick(
            rng,
            distractors.filter((d) => d !== code),
          );
    records.push({ code, ...filler(rng), amount: randInt(rng, 100, 999), next });
  }
  records.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    id,
    level: levelOf(p),
    query: taskQuery(chains, p.depth),
    width: p.width,
    depth: p.depth,
    coupling: p.coupling,
    obs: p.obs,
    seed: p.seed,
    chains,
    records,
    answer: chains.reduce((a, c) => a + c.result, 0),
  };
}
