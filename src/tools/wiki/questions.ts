/**
 * HotpotQA-style questions over the generated corpus, with reference solutions.
 *
 * Bridge: a chain of facts where each fact names the next entity ("the film's director" ->
 * "the director's birth year"), 2 to 4 articles long. Comparison: the same attribute of two
 * entities, answered with one of the two names or with yes/no; the "-4hop" variant reaches
 * the compared attribute through a linked entity on both sides.
 */
import { createRng, hashString, pick, shuffle, type Rng } from "../rng.js";
import type { ReferenceSolution, ReferenceSubtask } from "../types.js";
import { mention, type RenderedArticle } from "./articles.js";
import type { WikiCorpus } from "./corpus.js";
import { answerShape, attrPhrase, describeEntity, factActions, factSpec } from "./reference.js";
import { isLinkAttr, type Attr, type Entity, type EntityKind, type EntityRole } from "./world.js";

export type QuestionType = "bridge" | "comparison";

/** One fact a reference solution reads, for tests and error analysis. */
export interface FactStep {
  /** Reference sub-task that reads it. */
  node: string;
  entityId: string;
  title: string;
  attr: Attr;
  /** The fact as the article writes it (a linked entity's name, or the literal value). */
  value: string;
}

export interface WikiQuestion {
  id: string;
  type: QuestionType;
  /** "bridge", "bridge-3hop", "bridge-4hop", "comparison" or "comparison-4hop". */
  level: string;
  question: string;
  answer: string;
  steps: FactStep[];
  reference: ReferenceSolution;
}

/** Questions per level in the bundled set. */
export const QUESTION_TARGETS: Record<string, number> = {
  bridge: 60,
  "bridge-3hop": 30,
  "bridge-4hop": 15,
  comparison: 60,
  "comparison-4hop": 15,
};

interface BridgePattern {
  start: EntityKind;
  roles?: EntityRole[];
  path: Attr[];
  question: (x: string) => string;
}

type ComparisonMode = "earlier" | "larger" | "same" | "both";

interface ComparisonPattern {
  kind: EntityKind;
  roles?: EntityRole[];
  path: Attr[];
  mode: ComparisonMode;
  /** For mode "both": the occupation both must have. */
  occupation?: string;
  question: (a: string, b: string) => string;
}

const MAIN_PEOPLE: EntityRole[] = ["director", "novelist", "singer", "entrepreneur", "actor"];

const BRIDGE: BridgePattern[] = [
  {
    start: "film",
    path: ["director", "born"],
    question: (x) => `In what year was the director of the film ${x} born?`,
  },
  {
    start: "film",
    path: ["director", "nationality"],
    question: (x) => `What nationality is the director of the film ${x}?`,
  },
  { start: "film", path: ["star", "born"], question: (x) => `In what year was the lead actor of the film ${x} born?` },
  {
    start: "film",
    path: ["studio", "founded"],
    question: (x) => `In what year was the studio that produced the film ${x} founded?`,
  },
  {
    start: "film",
    path: ["studio", "headquarters"],
    question: (x) => `In which city is the studio that produced the film ${x} headquartered?`,
  },
  { start: "book", path: ["author", "born"], question: (x) => `In what year was the author of the novel ${x} born?` },
  {
    start: "book",
    path: ["author", "birthplace"],
    question: (x) => `In which city was the author of the novel ${x} born?`,
  },
  {
    start: "book",
    path: ["publisher", "founded"],
    question: (x) => `When was the publisher of the novel ${x} founded?`,
  },
  {
    start: "company",
    roles: ["studio", "publisher", "label", "other"],
    path: ["founder", "born"],
    question: (x) => `In what year was the founder of ${x} born?`,
  },
  { start: "band", path: ["singer", "nationality"], question: (x) => `What nationality is the lead singer of ${x}?` },
  {
    start: "band",
    path: ["label", "headquarters"],
    question: (x) => `In which city is the record label of ${x} headquartered?`,
  },
  { start: "university", path: ["location", "country"], question: (x) => `In which country is ${x} located?` },
  { start: "university", path: ["founder", "born"], question: (x) => `In what year was the founder of ${x} born?` },
  {
    start: "city",
    path: ["country", "capital"],
    question: (x) => `What is the capital of the country in which ${x} lies?`,
  },
  {
    start: "person",
    roles: ["director", "novelist"],
    path: ["education", "founded"],
    question: (x) => `In what year was the university attended by ${x} founded?`,
  },

  {
    start: "film",
    path: ["studio", "founder", "born"],
    question: (x) => `In what year was the founder of the studio that produced the film ${x} born?`,
  },
  {
    start: "film",
    path: ["director", "birthplace", "country"],
    question: (x) => `In which country was the director of the film ${x} born?`,
  },
  {
    start: "film",
    path: ["star", "birthplace", "country"],
    question: (x) => `In which country was the lead actor of the film ${x} born?`,
  },
  {
    start: "book",
    path: ["publisher", "headquarters", "population"],
    question: (x) => `What is the population of the city where the publisher of the novel ${x} is headquartered?`,
  },
  {
    start: "book",
    path: ["author", "education", "founded"],
    question: (x) => `In what year was the university attended by the author of the novel ${x} founded?`,
  },
  {
    start: "band",
    path: ["label", "founder", "nationality"],
    question: (x) => `What nationality is the founder of the record label that ${x} are signed to?`,
  },
  {
    start: "band",
    path: ["singer", "birthplace", "country"],
    question: (x) => `In which country was the lead singer of ${x} born?`,
  },

  {
    start: "film",
    path: ["director", "birthplace", "country", "capital"],
    question: (x) => `What is the capital of the country in which the director of the film ${x} was born?`,
  },
  {
    start: "film",
    path: ["studio", "founder", "birthplace", "country"],
    question: (x) => `In which country was the founder of the studio that produced the film ${x} born?`,
  },
  {
    start: "book",
    path: ["publisher", "founder", "birthplace", "country"],
    question: (x) => `In which country was the founder of the publisher of the novel ${x} born?`,
  },
  {
    start: "book",
    path: ["author", "birthplace", "country", "capital"],
    question: (x) => `What is the capital of the country in which the author of the novel ${x} was born?`,
  },
  {
    start: "band",
    path: ["label", "headquarters", "country", "capital"],
    question: (x) => `What is the capital of the country where the record label of ${x} is headquartered?`,
  },
];

