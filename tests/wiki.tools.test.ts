import type { StructuredToolInterface } from "@langchain/core/tools";
import {
  createWikiSession,
  memoryBackend,
  splitSentences,
  wikiCorpus,
  wikiEnv,
  type WikiArticle,
  type WikiBackend,
} from "../src/tools/wiki/index.js";

const VANCE: WikiArticle = {
  title: "Marlow Vance",
  sentences: [
    "Marlow Vance (born 1931) is a Valdorian film director.",
    "Vance studied at the University of Kelholm.",
    "Vance is best known for directing The Silent Harbor.",
    "Vance received the Halden Prize in 1970.",
    "Critics have described Vance as an original voice.",
    "Vance was born in Ashford and went to school there.",
    "Vance later settled in Kesmark.",
  ],
};

const article = (title: string, ...sentences: string[]): WikiArticle => ({ title, sentences });

const ARTICLES: WikiArticle[] = [
  VANCE,
  article(
    "Marlow Vance (footballer)",
    "Marlow Vance (born 1990) is a Kesmarkian footballer.",
    "Vance plays for Ashford Rovers.",
  ),
  article("Mara Vance", "Mara Vance is a painter."),
  article("Vance Motors", "Vance Motors is an automotive company."),
  article("Vance Bridge", "Vance Bridge crosses the Tarn."),
  article("Ostrava Pictures", "Ostrava Pictures is a film production company.", "It was founded in 1921."),
  article("Ostrava Pictures Group", "Ostrava Pictures Group is an investment holding company."),
  article("The Silent Harbor", "The Silent Harbor is a 1950 novel by Ilse Thorne."),
  article("The Silent Harbor (film)", "The Silent Harbor is a 1962 drama film directed by Marlow Vance."),
  article("Ashford", "Ashford is a city in Valdoria.", "Ashford has a population of 412,350."),
  article("Kelholm", "Kelholm is a city in Kesmark."),
  article("University of Kelholm", "University of Kelholm is a public research university in Kelholm."),
  article("Valdoria", "Valdoria is a country in the northern lowlands."),
  article("Halden Prize", "The Halden Prize is an arts award."),
];

function fixtureSession() {
  return createWikiSession(memoryBackend(ARTICLES));
}

async function call(tools: StructuredToolInterface[], name: string, args: Record<string, unknown>): Promise<string> {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return String(await t.invoke(args));
}

const leadOf = (a: WikiArticle) => a.sentences.slice(0, 5).join(" ");

