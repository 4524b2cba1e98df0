/**
 * The world of one crossover task: a ledger registry of records, each naming the code of the
 * next record of its chain. A Lookup shows a page of the registry around the requested code,
 * padded with distractor records to the task's observation size.
 *
 * Distractors are real records of the registry (they can be looked up too) but never part of
 * a chain, and their `next` codes point only at other distractors. So a chain code is written
 * in exactly one place, its predecessor's line (or the task text, for a chain's first code),
 * and a chain of D records really needs D lookups in order.
 */
import { countTokens } from "../../models/tokens.js";

export interface LedgerRecord {
  /** A lowercase word, a dash and three digits, e.g. heron-220. */
  code: string;
  holder: string;
  branch: string;
  /** ISO date the record was filed. */
  filed: string;
  /** Three digits (100-999). */
  amount: number;
  /** Code of the next record, or null at the end of a chain. */
  next: string | null;
}

/** How a chain's first record is found. */
export type ChainStart =
  | { kind: "code"; code: string }
  /** Code `<word>-<N>` where N is the result of chain `parent` (an index into `chains`). */
  | { kind: "coupled"; word: string; parent: number };

export interface Chain {
  /** "A", "B", ... */
  label: string;
  start: ChainStart;
  /** Codes of the chain's records in order; `codes.length` is the task's depth. */
  codes: string[];
  /** Amount on the last record. */
  result: number;
}

/** Everything generated for one task: plain data, so two generations can be compared byte for byte. */
export interface CrossoverTask {
  id: string;
  level: string;
  query: string;
  width: number;
  depth: number;
  coupling: number;
  obs: number;
  seed: number;
  chains: Chain[];
  /** Every record of the registry (chain records and distractors), sorted by code. */
  records: LedgerRecord[];
  /** Sum of the chain results. */
  answer: number;
}

export const CODE_RE = /^[a-z]+-\d{3}$/;

export function recordLine(r: LedgerRecord): string {
  return `${r.code} | ${r.holder}, ${r.branch} branch | filed ${r.filed} | amount ${r.amount} | next ${r.next ?? "none (end of chain)"}`;
}

function pageText(records: LedgerRecord[]): string {
  const header = `Registry page (${records.length} record${records.length === 1 ? "" : "s"}, sorted by code):`;
  return [header, ...records.map(recordLine)].join("\n");
}

/** Lookup of one code as an observation: a page, or a one-line explanation of what was wrong. */
export type LookupResult = { ok: true; text: string } | { ok: false; text: string };

export class CrossoverWorld {
  private readonly byCode = new Map<string, LedgerRecord>();
  /** Distractor records sorted by code: the padding of every page. */
  private readonly distractors: LedgerRecord[];
  private readonly pages = new Map<string, string>();

  constructor(readonly task: CrossoverTask) {
    const chainCodes = new Set(task.chains.flatMap((c) => c.codes));
    for (const r of task.records) this.byCode.set(r.code, r);
    this.distractors = task.records.filter((r) => !chainCodes.has(r.code));
  }

  record(code: string): LedgerRecord | undefined {
    return this.byCode.get(code);
  }

  /**
   * The page around `code`: the record itself plus the distractors nearest to it in code
   * order, as many as fit in the observation size (at least the record itself).
   */
  page(code: string): string {
    const hit = this.pages.get(code);
    if (hit !== undefined) return hit;
    const target = this.byCode.get(code);
    if (!target) throw new Error(`no record ${code}`);
    const others = this.distractors.filter((r) => r.code !== code);
    // Nearest first: alternate below and above the target's position in code order.
    let hi = others.findIndex((r) => r.code > code);
    if (hi < 0) hi = others.length;
    let lo = hi - 1;
    const order: LedgerRecord[] = [];
    while (lo >= 0 || hi < others.length) {
      if (lo >= 0) order.push(others[lo--]);
      if (hi < others.length) order.push(others[hi++]);
    }
    const budget = this.task.obs;
    const chosen: LedgerRecord[] = [target];
    // Fill by per-line estimates (one token per newline), then settle on the exact count:
    // drop lines while over the budget, add the next nearest while it still fits.
    let estimate = countTokens(pageText([target]));
    let next = 0;
    for (; next < order.length; next++) {
      const add = countTokens(recordLine(order[next])) + 1;
      if (estimate + add > budget) break;
      chosen.push(order[next]);
      estimate += add;
    }
    const render = () => pageText([...chosen].sort((a, b) => (a.code < b.code ? -1 : 1)));
    let text = render();
    while (chosen.length > 1 && countTokens(text) > budget) {
      chosen.pop();
      next--;
      text = render();
    }
    while (next < order.length) {
      chosen.push(order[next]);
      const more = render();
      if (countTokens(more) > budget) {
        chosen.pop();
        break;
      }
      text = more;
      next++;
    }
    this.pages.set(code, text);
    return text;
  }

  lookup(raw: unknown): LookupResult {
    const code = typeof raw === "string" ? raw.trim().toLowerCase() : "";
    if (code.length === 0)
      return { ok: false, text: "Lookup needs a `code`: a lowercase word, a dash and three digits, e.g. heron-220." };
    if (!CODE_RE.test(code))
      return {
        ok: false,
        text: `"${code}" is not a record code. Codes are a lowercase word, a dash and three digits, e.g. heron-220.`,
      };
    if (!this.byCode.has(code))
      return {
        ok: false,
        text: `No record has code ${code}. Copy codes exactly from the task or from a record's "next" field.`,
      };
    return { ok: true, text: this.page(code) };
  }
}