const COMPARISON: ComparisonPattern[] = [
  {
    kind: "person",
    roles: MAIN_PEOPLE,
    path: ["born"],
    mode: "earlier",
    question: (a, b) => `Who was born first, ${a} or ${b}?`,
  },
  {
    kind: "person",
    roles: MAIN_PEOPLE,
    path: ["nationality"],
    mode: "same",
    question: (a, b) => `Are ${a} and ${b} of the same nationality?`,
  },
  {
    kind: "person",
    roles: MAIN_PEOPLE,
    path: ["occupation"],
    mode: "both",
    occupation: "film director",
    question: (a, b) => `Are both ${a} and ${b} film directors?`,
  },
  {
    kind: "person",
    roles: MAIN_PEOPLE,
    path: ["occupation"],
    mode: "both",
    occupation: "novelist",
    question: (a, b) => `Are ${a} and ${b} both novelists?`,
  },
  {
    kind: "film",
    path: ["released"],
    mode: "earlier",
    question: (a, b) => `Which film was released first, ${a} or ${b}?`,
  },
  {
    kind: "film",
    path: ["director"],
    mode: "same",
    question: (a, b) => `Were the films ${a} and ${b} directed by the same person?`,
  },
  {
    kind: "company",
    roles: ["studio", "publisher", "label", "other"],
    path: ["founded"],
    mode: "earlier",
    question: (a, b) => `Which company was founded first, ${a} or ${b}?`,
  },
  {
    kind: "company",
    roles: ["studio", "publisher", "label", "other"],
    path: ["headquarters"],
    mode: "same",
    question: (a, b) => `Are ${a} and ${b} headquartered in the same city?`,
  },
  {
    kind: "city",
    path: ["population"],
    mode: "larger",
    question: (a, b) => `Which city has the larger population, ${a} or ${b}?`,
  },
  { kind: "band", path: ["formed"], mode: "earlier", question: (a, b) => `Which band was formed first, ${a} or ${b}?` },
  {
    kind: "university",
    path: ["founded"],
    mode: "earlier",
    question: (a, b) => `Which university is older, ${a} or ${b}?`,
  },
  {
    kind: "book",
    path: ["published"],
    mode: "earlier",
    question: (a, b) => `Which novel was published first, ${a} or ${b}?`,
  },

  {
    kind: "person",
    roles: MAIN_PEOPLE,
    path: ["birthplace", "country"],
    mode: "same",
    question: (a, b) => `Were ${a} and ${b} born in the same country?`,
  },
  {
    kind: "film",
    path: ["director", "born"],
    mode: "earlier",
    question: (a, b) => `Which film's director was born first, ${a} or ${b}?`,
  },
  {
    kind: "book",
    path: ["author", "nationality"],
    mode: "same",
    question: (a, b) => `Were the authors of the novels ${a} and ${b} of the same nationality?`,
  },
  {
    kind: "band",
    path: ["singer", "born"],
    mode: "earlier",
    question: (a, b) => `Which band's lead singer was born first, ${a} or ${b}?`,
  },
];

