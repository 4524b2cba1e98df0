import { readFileSync } from "node:fs";
import { generateCorpus, generateQuestions, wikiCorpus, wikiQuestions } from "../src/tools/wiki/index.js";
import { LEAD_SENTENCES } from "../src/tools/wiki/articles.js";
import { isLinkAttr } from "../src/tools/wiki/world.js";

describe("wiki corpus generator", () => {
  test("same seed gives a byte-identical corpus and question set; another seed differs", () => {
    const a = generateCorpus(11);
    const b = generateCorpus(11);
    const c = generateCorpus(12);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateQuestions(b, 11))).toBe(JSON.stringify(generateQuestions(a, 11)));
    expect(JSON.stringify(c.articles)).not.toBe(JSON.stringify(a.articles));
    expect(JSON.stringify(generateQuestions(c, 12))).not.toBe(JSON.stringify(generateQuestions(a, 11)));
  });

  const corpus = wikiCorpus();
  const byId = new Map(corpus.entities.map((e) => [e.id, e]));
  const byTitle = new Map(corpus.articles.map((a) => [a.title, a]));

  test("at least 400 articles of at least five sentences, with unique titles", () => {
    expect(corpus.articles.length).toBeGreaterThanOrEqual(400);
    expect(byTitle.size).toBe(corpus.articles.length);
    for (const a of corpus.articles) expect(a.sentences.length).toBeGreaterThanOrEqual(LEAD_SENTENCES + 1);
    const kinds = new Set(corpus.entities.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["band", "book", "city", "company", "country", "film", "person", "university"]);
  });

  test("facts are written as sentences that contain their lookup keyword and the linked entity", () => {
    let late = 0;
    for (const a of corpus.articles) {
      const e = byId.get(a.entityId)!;
      for (const [attr, loc] of Object.entries(a.facts)) {
        const sentence = a.sentences[loc!.sentence];
        expect(sentence.toLowerCase()).toContain(loc!.keyword);
        expect(sentence).not.toMatch(/^\w+: /); // prose, not key: value
        const link = isLinkAttr(attr as never) ? e.links[attr as keyof typeof e.links] : undefined;
        if (link) expect(sentence).toContain(byId.get(link)!.name);
        if (loc!.sentence >= LEAD_SENTENCES) late++;
      }
    }
    expect(late).toBeGreaterThan(50);
  });

  test("every link points at an entity that has its own article", () => {
    for (const e of corpus.entities) {
      for (const target of Object.values(e.links)) {
        const t = byId.get(target!);
        expect(t).toBeDefined();
        expect(byTitle.has(t!.title)).toBe(true);
      }
    }
  });

  test("distractors: namesakes and look-alike companies sit next to the real article", () => {
    const namesakes = corpus.entities.filter((e) => e.role === "namesake");
    const lookalikes = corpus.entities.filter((e) => e.role === "lookalike");
    expect(namesakes.length).toBeGreaterThanOrEqual(10);
    expect(lookalikes.length).toBeGreaterThanOrEqual(5);
    for (const n of namesakes) {
      expect(n.title).toMatch(new RegExp(`^${n.name} \\(\\w+\\)$`));
      expect(byTitle.has(n.name)).toBe(true);
    }
    for (const l of lookalikes) {
      const base = byId.get(l.links.lookalikeOf!)!;
      expect(l.title).toMatch(new RegExp(`^${base.title} (Group|Holdings|International)$`));
    }
    const adaptations = corpus.entities.filter((e) => e.kind === "film" && e.title.endsWith(" (film)"));
    expect(adaptations.length).toBeGreaterThan(0);
    for (const f of adaptations) expect(byTitle.has(f.name)).toBe(true);
  });
});

describe("wiki questions", () => {
  const questions = wikiQuestions();

  test("at least 150 questions of both types, some needing 3-4 hops", () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const levels = new Map<string, number>();
    for (const q of questions) levels.set(q.level, (levels.get(q.level) ?? 0) + 1);
    expect(levels.get("bridge")).toBeGreaterThanOrEqual(40);
    expect(levels.get("comparison")).toBeGreaterThanOrEqual(40);
    expect((levels.get("bridge-3hop") ?? 0) + (levels.get("bridge-4hop") ?? 0)).toBeGreaterThanOrEqual(30);
    expect(levels.get("comparison-4hop")).toBeGreaterThanOrEqual(10);
    const yes = questions.filter((q) => q.answer === "yes").length;
    const no = questions.filter((q) => q.answer === "no").length;
    expect(yes).toBeGreaterThanOrEqual(10);
    expect(no).toBeGreaterThanOrEqual(10);
  });

  test("ids are unique and numbered per type", () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(q.id).toMatch(new RegExp(`^wiki-${q.type}-\\d{3}$`));
    expect(questions.map((q) => q.id)).toContain("wiki-bridge-001");
    expect(questions.map((q) => q.id)).toContain("wiki-comparison-001");
  });

  test("the number of article reads matches the level", () => {
    for (const q of questions) {
      const hops = q.steps.length;
      const m = /(\d)hop$/.exec(q.level);
      const expected = m ? Number(m[1]) : 2;
      expect(hops).toBe(expected);
    }
  });

  test("references are DAGs: bridges chain, comparisons run two independent branches", () => {
    for (const q of questions) {
      const subtasks = q.reference.subtasks;
      const seen = new Set<string>();
      for (const s of subtasks) {
        for (const d of s.deps) expect(seen.has(d)).toBe(true);
        seen.add(s.id);
        expect(s.spec.length).toBeGreaterThan(15);
        expect(s.actions.length).toBeGreaterThan(0);
      }
      const finish = subtasks[subtasks.length - 1];
      expect(finish.actions).toEqual([{ tool: "Finish", args: { answer: q.answer } }]);
      expect(q.reference.answer).toBe(q.answer);
      const roots = subtasks.filter((s) => s.deps.length === 0);
      expect(roots.length).toBe(q.type === "comparison" ? 2 : 1);
    }
  });

  test("a bridge answer is not visible from the first article alone", () => {
    const corpus = wikiCorpus();
    const byTitle = new Map(corpus.articles.map((a) => [a.title, a]));
    for (const q of questions.filter((x) => x.type === "bridge")) {
      const first = byTitle.get(q.steps[0].title)!;
      expect(first.sentences.join(" ")).not.toContain(q.answer);
    }
  });

  test("some references need Lookup (facts beyond the first five sentences)", () => {
    const withLookup = questions.filter((q) =>
      q.reference.subtasks.some((s) => s.actions.some((a) => a.tool === "Lookup")),
    );
    expect(withLookup.length).toBeGreaterThanOrEqual(20);
  });
});

describe("docs/wiki.md", () => {
  test("states the bundled sizes", () => {
    const doc = readFileSync(new URL("../docs/wiki.md", import.meta.url), "utf8");
    const questions = wikiQuestions();
    const count = (level: string) => questions.filter((q) => q.level === level).length;
    const lookups = questions.filter((q) =>
      q.reference.subtasks.some((s) => s.actions.some((a) => a.tool === "Lookup")),
    ).length;
    expect(doc).toContain(`${wikiCorpus().articles.length} articles`);
    expect(doc).toContain(`${questions.length} questions`);
    expect(doc).toContain(
      `${count("bridge")} two-hop, ${count("bridge-3hop")} \`bridge-3hop\`, ${count("bridge-4hop")} \`bridge-4hop\``,
    );
    expect(doc).toContain(`${lookups} of the ${questions.length} reference solutions need Lookup`);
  });
});
