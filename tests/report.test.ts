/**
 * The report, generated from a fixture of results whose numbers were computed by hand:
 * Table-1 layouts per environment, micro vs macro, crashed runs, re-runs, the cost table,
 * the notes a reader must see, and a self-contained HTML page.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { costTable, metricTable, microRate, contextGrowth } from "../src/bench/aggregate.js";
import { PAPER_REFERENCE } from "../src/bench/paperReference.js";
import { buildReport, PAPER_BLOCK_TITLE, renderHtml, renderMarkdown, writeReport } from "../src/bench/report.js";
import { readResults, RESULTS_FILE } from "../src/bench/record.js";
import { niceTicks } from "../src/bench/svg.js";
import { UsageError } from "../src/errors.js";

const FIXTURE = join(process.cwd(), "tests/fixtures/bench/results.jsonl");
const records = readResults(FIXTURE);
const row = (md: string, label: string, section: string) => {
  const part = md.slice(md.indexOf(`## ${section}`));
  return part.split("\n").find((l) => l.startsWith(`| ${label} |`));
};

describe("aggregation", () => {
  test("a later line for the same pair replaces the earlier one", () => {
    expect(records).toHaveLength(12);
    const s1 = records.find((r) => r.env === "science" && r.task_id === "s1" && r.arch === "react");
    expect(s1?.error).toBeNull();
    expect(s1?.metrics.reward).toBe(0.5);
  });

  test("travel: micro is dataset-level, macro is the mean of per-task 0/1, a crash counts as 0", () => {
    const t = metricTable(
      "travel",
      records.filter((r) => r.env === "travel"),
    );
    expect(t.columns).toEqual(["Delivery", "CS Micro", "CS Macro", "HC Micro", "HC Macro", "Final Pass", "Avg"]);
    const tdp = t.rows.find((r) => r.arch === "tdp")!.values as number[];
    // 14/16 commonsense and 8/10 hard constraints over both tasks; one of two tasks fully passes.
    expect(tdp.map((v) => +(v * 100).toFixed(2))).toEqual([100, 87.5, 50, 80, 50, 50, 69.58]);
    const react = t.rows.find((r) => r.arch === "react")!;
    expect(react.errors).toBe(1);
    // The crashed task has no constraint counts: micro uses the scored task only (6/8, 4/5); rates count it as 0.
    expect((react.values as number[]).map((v) => +(v * 100).toFixed(2))).toEqual([50, 75, 0, 80, 0, 0, 34.17]);
    expect(microRate([], "cs_passed", "cs_total", "cs_micro")).toBe(0);
  });

  test("wiki: cover-EM (named so), cover-EM among delivered answers, then HotpotQA's EM and F1", () => {
    const t = metricTable(
      "wiki",
      records.filter((r) => r.env === "wiki"),
    );
    expect(t.columns).toEqual(["Cover-EM", "Delivered Cover-EM", "Avg", "EM", "F1"]);
    expect(t.main).toBe("Cover-EM");
    expect(t.rows.find((r) => r.arch === "tdp")!.values).toEqual([0.5, 0.5, 0.5, 0.5, 0.75]);
    expect(t.rows.find((r) => r.arch === "react")!.values).toEqual([0.5, 1, 0.75, 0.5, 0.5]);
    expect(t.notes[0]).toMatch(/it is not HotpotQA's EM/);
    expect(t.notes[0]).toMatch(/among the runs that delivered/);
  });

  test("cost per task and context growth", () => {
    const cost = costTable(records.filter((r) => r.env === "travel"));
    const tdp = cost.find((c) => c.arch === "tdp")!;
    expect(tdp).toMatchObject({ n: 2, tokensIn: 2000, tokensOut: 200, calls: 3, completed: 2, maxPromptPerCall: 130 });
    const react = cost.find((c) => c.arch === "react")!;
    expect(react).toMatchObject({ n: 2, errors: 1, failed: 1, tokensIn: 6000, maxPromptPerCall: 500 });
    const growth = contextGrowth(records.filter((r) => r.env === "travel"));
    expect(growth.find((g) => g.arch === "tdp")!.points).toEqual([
      [0, 100],
      [1, 125],
      [2, 115],
    ]);
    expect(growth.find((g) => g.arch === "react")!.points).toEqual([
      [0, 100],
      [1, 300],
      [2, 500],
    ]);
  });

  test("chart ticks are round and cover the data", () => {
    expect(niceTicks(93)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(4100)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });
});

describe("rendered report", () => {
  const data = buildReport(records, { generatedAt: "2026-01-01T00:00:00Z" });
  const md = renderMarkdown(data);
  const html = renderHtml(data);

  test("one Table-1 style table per environment, best values in bold", () => {
    expect(md).toContain(
      "| Architecture | Tasks | Delivery | CS Micro | CS Macro | HC Micro | HC Macro | Final Pass | Avg |",
    );
    expect(row(md, "TDP", "travel")).toBe(
      "| TDP | 2 | **100.0** | **87.5** | **50.0** | 80.0 | **50.0** | **50.0** | **69.6** |",
    );
    expect(row(md, "ReAct (1 err)", "travel")).toBe(
      "| ReAct (1 err) | 2 | 50.0 | 75.0 | 0.0 | 80.0 | 0.0 | 0.0 | 34.2 |",
    );
    expect(md).toContain("| Architecture | Tasks | Cover-EM | Delivered Cover-EM | Avg | EM | F1 |");
    expect(row(md, "ReAct", "wiki")).toBe("| ReAct | 2 | 50.0 | **100.0** | **75.0** | 50.0 | 50.0 |");
    expect(row(md, "TDP", "wiki")).toBe("| TDP | 2 | 50.0 | 50.0 | 50.0 | 50.0 | **75.0** |");
    expect(md).not.toMatch(/\| Accuracy \|/);
    expect(md).toContain("| Architecture | Tasks | Reward |");
    expect(row(md, "TDP", "science")).toBe("| TDP | 2 | **70.0** |");
    expect(row(md, "ReAct", "science")).toBe("| ReAct | 2 | 40.0 |");
  });

  test("a cost table and a headline that says who won and what it cost", () => {
    expect(md).toContain(
      "| Architecture | Tasks | Done/Budget/Failed | Tokens in/task | Tokens out/task | LLM calls/task | Steps/task |",
    );
    expect(md).toContain("- **travel**: best Final Pass: TDP (50.0%); TDP used 2200 tokens per task (0.35× ReAct)");
    expect(md).toContain("- **wiki**: all tie on Cover-EM (50.0%); TDP used 660 tokens per task (0.60× ReAct)");
    expect(md).toContain("- **science**: best Reward: TDP (70.0%)");
  });

  test("offline scores are labelled as not accuracy", () => {
    expect(md).toMatch(/offline simulator\. Its scores are NOT model accuracy/);
    expect(html).toContain("Its scores are NOT model accuracy");
  });

  /** The measured part of a rendered report: everything before the paper block. */
  const measured = (text: string, title: string) => text.slice(0, text.indexOf(title));

  test("the paper's Table 1 and token figures are in their own block, after the measured sections, with the paper's setup", () => {
    const start = md.indexOf(`## ${PAPER_BLOCK_TITLE}`);
    expect(start).toBeGreaterThan(md.indexOf("## science"));
    const block = md.slice(start, md.indexOf("## Charts"));
    expect(block).toContain("nothing in this block was run by this project");
    expect(block).toContain("120 tasks");
    expect(block).toContain("100 instances sampled from hotpot_dev_fullwiki_v1");
    expect(block).toContain("judged by an LLM");
    expect(block).toContain("100 instances of the official test split");
    expect(block).toContain(
      "| Method | TravelPlanner Delivery | CS Micro | CS Macro | HC Micro | HC Macro | Final Pass | Avg | HotpotQA Accuracy | Deli. Acc. | Avg | ScienceWorld Reward |",
    );
    // Both models, all four methods, every column, as printed (spot checks written from the paper's table).
    expect(block).toContain(
      "| TDP | 96.67% | 60.12% | 0.83% | 32.50% | 10.83% | 0.83% | 34% | 73% | 85.88% | 79.44% | 56.17 |",
    );
    expect(block).toContain(
      "| ReAct | 95.83% | 53.80% | 0% | 15.00% | 5.00% | 0.00% | 28% | 73% | 73% | 73.00% | 50.63 |",
    );
    expect(PAPER_REFERENCE.tables.map((t) => t.model)).toEqual(["DeepSeek-V3.2", "GPT-4o"]);
    for (const t of PAPER_REFERENCE.tables) {
      expect(t.rows.map((r) => r.method)).toEqual(["ReAct", "CoT", "Plan-and-Act", "TDP"]);
      expect(block).toContain(`Table 1 of the paper, ${t.model}:`);
      for (const r of t.rows) {
        expect(r.values).toHaveLength(11);
        expect(block).toContain(`| ${r.method} | ${r.values.join(" | ")} |`);
      }
    }
    expect(block).toContain("| ScienceWorld | GPT-4o | 5,461.65 | 70.4% |");
    expect(block).toContain("| HotpotQA | DeepSeek-V3.2 | 1,747.47 | 82.4% |");
    expect(html).toContain(PAPER_BLOCK_TITLE);
    expect(html).toContain('<td>Plan-and-Act</td><td class="num">59.17%</td>');
  });

  test("no measured table contains a number of the paper", () => {
    const printed = [
      ...PAPER_REFERENCE.tables.flatMap((t) => t.rows.flatMap((r) => r.values)),
      ...PAPER_REFERENCE.cost.flatMap((c) => [c.tdpOutputTokens, c.reductionVsPlanAndAct]),
    ];
    // The values that carry digits beyond a round percentage (0%, 15%, ... could be anything).
    const distinctive = [...new Set(printed)].filter((v) => /\d\.\d/.test(v)).map((v) => v.replace(/%$/, ""));
    expect(distinctive.length).toBeGreaterThan(50);
    const measuredMd = measured(md, `## ${PAPER_BLOCK_TITLE}`);
    const measuredHtml = measured(html, PAPER_BLOCK_TITLE);
    for (const v of distinctive) {
      expect(measuredMd).not.toContain(v);
      expect(measuredHtml).not.toContain(v);
    }
    // And the measured tables never name the paper's models.
    expect(measuredMd).not.toMatch(/GPT-4o|DeepSeek/);
  });

  test("the HTML page is self-contained: inline SVG charts, no scripts, no external assets", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(data.charts.length);
    expect(data.charts.map((c) => c.file)).toEqual([
      "chart-tokens.svg",
      "chart-context-travel.svg",
      "chart-context-wiki.svg",
      "chart-context-science.svg",
      "chart-score-tokens.svg",
    ]);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "")).not.toMatch(/https?:\/\//);
    expect(html).toContain("<strong>87.5</strong>");
  });
});