export function bridgeLevel(hops: number): string {
  return hops === 2 ? "bridge" : `bridge-${hops}hop`;
}

export function comparisonLevel(pathLength: number): string {
  return pathLength === 1 ? "comparison" : `comparison-${2 * pathLength}hop`;
}

interface WalkStep {
  entity: Entity;
  attr: Attr;
  value: string;
}

class QuestionBuilder {
  private readonly byId: Map<string, Entity>;
  private readonly articles: Map<string, RenderedArticle>;
  private readonly seen = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly corpus: WikiCorpus,
  ) {
    this.byId = new Map(corpus.entities.map((e) => [e.id, e]));
    this.articles = new Map(corpus.articles.map((a) => [a.entityId, a]));
  }

  private article(e: Entity): RenderedArticle {
    const a = this.articles.get(e.id);
    if (!a) throw new Error(`no article for ${e.id}`);
    return a;
  }

  pool(kind: EntityKind, roles?: EntityRole[]): Entity[] {
    return this.corpus.entities.filter(
      (e) => e.kind === kind && !e.distractor && (!roles || (e.role !== undefined && roles.includes(e.role))),
    );
  }

  /** Follows `path` from `start`; null if a link is missing or an article does not state a fact. */
  walk(start: Entity, path: Attr[]): WalkStep[] | null {
    const steps: WalkStep[] = [];
    let e = start;
    for (const attr of path) {
      if (!this.article(e).facts[attr]) return null;
      if (isLinkAttr(attr)) {
        const id = e.links[attr];
        const next = id === undefined ? undefined : this.byId.get(id);
        if (!next) return null;
        steps.push({ entity: e, attr, value: next.name });
        e = next;
      } else {
        const value = e.values[attr];
        if (value === undefined) return null;
        steps.push({ entity: e, attr, value });
      }
    }
    return steps;
  }

  /** Claims a question key; false if that question already exists. */
  claim(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** Sub-tasks reading one chain of facts, numbered from `firstNode`. */
  chainSubtasks(
    start: Entity,
    steps: WalkStep[],
    firstNode: number,
  ): { subtasks: ReferenceSubtask[]; facts: FactStep[]; subject: string } {
    const subtasks: ReferenceSubtask[] = [];
    const facts: FactStep[] = [];
    let subject = describeEntity(start);
    steps.forEach((step, i) => {
      const id = `n${firstNode + i}`;
      subtasks.push({
        id,
        spec: factSpec(step.attr, subject, step.entity, i > 0),
        deps: i > 0 ? [`n${firstNode + i - 1}`] : [],
        actions: factActions(this.article(step.entity), step.attr),
      });
      facts.push({ node: id, entityId: step.entity.id, title: step.entity.title, attr: step.attr, value: step.value });
      subject = attrPhrase(step.attr, subject);
    });
    return { subtasks, facts, subject };
  }

  bridge(p: BridgePattern): Omit<WikiQuestion, "id"> | null {
    const start = pick(this.rng, this.pool(p.start, p.roles));
    const steps = this.walk(start, p.path);
    if (!steps) return null;
    const answer = steps[steps.length - 1].value;
    // Multi-hop means the first article must not already give the answer away, e.g. "What is
    // the capital of the country in which <the capital> lies?" or a stray mention in a filler.
    if (this.article(start).sentences.some((x) => x.includes(answer))) return null;
    if (!this.claim(`${p.path.join(">")}:${start.id}`)) return null;
    const chain = this.chainSubtasks(start, steps, 1);
    const finishId = `n${steps.length + 1}`;
    const lastAttr = p.path[p.path.length - 1];
    chain.subtasks.push({
      id: finishId,
      spec: `Submit the final answer with Finish: ${chain.subject} (${answerShape(lastAttr)}).`,
      deps: chain.subtasks.map((t) => t.id),
      actions: [{ tool: "Finish", args: { answer } }],
    });
    return {
      type: "bridge",
      level: bridgeLevel(p.path.length),
      question: p.question(mention(start)),
      answer,
      steps: chain.facts,
      reference: { subtasks: chain.subtasks, answer },
    };
  }

  comparison(p: ComparisonPattern): Omit<WikiQuestion, "id"> | null {
    const pool = this.pool(p.kind, p.roles);
    const pair = this.pickPair(p, pool);
    if (!pair) return null;
    const [a, b, stepsA, stepsB] = pair;
    const key = `${p.path.join(">")}:${p.mode}:${p.occupation ?? ""}:${[a.id, b.id].sort().join("|")}`;
    if (!this.claim(key)) return null;
    const final = (steps: WalkStep[]) => steps[steps.length - 1].value;
    const num = (steps: WalkStep[]) => Number(final(steps).replace(/,/g, ""));
    let answer: string;
    switch (p.mode) {
      case "earlier":
        answer = num(stepsA) < num(stepsB) ? a.name : b.name;
        break;
      case "larger":
        answer = num(stepsA) > num(stepsB) ? a.name : b.name;
        break;
      case "same":
        answer = final(stepsA) === final(stepsB) ? "yes" : "no";
        break;
      case "both":
        answer = final(stepsA) === p.occupation && final(stepsB) === p.occupation ? "yes" : "no";
        break;
    }
    const question = p.question(mention(a), mention(b));
    const sideA = this.chainSubtasks(a, stepsA, 1);
    const sideB = this.chainSubtasks(b, stepsB, 1 + stepsA.length);
    const subtasks = [...sideA.subtasks, ...sideB.subtasks];
    const shape = p.mode === "same" || p.mode === "both" ? "yes or no" : "just the name of one of the two";
    subtasks.push({
      id: `n${subtasks.length + 1}`,
      spec: `Answer the question "${question}" with Finish (${shape}), using the facts found by the prerequisite sub-tasks.`,
      deps: subtasks.map((t) => t.id),
      actions: [{ tool: "Finish", args: { answer } }],
    });
    return {
      type: "comparison",
      level: comparisonLevel(p.path.length),
      question,
      answer,
      steps: [...sideA.facts, ...sideB.facts],
      reference: { subtasks, answer },
    };
  }

  /** Two distinct entities whose compared values make a well-posed question; yes/no balanced. */
  private pickPair(p: ComparisonPattern, pool: Entity[]): [Entity, Entity, WalkStep[], WalkStep[]] | null {
    const wantYes = this.rng() < 0.5;
    const final = (steps: WalkStep[]) => steps[steps.length - 1].value;
    let firstPool = pool;
    if (p.mode === "both") firstPool = pool.filter((e) => e.values.occupation === p.occupation);
    const a = pick(this.rng, firstPool);
    const stepsA = this.walk(a, p.path);
    if (!stepsA) return null;
    const candidates = shuffle(this.rng, pool).filter((b) => b.id !== a.id);
    for (const b of candidates) {
      const stepsB = this.walk(b, p.path);
      if (!stepsB) continue;
      const same = final(stepsA) === final(stepsB);
      const ok =
        p.mode === "same" ? same === wantYes : p.mode === "both" ? (final(stepsB) === p.occupation) === wantYes : !same;
      if (!ok) continue;
      // Put the pair in random order so the answer is not always the first name.
      return this.rng() < 0.5 ? [a, b, stepsA, stepsB] : [b, a, stepsB, stepsA];
    }
    return null;
  }
}

