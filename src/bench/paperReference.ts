/**
 * Published reference numbers: Table 1 of "Beyond Entangled Planning: Task-Decoupled Planning
 * for Long-Horizon Agents" (Li, Xu, Tian, Xu, Shen; arXiv:2601.07577), for GPT-4o and
 * DeepSeek-V3.2.
 *
 * THESE ROWS ARE EMPTY ON PURPOSE. The numbers must be copied from the paper itself, by a
 * person, with the paper open; nothing here may be estimated, remembered or made up. When
 * this file was written the table could not be retrieved (no network, and the stored copies
 * of the paper available to us end before the results section), so no row is bundled and
 * the report says so instead of showing reference rows.
 *
 * To add them: one `PaperRow` per (benchmark, model, method), values exactly as printed
 * (percentages as in the table), and `source` naming the table and the paper version.
 * The report shows them in a separate block labelled "reported by the paper", never mixed
 * with measured rows.
 */

export interface PaperRow {
  env: "travel" | "wiki" | "science";
  model: "GPT-4o" | "DeepSeek-V3.2";
  /** Method as the paper names it (e.g. "ReAct", "CoT", "Plan-and-Act", "TDP"). */
  method: string;
  /** Column name (as in the report's table for `env`) -> value as printed in the paper. */
  values: Record<string, number>;
}

export interface PaperReference {
  title: string;
  arxiv: string;
  /** Where the rows come from (table and paper version), or null when none are bundled. */
  source: string | null;
  rows: PaperRow[];
}

export const PAPER_REFERENCE: PaperReference = {
  title: "Beyond Entangled Planning: Task-Decoupled Planning for Long-Horizon Agents",
  arxiv: "2601.07577",
  source: null,
  rows: [],
};

/** The note a report shows when no reference rows are bundled for an environment. */
export function paperNote(ref: PaperReference = PAPER_REFERENCE): string {
  return `Paper reference numbers not bundled: see the paper (arXiv:${ref.arxiv}, Table 1; GPT-4o / DeepSeek-V3.2). They are never estimated here.`;
}