describe("wiki tools", () => {
  test("exposes exactly Search, Lookup and Finish with described fields", () => {
    const tools = fixtureSession().tools("main");
    expect(tools.map((t) => t.name)).toEqual(["Search", "Lookup", "Finish"]);
    for (const t of tools) expect(t.description.length).toBeGreaterThan(40);
  });

  test("Search: a case-insensitive exact title shows the first five sentences", async () => {
    const tools = fixtureSession().tools("main");
    const obs = await call(tools, "Search", { entity: "  marlow   VANCE " });
    expect(obs).toBe(leadOf(VANCE));
    expect(obs).not.toContain("born in Ashford");
  });

  test("Search: a fuzzy hit opens the closest article and says which one", async () => {
    const tools = fixtureSession().tools("main");
    expect(await call(tools, "Search", { entity: "Marlo Vance" })).toBe(
      `(Closest match for "Marlo Vance": Marlow Vance) ${leadOf(VANCE)}`,
    );
    expect(await call(tools, "Search", { entity: "Marlow Vance footballer" })).toContain("Kesmarkian footballer");
    expect(await call(tools, "Search", { entity: "Kelholm University" })).toContain("public research university");
  });

  test("Search: a miss lists the five most similar titles", async () => {
    const tools = fixtureSession().tools("main");
    const obs = await call(tools, "Search", { entity: "Vance" });
    const m = /^Could not find Vance\. Similar: \[(.*)\]\.$/.exec(obs);
    expect(m).not.toBeNull();
    const similar = m![1].split(", ");
    expect(similar).toHaveLength(5);
    expect(new Set(similar)).toEqual(
      new Set(["Marlow Vance", "Marlow Vance (footballer)", "Mara Vance", "Vance Motors", "Vance Bridge"]),
    );
  });

  test("Search: near-twin titles are not guessed between", async () => {
    const tools = fixtureSession().tools("main");
    const obs = await call(tools, "Search", { entity: "Ostrava Pictures Gr" });
    expect(obs).toMatch(/^Could not find Ostrava Pictures Gr\. Similar: \[Ostrava Pictures, Ostrava Pictures Group/);
    // One letter short of a single title is close enough.
    expect(await call(tools, "Search", { entity: "Ostrava Picture" })).toContain("film production company");
  });

  test("Lookup walks matching sentences as (Result i / N), then says No more results.", async () => {
    const tools = fixtureSession().tools("main");
    await call(tools, "Search", { entity: "Marlow Vance" });
    expect(await call(tools, "Lookup", { keyword: "born" })).toBe(`(Result 1 / 2) ${VANCE.sentences[0]}`);
    expect(await call(tools, "Lookup", { keyword: "BORN" })).toBe(`(Result 2 / 2) ${VANCE.sentences[5]}`);
    expect(await call(tools, "Lookup", { keyword: "born" })).toBe("No more results.");
    expect(await call(tools, "Lookup", { keyword: "born" })).toBe("No more results.");
    // A different keyword starts a new run; a keyword that never occurs has no results.
    expect(await call(tools, "Lookup", { keyword: "Kesmark" })).toBe(`(Result 1 / 1) ${VANCE.sentences[6]}`);
    expect(await call(tools, "Lookup", { keyword: "zebra" })).toBe("No more results.");
    expect(await call(tools, "Lookup", { keyword: "born" })).toBe(`(Result 1 / 2) ${VANCE.sentences[0]}`);
  });

  test("Lookup without an open article asks for a Search first", async () => {
    const tools = fixtureSession().tools("main");
    expect(await call(tools, "Lookup", { keyword: "born" })).toMatch(/No article is open.*Search/);
  });

  test("a successful Search resets the lookup cursor; a miss keeps the open article", async () => {
    const tools = fixtureSession().tools("main");
    await call(tools, "Search", { entity: "Marlow Vance" });
    await call(tools, "Lookup", { keyword: "born" });
    await call(tools, "Search", { entity: "Marlow Vance" });
    expect(await call(tools, "Lookup", { keyword: "born" })).toMatch(/^\(Result 1 \/ 2\)/);
    expect(await call(tools, "Search", { entity: "Nobody At All" })).toMatch(/^Could not find Nobody At All\./);
    expect(await call(tools, "Lookup", { keyword: "born" })).toMatch(/^\(Result 2 \/ 2\) Vance was born in Ashford/);
    await call(tools, "Search", { entity: "Ashford" });
    expect(await call(tools, "Lookup", { keyword: "population" })).toBe(
      "(Result 1 / 1) Ashford has a population of 412,350.",
    );
  });

  test("each scope keeps its own article and cursor; the same scope shares them", async () => {
    const session = fixtureSession();
    const a = session.tools("n1");
    const b = session.tools("n2");
    await call(a, "Search", { entity: "Marlow Vance" });
    await call(b, "Search", { entity: "Ashford" });
    expect(await call(a, "Lookup", { keyword: "born" })).toMatch(/^\(Result 1 \/ 2\) Marlow Vance/);
    expect(await call(b, "Lookup", { keyword: "born" })).toBe("No more results.");
    expect(await call(session.tools("n1"), "Lookup", { keyword: "born" })).toMatch(/^\(Result 2 \/ 2\)/);
    expect(await call(session.tools("n3"), "Lookup", { keyword: "born" })).toMatch(/No article is open/);
    expect(session.reader("n2").article?.title).toBe("Ashford");
  });

  test("Finish submits the answer without revealing whether it is right", async () => {
    const session = fixtureSession();
    const obs = await call(session.tools("n3"), "Finish", { answer: "  1931 " });
    expect(obs).toBe("Answer submitted: 1931");
    expect(obs).not.toMatch(/correct|wrong|reward/i);
    expect(session.submission()).toBe("1931");
    await call(session.tools("main"), "Finish", { answer: "Ashford" });
    expect(session.submission()).toBe("Ashford");
  });

  test("invalid calls return an observation and change nothing", async () => {
    const session = fixtureSession();
    const tools = session.tools("main");
    await call(tools, "Search", { entity: "Marlow Vance" });
    await call(tools, "Lookup", { keyword: "born" });
    expect(await call(tools, "Search", { entity: "   " })).toMatch(/non-empty `entity`/);
    expect(await call(tools, "Search", { entity: 42 })).toMatch(/non-empty `entity`/);
    expect(await call(tools, "Search", {})).toMatch(/non-empty `entity`/);
    expect(await call(tools, "Lookup", { keyword: "" })).toMatch(/non-empty `keyword`/);
    expect(await call(tools, "Finish", { answer: " " })).toMatch(/non-empty `answer`/);
    expect(await call(tools, "Finish", { answer: null })).toMatch(/non-empty `answer`/);
    expect(session.submission()).toBeNull();
    expect(session.reader("main").article?.title).toBe("Marlow Vance");
    expect(await call(tools, "Lookup", { keyword: "born" })).toMatch(/^\(Result 2 \/ 2\)/);
  });

  test("callCounts counts every call per tool, valid or not", async () => {
    const session = fixtureSession();
    expect(session.callCounts()).toEqual({ Search: 0, Lookup: 0, Finish: 0 });
    await call(session.tools("a"), "Search", { entity: "Vance" });
    await call(session.tools("b"), "Search", { entity: "Ashford" });
    await call(session.tools("b"), "Lookup", { keyword: "" });
    await call(session.tools("b"), "Finish", { answer: "x" });
    expect(session.callCounts()).toEqual({ Search: 2, Lookup: 1, Finish: 1 });
  });

  test("works over an async custom backend, and a failing backend becomes an observation", async () => {
    let fail = false;
    const backend: WikiBackend = {
      async search(entity) {
        if (fail) throw new Error("service unavailable");
        return entity.toLowerCase() === "kelholm"
          ? { found: true, title: "Kelholm", exact: true }
          : { found: false, similar: ["Kelholm"] };
      },
      async article(title) {
        return title === "Kelholm"
          ? {
              title,
              sentences: splitSentences(
                "Kelholm is a city. It lies on the Tarn River. About 10,000 people live there.",
              ),
            }
          : null;
      },
    };
    const session = createWikiSession(backend);
    const tools = session.tools("main");
    expect(await call(tools, "Search", { entity: "Kelholm" })).toBe(
      "Kelholm is a city. It lies on the Tarn River. About 10,000 people live there.",
    );
    expect(await call(tools, "Search", { entity: "Kelhom" })).toBe("Could not find Kelhom. Similar: [Kelholm].");
    fail = true;
    expect(await call(tools, "Search", { entity: "Valdoria" })).toMatch(/^Search failed: service unavailable/);
    expect(await call(tools, "Lookup", { keyword: "tarn" })).toBe("(Result 1 / 1) It lies on the Tarn River.");
  });

  test("splitSentences splits at sentence ends before a capital or digit", () => {
    expect(splitSentences("A is big. B was born in 1931! Is it? 1999 was a year.")).toEqual([
      "A is big.",
      "B was born in 1931!",
      "Is it?",
      "1999 was a year.",
    ]);
    expect(splitSentences("It costs 3.5 million. Done.")).toEqual(["It costs 3.5 million.", "Done."]);
  });
});

describe("wiki tools on the bundled corpus", () => {
  const corpus = wikiCorpus();
  const titles = new Set(corpus.articles.map((a) => a.title));
  const taskId = wikiEnv.tasks()[0].id;

  test("a namesake's bare name opens the main article; the disambiguated title opens the namesake", async () => {
    const namesake = corpus.entities.find((e) => e.role === "namesake")!;
    const main = corpus.articles.find((a) => a.title === namesake.name)!;
    const tools = wikiEnv.createSession(taskId).tools("main");
    expect(await call(tools, "Search", { entity: namesake.name })).toBe(main.sentences.slice(0, 5).join(" "));
    expect(await call(tools, "Search", { entity: namesake.title })).toContain(namesake.values.occupation!);
  });

  test("a one-letter typo of a real title opens that title", async () => {
    const target = corpus.articles.find((a) => a.entityId.startsWith("film-") && a.title.length > 14)!;
    // Replace a letter inside a word, near the middle of the title.
    let i = Math.floor(target.title.length / 2);
    while (!/[a-z]{3}/.test(target.title.slice(i - 1, i + 2))) i++;
    const typo = target.title.slice(0, i) + "q" + target.title.slice(i + 1);
    const obs = await call(wikiEnv.createSession(taskId).tools("main"), "Search", { entity: typo });
    expect(obs).toBe(`(Closest match for "${typo}": ${target.title}) ${target.sentences.slice(0, 5).join(" ")}`);
  });

  test("a miss on a shared surname suggests five titles containing it", async () => {
    const counts = new Map<string, number>();
    for (const e of corpus.entities)
      if (e.kind === "person") counts.set(e.name.split(" ")[1], (counts.get(e.name.split(" ")[1]) ?? 0) + 1);
    const surname = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const obs = await call(wikiEnv.createSession(taskId).tools("main"), "Search", { entity: surname });
    const similar = /Similar: \[(.*)\]\.$/.exec(obs)![1].split(", ");
    expect(similar).toHaveLength(5);
    for (const t of similar) {
      expect(titles.has(t)).toBe(true);
      expect(t).toContain(surname);
    }
  });
});