/** Random draws a pattern may waste before it is dropped. */
const MAX_FAILURES = 60;

function levelOf(p: BridgePattern | ComparisonPattern): string {
  return "start" in p ? bridgeLevel(p.path.length) : comparisonLevel(p.path.length);
}

/** The question set for a corpus; deterministic in (corpus, seed). */
export function generateQuestions(
  corpus: WikiCorpus,
  seed: number,
  targets: Record<string, number> = QUESTION_TARGETS,
): WikiQuestion[] {
  const rng = createRng(hashString(`wiki-questions:${seed}`));
  const builder = new QuestionBuilder(rng, corpus);
  const out: WikiQuestion[] = [];
  const counters: Record<QuestionType, number> = { bridge: 0, comparison: 0 };
  for (const [level, target] of Object.entries(targets)) {
    const patterns: (BridgePattern | ComparisonPattern)[] = [...BRIDGE, ...COMPARISON].filter(
      (p) => levelOf(p) === level,
    );
    const failures = patterns.map(() => 0);
    const alive = (i: number) => failures[i] < MAX_FAILURES;
    let made = 0;
    let turn = 0;
    // Round-robin over the level's patterns so every template is represented; a pattern that
    // keeps failing (no fresh, well-posed start left) drops out.
    while (made < target && patterns.some((_, i) => alive(i))) {
      const i = turn++ % patterns.length;
      if (!alive(i)) continue;
      const p = patterns[i];
      const q = "start" in p ? builder.bridge(p) : builder.comparison(p);
      if (!q) {
        failures[i] += 1;
        continue;
      }
      counters[q.type] += 1;
      out.push({ id: `wiki-${q.type}-${String(counters[q.type]).padStart(3, "0")}`, ...q });
      made++;
    }
  }
  return out;
}
