/**
 * The official HotpotQA format (dev distractor / fullwiki records) as a wiki environment, on a
 * small hand-written file in exactly that format: records with _id, question, answer, type,
 * level, supporting_facts and context = [[title, [sentences]]], sentences with HotpotQA's
 * leading spaces.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { UnknownTaskError, UsageError } from "../src/errors.js";
import { ARCH_NAMES } from "../src/graph/archs.js";
import { runArch } from "../src/graph/run.js";
import { parseBenchArgs } from "../src/cli/bench.js";
import { registerEnvironment } from "../src/tools/registry.js";
import {
  hotpotArticles,
  hotpotEnvironment,
  loadHotpotEnvironment,
  loadHotpotRecords,
} from "../src/tools/wiki/index.js";

const FILE = join(process.cwd(), "tests/fixtures/wiki/hotpot_dev_sample.json");

async function call(tools: StructuredToolInterface[], name: string, args: Record<string, unknown>): Promise<string> {
  return String(await tools.find((t) => t.name === name)!.invoke(args));
}

function fileWith(content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "tdp-hotpot-")), "data.json");
  writeFileSync(f, content);
  return f;
}

describe("loading an official HotpotQA file", () => {
  test("reads every record and builds one corpus from their paragraphs (a shared title once)", () => {
    const records = loadHotpotRecords(FILE);
    expect(records.map((r) => r._id)).toEqual([
      "5a7f00000000000000000001",
      "5a7f00000000000000000002",
      "5a7f00000000000000000003",
      "5a7f00000000000000000004",
    ]);
    const articles = hotpotArticles(records);
    const titles = articles.map((a) => a.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t === "Odile Marchetti")).toHaveLength(1);
    expect(titles).toHaveLength(11);
    // HotpotQA's leading spaces are trimmed; sentence positions are kept.
    expect(articles.find((a) => a.title === "Teodor Vask")!.sentences[6]).toBe(
      "From 1990 on Vask worked as a film director, making six features.",
    );
  });

  test("lists the records as tasks: _id, question, and type-level as the level", () => {
    const env = loadHotpotEnvironment(FILE);
    expect(env.name).toBe("wiki");
    expect(env.submitTool).toBe("Finish");
    expect(env.tasks()).toEqual([
      {
        id: "5a7f00000000000000000001",
        level: "bridge-medium",
        query: "In which city was the director of the film Harbor of Lanterns born?",
      },
      {
        id: "5a7f00000000000000000002",
        level: "comparison-hard",
        query: "Were Odile Marchetti and Teodor Vask both film directors?",
      },
      {
        id: "5a7f00000000000000000003",
        level: "bridge-easy",
        query: "Which record label released the debut album of the band Quiet Meridian?",
      },
      {
        id: "5a7f00000000000000000004",
        level: "comparison-medium",
        query: "Which was founded first, Brantwell College or the Orlen Academy?",
      },
    ]);
    expect(env.judgeInput!("5a7f00000000000000000003")).toEqual({
      question: "Which record label released the debut album of the band Quiet Meridian?",
      gold: "\u00c7a Ira Records",
    });
    expect(() => env.task("nope")).toThrow(UnknownTaskError);
  });

  test.each([
    ["not JSON", "{oops", /not valid JSON/],
    ["not a list", '{"_id": "x"}', /non-empty JSON list/],
    ["an empty list", "[]", /non-empty JSON list/],
    [
      "a record without an answer (test set)",
      '[{"_id": "x", "question": "q?", "context": [["T", ["s"]]]}]',
      /record 1 \(x\) has no "answer"/,
    ],
    [
      "a bad context",
      '[{"_id": "x", "question": "q?", "answer": "a", "context": [["T", "s"]]}]',
      /context\[0\] is not \[title, \[sentences\]\]/,
    ],
    [
      "a bad supporting fact",
      '[{"_id": "x", "question": "q?", "answer": "a", "context": [["T", ["s"]]], "supporting_facts": [["T", "0"]]}]',
      /supporting_facts\[0\]/,
    ],
    [
      "a duplicate _id",
      '[{"_id": "x", "question": "q?", "answer": "a", "context": [["T", ["s"]]]}, {"_id": "x", "question": "q?", "answer": "a", "context": [["T", ["s"]]]}]',
      /duplicate _id "x"/,
    ],
  ])("refuses %s with a usage error naming the problem", (_why, content, message) => {
    const f = fileWith(content);
    expect(() => loadHotpotRecords(f)).toThrow(UsageError);
    expect(() => loadHotpotRecords(f)).toThrow(message);
  });

  test("a missing file is a usage error too", () => {
    expect(() => loadHotpotRecords("/nonexistent/hotpot.json")).toThrow(
      /cannot read \/nonexistent\/hotpot\.json: ENOENT/,
    );
  });
});

describe("the wiki tools and scoring on the loaded records", () => {
  const env = loadHotpotEnvironment(FILE);

  test("Search opens a paragraph, Lookup finds sentences past the first five, Finish submits", async () => {
    const session = env.createSession("5a7f00000000000000000002");
    const tools = session.tools("main");
    const lead = await call(tools, "Search", { entity: "Teodor Vask" });
    expect(lead).toContain("Teodor Vask (born 1950) is a painter from Orlen.");
    expect(lead).not.toContain("film director");
    expect(await call(tools, "Lookup", { keyword: "film director" })).toBe(
      "(Result 1 / 1) From 1990 on Vask worked as a film director, making six features.",
    );
    // Every record's paragraphs are in the corpus: another question's article opens too.
    expect(await call(tools, "Search", { entity: "Brantwell College" })).toContain("founded in 1761");
    expect(await call(tools, "Search", { entity: "Quiet Meridan" })).toMatch(/Quiet Meridian/);
    await call(tools, "Finish", { answer: "Yes" });
    expect(env.score("5a7f00000000000000000002", session)).toEqual({ delivered: 1, em: 1, f1: 1, accuracy: 1 });
  });

  test("scores with HotpotQA's EM and F1 and with cover-EM", async () => {
    const score = async (answer: string) => {
      const session = env.createSession("5a7f00000000000000000003");
      await call(session.tools("main"), "Finish", { answer });
      return env.score("5a7f00000000000000000003", session);
    };
    expect(await score("ça ira records")).toEqual({ delivered: 1, em: 1, f1: 1, accuracy: 1 });
    expect(await score("It was Ça Ira Records.")).toMatchObject({ em: 0, accuracy: 1 });
    expect((await score("Ça Ira")).f1).toBeCloseTo(0.8, 12);
    expect(env.score("5a7f00000000000000000003", env.createSession("5a7f00000000000000000003"))).toEqual({
      delivered: 0,
      em: 0,
      f1: 0,
      accuracy: 0,
    });
  });

  test("every record's reference replays through the tools to the gold answer", async () => {
    for (const t of env.tasks()) {
      const session = env.createSession(t.id);
      const ref = env.reference(t.id);
      expect(ref.subtasks.at(-1)!.deps.length).toBe(ref.subtasks.length - 1);
      for (const sub of ref.subtasks) {
        const tools = session.tools(sub.id);
        for (const a of sub.actions) {
          expect(await call(tools, a.tool, a.args)).not.toMatch(/^Could not find|No more results|No article is open/);
        }
      }
      expect(env.score(t.id, session)).toMatchObject({ delivered: 1, em: 1 });
    }
    // The supporting sentence past the first five is reached with Lookup.
    const tools = env.reference("5a7f00000000000000000002").subtasks.flatMap((s) => s.actions.map((a) => a.tool));
    expect(tools).toContain("Lookup");
  });

  test.each(ARCH_NAMES)(
    "%s answers every record with the offline simulator, as `tdp bench --env wiki --data FILE` does",
    async (arch) => {
      registerEnvironment(hotpotEnvironment(loadHotpotRecords(FILE), { name: "hotpot-fixture" }));
      for (const t of env.tasks()) {
        const { state } = await runArch({
          arch,
          input: { env: "hotpot-fixture", taskId: t.id },
          env: "hotpot-fixture",
          configurable: { model: "offline", noise: 0 },
        });
        expect(state.status).toBe("completed");
        expect(state.scores).toMatchObject({ delivered: 1, em: 1 });
      }
    },
    60_000,
  );
});

describe("tdp bench --env wiki --data FILE", () => {
  test("lists the file's records as the wiki tasks, with their type-level", async () => {
    const req = await parseBenchArgs([
      "--env",
      "wiki",
      "--data",
      FILE,
      "--archs",
      "tdp,react",
      "--level",
      "bridge-easy,comparison-hard",
    ]);
    if (req === "help") throw new Error("unexpected help");
    expect(req.plan.pairs).toEqual([
      { env: "wiki", taskId: "5a7f00000000000000000002", level: "comparison-hard", arch: "tdp" },
      { env: "wiki", taskId: "5a7f00000000000000000002", level: "comparison-hard", arch: "react" },
      { env: "wiki", taskId: "5a7f00000000000000000003", level: "bridge-easy", arch: "tdp" },
      { env: "wiki", taskId: "5a7f00000000000000000003", level: "bridge-easy", arch: "react" },
    ]);
  });

  test.each([
    [["--env", "travel", "--data", FILE], /--data needs --env wiki/],
    [["--env", "wiki", "--data", FILE, "--server", "http://127.0.0.1:1"], /cannot be combined with --server/],
    [["--env", "wiki", "--data", "/nonexistent/dev.json"], /cannot read \/nonexistent\/dev\.json/],
  ])("%j is a usage error", async (argv, message) => {
    await expect(parseBenchArgs(argv)).rejects.toThrow(UsageError);
    await expect(parseBenchArgs(argv)).rejects.toThrow(message);
  });
});
