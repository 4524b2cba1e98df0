/**
 * Published reference numbers of "Beyond Entangled Planning: Task-Decoupled Planning for
 * Long-Horizon Agents" (arXiv:2601.07577): Table 1 (both models, all four methods, every
 * column) and the output-token figures of Section 4.3, copied exactly as printed (values are
 * the printed strings, "%" and all). The report shows them in their own block, labelled as
 * reported by the paper and with the paper's setup, never in a table of measured rows: they
 * were measured on other data (the official benchmarks), with other judges (an LLM grades
 * HotpotQA accuracy) and other models, so they are context, not a claim about this project.
 */

export type PaperModel = "DeepSeek-V3.2" | "GPT-4o";

/** One block of Table 1's columns: a benchmark and its column names as printed. */
export interface PaperColumnGroup {
  benchmark: "TravelPlanner" | "HotpotQA" | "ScienceWorld";
  columns: string[];
}

export interface PaperRow {
  /** Method as the paper names it. */
  method: string;
  /** One printed value per column of `PaperReference.groups`, in order. */
  values: string[];
}

export interface PaperTable {
  model: PaperModel;
  rows: PaperRow[];
}

export interface PaperCostRow {
  benchmark: string;
  model: PaperModel;
  /** TDP's average output tokens per task, as printed. */
  tdpOutputTokens: string;
  /** Reduction against Plan-and-Act, as printed. */
  reductionVsPlanAndAct: string;
}

export interface PaperReference {
  title: string;
  arxiv: string;
  /** Where the numbers come from. */
  source: string;
  /** The paper's setup, one line per benchmark (what the numbers were measured on). */
  setup: string[];
  groups: PaperColumnGroup[];
  tables: PaperTable[];
  cost: PaperCostRow[];
  notes: string[];
}

export const PAPER_REFERENCE: PaperReference = {
  title: "Beyond Entangled Planning: Task-Decoupled Planning for Long-Horizon Agents",
  arxiv: "2601.07577",
  source: "Table 1 and Section 4.3 / Figure 3 of the paper",
  setup: [
    "TravelPlanner: validation split, 40 tasks per level (easy, medium, hard) = 120 tasks, 50 steps.",
    "HotpotQA: 100 instances sampled from hotpot_dev_fullwiki_v1, 30 steps; Accuracy and Deli. Acc. (accuracy among delivered answers) judged by an LLM (Qwen-MAX as judge), not by exact match.",
    "ScienceWorld: 100 instances of the official test split, 60 steps; environment reward 0-100.",
    "Avg = arithmetic mean of the benchmark's metric columns (TravelPlanner: the six; HotpotQA: the two).",
  ],
  groups: [
    {
      benchmark: "TravelPlanner",
      columns: ["Delivery", "CS Micro", "CS Macro", "HC Micro", "HC Macro", "Final Pass", "Avg"],
    },
    { benchmark: "HotpotQA", columns: ["Accuracy", "Deli. Acc.", "Avg"] },
    { benchmark: "ScienceWorld", columns: ["Reward"] },
  ],
  tables: [
    {
      model: "DeepSeek-V3.2",
      rows: [
        {
          method: "ReAct",
          values: ["100%", "60.52%", "0.83%", "15%", "2.50%", "0%", "30%", "72%", "73.47%", "72.74%", "58.26"],
        },
        {
          method: "CoT",
          values: ["91%", "61.12%", "1.67%", "10%", "3.33%", "0.83%", "28%", "55%", "75.34%", "65.17%", "39.29"],
        },
        {
          method: "Plan-and-Act",
          values: ["82.50%", "55.18%", "0.83%", "10%", "3.33%", "0.83%", "25%", "57%", "85.07%", "71.04%", "45.38"],
        },
        {
          method: "TDP",
          values: ["96.67%", "60.12%", "0.83%", "32.50%", "10.83%", "0.83%", "34%", "73%", "85.88%", "79.44%", "56.17"],
        },
      ],
    },
    {
      model: "GPT-4o",
      rows: [
        {
          method: "ReAct",
          values: ["95.83%", "53.80%", "0%", "15.00%", "5.00%", "0.00%", "28%", "73%", "73%", "73.00%", "50.63"],
        },
        {
          method: "CoT",
          values: ["75.83%", "58.24%", "1.67%", "10.00%", "3.33%", "1.67%", "25%", "61%", "75.31%", "68.16%", "38.75"],
        },
        {
          method: "Plan-and-Act",
          values: ["59.17%", "62.32%", "4.17%", "20.00%", "6.67%", "2.50%", "26%", "48%", "81.36%", "64.68%", "49.69"],
        },
        {
          method: "TDP",
          values: ["94.17%", "59.29%", "0.00%", "20.00%", "6.67%", "0.00%", "30%", "69%", "82.14%", "75.57%", "53.24"],
        },
      ],
    },
  ],
  cost: [
    { benchmark: "HotpotQA", model: "DeepSeek-V3.2", tdpOutputTokens: "1,747.47", reductionVsPlanAndAct: "82.4%" },
    { benchmark: "HotpotQA", model: "GPT-4o", tdpOutputTokens: "1,361.62", reductionVsPlanAndAct: "82.1%" },
    { benchmark: "ScienceWorld", model: "DeepSeek-V3.2", tdpOutputTokens: "5,060.57", reductionVsPlanAndAct: "74.5%" },
    { benchmark: "ScienceWorld", model: "GPT-4o", tdpOutputTokens: "5,461.65", reductionVsPlanAndAct: "70.4%" },
  ],
  notes: [
    "Output tokens: average OUTPUT tokens per task of TDP, and the reduction against Plan-and-Act as printed in the text (the paper gives Plan-and-Act's own counts only in Figure 3).",
    "Not comparable with the measured tables above: different data (the official benchmarks, not the bundled generated worlds), different models, and for HotpotQA a different metric (LLM-judged accuracy, where the measured table shows cover-EM and HotpotQA EM).",
  ],
};

/** All column headers of Table 1, each prefixed with its benchmark at the start of a group. */
export function paperColumns(ref: PaperReference = PAPER_REFERENCE): string[] {
  return ref.groups.flatMap((g) => g.columns.map((c, i) => (i === 0 ? `${g.benchmark} ${c}` : c)));
}