describe("writeReport", () => {
  test("writes report.md, report.html and the charts next to the results", () => {
    const dir = mkdtempSync(join(tmpdir(), "tdp-report-"));
    cpSync(FIXTURE, join(dir, RESULTS_FILE));
    const r = writeReport(dir);
    expect(existsSync(r.markdown) && existsSync(r.html)).toBe(true);
    for (const c of r.charts) expect(readFileSync(c, "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(readFileSync(r.markdown, "utf8")).toContain("![Tokens per task by architecture](chart-tokens.svg)");
  });

  test("a missing or invalid results file is a usage error naming the problem", () => {
    const dir = mkdtempSync(join(tmpdir(), "tdp-report-"));
    expect(() => writeReport(dir)).toThrow(UsageError);
    writeFileSync(join(dir, RESULTS_FILE), readFileSync(FIXTURE, "utf8") + '{"v":1,"env":"travel"}\n');
    expect(() => writeReport(dir)).toThrow(/results\.jsonl:14: invalid result line/);
  });
});

describe("the README's copy of the paper's numbers", () => {
  const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
  const block = readme.slice(readme.indexOf("### Reported by the paper (not measured here)"));
  const rows = block
    .split("\n")
    .filter((l) => l.startsWith("| "))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );

  test("shows every row of Table 1 and Section 4.3 exactly as the report does", () => {
    const expected = [
      ...PAPER_REFERENCE.tables.flatMap((t) => t.rows.map((r) => [r.method, ...r.values])),
      ...PAPER_REFERENCE.cost.map((c) => [c.benchmark, c.model, c.tdpOutputTokens, c.reductionVsPlanAndAct]),
    ];
    for (const e of expected) expect(rows).toContainEqual(e);
    for (const t of PAPER_REFERENCE.tables) expect(block).toContain(`Table 1, ${t.model}:`);
  });
});

describe("results by level", () => {
  test("the main metric per level and architecture, from the same table logic; none for one level", () => {
    const science = records.filter((r) => r.env === "science");
    // One level in the fixture: no by-level table.
    expect(buildReport(science).sections[0].byLevel).toBeNull();
    const split = science.map((r) => (r.task_id === "s2" ? { ...r, level: "melt" } : r));
    const byLevel = buildReport(split).sections[0].byLevel!;
    expect(byLevel.main).toBe("Reward");
    expect(byLevel.columns).toEqual(buildReport(split).sections[0].table.rows.map((r) => r.label));
    const tdp = byLevel.columns.findIndex((c) => c.startsWith("TDP"));
    const react = byLevel.columns.findIndex((c) => c.startsWith("ReAct"));
    const at = (level: string) => byLevel.rows.find((r) => r.level === level)!;
    expect([at("boil").values[tdp], at("boil").values[react]]).toEqual([0.8, 0.5]);
    expect([at("melt").values[tdp], at("melt").values[react]]).toEqual([0.6, 0.3]);
    expect(at("melt").n).toBe(1);
    const md = renderMarkdown(buildReport(split));
    expect(md).toContain("Reward by level:");
    expect(md).toMatch(/\| melt \| 1 \| 60\.0 \| 30\.0 \|/);
  });
});
