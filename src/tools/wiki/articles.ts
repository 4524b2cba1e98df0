/**
 * Writes one encyclopaedia article per entity, in plain sentences, and records which
 * sentence states each fact.
 *
 * Search shows only the first five sentences, so an article is laid out as a lead of five
 * sentences followed by a tail. About a third of the time a fact a question may need (a
 * film's studio, a person's birthplace...) is written into the tail: it can then only be
 * reached with Lookup, as in the original HotpotQA environment.
 */
import { pick, randInt, shuffle, type Rng } from "../rng.js";
import {
  AWARDS,
  CITY_FEATURES,
  CURRENCIES,
  PEOPLE_NOUNS,
  RIVERS,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  withCommas,
} from "./names.js";
import type { Attr, Entity } from "./world.js";

/** Where an article states a fact, and the word a reader would Lookup to find it. */
export interface FactLocation {
  /** 0-based sentence index in the article. */
  sentence: number;
  /** Lower-case keyword contained in that sentence. */
  keyword: string;
}

export interface RenderedArticle {
  entityId: string;
  title: string;
  sentences: string[];
  facts: Partial<Record<Attr, FactLocation>>;
}

/** Sentences shown by Search; anything after these needs Lookup. */
export const LEAD_SENTENCES = 5;

/** Chance that a question-relevant fact is moved past the lead. */
const LATE_FACT_RATE = 0.3;

const PRESENT = 2023;

interface Draft {
  text: string;
  facts: [Attr, string][];
}

function s(text: string, ...facts: [Attr, string][]): Draft {
  return { text, facts };
}

function aOrAn(word: string): string {
  return /^[AEIOUaeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function surname(name: string): string {
  return name.split(" ").at(-1) ?? name;
}

/** "University of X" reads "the University of X" in running text, as in English prose. */
export function mention(e: Entity): string {
  return e.kind === "university" && e.name.startsWith("University of") ? `the ${e.name}` : e.name;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Lead (padded with fillers to five sentences), then the late facts and a few more fillers. */
function compose(rng: Rng, lead: Draft[], late: Draft[], fillers: Draft[], tail: Draft[] = []) {
  const pool = shuffle(rng, fillers);
  const head = [...lead];
  while (head.length < LEAD_SENTENCES && pool.length > 0) head.push(pool.shift()!);
  const extra = pool.slice(0, randInt(rng, 1, Math.max(1, Math.min(3, pool.length))));
  const drafts = [...head, ...shuffle(rng, [...late, ...extra]), ...tail];
  const facts: Partial<Record<Attr, FactLocation>> = {};
  drafts.forEach((d, i) => {
    for (const [attr, keyword] of d.facts) facts[attr] = { sentence: i, keyword };
  });
  return { sentences: drafts.map((d) => d.text), facts };
}

class Renderer {
  private readonly byId: Map<string, Entity>;
  /** Reverse links: target id -> entities that point at it through `attr`. */
  private readonly incoming = new Map<string, Entity[]>();

  constructor(
    private readonly rng: Rng,
    private readonly entities: readonly Entity[],
  ) {
    this.byId = new Map(entities.map((e) => [e.id, e]));
    for (const e of entities) {
      for (const [attr, target] of Object.entries(e.links)) {
        const key = `${attr}:${target}`;
        const list = this.incoming.get(key) ?? [];
        list.push(e);
        this.incoming.set(key, list);
      }
    }
  }

  private get(id: string | undefined): Entity {
    const e = id === undefined ? undefined : this.byId.get(id);
    if (!e) throw new Error(`dangling link ${id}`);
    return e;
  }

  private pointing(attr: Attr, target: Entity): Entity[] {
    return this.incoming.get(`${attr}:${target.id}`) ?? [];
  }

  private late(): boolean {
    return this.rng() < LATE_FACT_RATE;
  }

  private yearBetween(lo: number, hi: number): number {
    return randInt(this.rng, Math.min(lo, hi), Math.max(lo, hi));
  }

  private anyCity(): Entity {
    return pick(
      this.rng,
      this.entities.filter((e) => e.kind === "city"),
    );
  }

  private anyDemonym(): string {
    return pick(
      this.rng,
      this.entities.filter((e) => e.kind === "country"),
    ).values.demonym!;
  }

  render(e: Entity): RenderedArticle {
    const body = this.body(e);
    return { entityId: e.id, title: e.title, ...compose(this.rng, body.lead, body.late, body.fillers, body.tail) };
  }

  private body(e: Entity): { lead: Draft[]; late: Draft[]; fillers: Draft[]; tail?: Draft[] } {
    switch (e.kind) {
      case "person":
        return this.person(e);
      case "film":
        return this.film(e);
      case "book":
        return this.book(e);
      case "company":
        return this.company(e);
      case "university":
        return this.university(e);
      case "city":
        return this.city(e);
      case "country":
        return this.country(e);
      case "band":
        return this.band(e);
    }
  }

  private person(p: Entity) {
    const { rng } = this;
    const sur = surname(p.name);
    const v = p.values;
    const dead = v.died !== undefined;
    const is = dead ? "was" : "is";
    const born = Number(v.born);
    const lastYear = dead ? Number(v.died) : PRESENT;
    const lead: Draft[] = [
      dead
        ? s(
            `${p.name} (${v.born} – ${v.died}) was ${aOrAn(v.nationality!)} ${v.occupation}.`,
            ["born", v.born!],
            ["died", v.died!],
            ["nationality", v.nationality!.toLowerCase()],
            ["occupation", v.occupation!],
          )
        : s(
            `${p.name} (born ${v.born}) is ${aOrAn(v.nationality!)} ${v.occupation}.`,
            ["born", "born"],
            ["nationality", v.nationality!.toLowerCase()],
            ["occupation", v.occupation!],
          ),
    ];
    const late: Draft[] = [];
    const birthplace = this.get(p.links.birthplace);
    if (this.late())
      late.push(s(`${sur} was born in ${birthplace.name} and went to school there.`, ["birthplace", "born"]));
    else lead.push(s(`${sur} was born in ${birthplace.name}.`, ["birthplace", "born"]));
    if (p.links.education) {
      const uni = this.get(p.links.education);
      if (this.late()) late.push(s(`${sur} later studied at ${mention(uni)}.`, ["education", "studied"]));
      else lead.push(s(`${sur} studied at ${mention(uni)}.`, ["education", "studied"]));
    }
    const role = this.personRole(p, is);
    if (role) lead.push(role);
    const citizenship = this.get(p.links.citizenship);
    if (citizenship.id !== birthplace.links.country) {
      late.push(
        s(`${sur} later settled in ${citizenship.name} and became a citizen there.`, ["citizenship", "citizen"]),
      );
    }
    const fillers: Draft[] = [
      s(`${sur} received the ${pick(rng, AWARDS)} in ${this.yearBetween(born + 25, lastYear)}.`),
      s(
        `In ${this.yearBetween(born + 20, lastYear)}, ${sur} gave a series of public lectures in ${this.anyCity().name}.`,
      ),
      s(`${sur} spent several years working in ${this.anyCity().name}.`),
      s(`Critics have described ${sur} as one of the most original figures in ${this.anyDemonym()} culture.`),
      s(`A biography of ${sur} appeared in ${this.yearBetween(born + 30, PRESENT)}.`),
      s(`${sur} ${dead ? "was" : "is"} a member of the ${v.nationality} Academy of Arts.`),
    ];
    const tail: Draft[] = [];
    const namesakes = this.pointing("namesakeOf", p);
    if (namesakes.length > 0)
      tail.push(s(`${p.name} should not be confused with the ${namesakes[0].values.occupation} of the same name.`));
    if (p.links.namesakeOf) {
      const base = this.get(p.links.namesakeOf);
      tail.push(s(`${sur} is not to be confused with the ${base.values.occupation} ${base.name}.`));
    }
    return { lead, late, fillers, tail };
  }

  private personRole(p: Entity, is: string): Draft | null {
    const { rng } = this;
    const sur = surname(p.name);
    const names = (list: Entity[]) => listOf(list.slice(0, 2).map((x) => x.name));
    switch (p.role) {
      case "director": {
        const films = this.pointing("director", p);
        return films.length > 1
          ? s(`${sur} directed ${names(films)}.`)
          : s(`${sur} ${is} best known for directing ${names(films)}.`);
      }
      case "novelist": {
        const books = this.pointing("author", p);
        return books.length > 1
          ? s(`${sur} wrote ${names(books)}.`)
          : s(`${sur} ${is} best known as the author of ${names(books)}.`);
      }
      case "singer":
        return s(`${sur} ${is} the lead singer of ${names(this.pointing("singer", p))}.`);
      case "entrepreneur":
      case "philanthropist": {
        const founded = this.pointing("founder", p)[0];
        return founded ? s(`${sur} founded ${mention(founded)} in ${founded.values.founded}.`) : null;
      }
      case "actor": {
        const films = this.pointing("star", p);
        return films.length > 0
          ? s(`${sur} ${is} best known for starring in ${names(films)}.`)
          : s(`${sur} appeared in numerous stage productions.`);
      }
      case "namesake": {
        const city = this.anyCity().name;
        const byOccupation: Record<string, string> = {
          footballer: `${sur} played as a midfielder for ${city} United for ${randInt(rng, 3, 12)} seasons.`,
          politician: `${sur} represented ${city} in parliament for ${randInt(rng, 4, 20)} years.`,
          painter: `${sur} is known for large landscapes of the coast near ${city}.`,
          chemist: `${sur} worked on catalysis at a laboratory in ${city}.`,
          cyclist: `${sur} won the road race of ${city} ${randInt(rng, 1, 4)} times.`,
          poet: `${sur} published ${randInt(rng, 2, 9)} collections of poems.`,
          architect: `${sur} designed the central library of ${city}.`,
        };
        return s(byOccupation[p.values.occupation!] ?? `${sur} worked in ${city}.`);
      }
      default:
        return null;
    }
  }

  private film(f: Entity) {
    const { rng } = this;
    const v = f.values;
    const released = Number(v.released);
    const director = this.get(f.links.director);
    const lead: Draft[] = [];
    const late: Draft[] = [];
    if (this.late()) {
      lead.push(s(`${f.name} is ${aOrAn(v.released!)} ${v.genre} film.`, ["released", "film"], ["genre", "film"]));
      late.push(
        s(`The film was directed by ${director.name}, who also wrote the screenplay.`, ["director", "directed"]),
      );
    } else {
      lead.push(
        s(
          `${f.name} is ${aOrAn(v.released!)} ${v.genre} film directed by ${director.name}.`,
          ["released", "film"],
          ["genre", "film"],
          ["director", "directed"],
        ),
      );
    }
    lead.push(s(`It stars ${this.get(f.links.star).name}.`, ["star", "stars"]));
    const studio = this.get(f.links.studio);
    if (this.late())
      late.push(s(`${f.name} was produced by ${studio.name} on a modest budget.`, ["studio", "produced"]));
    else lead.push(s(`It was produced by ${studio.name}.`, ["studio", "produced"]));
    if (f.links.adaptedFrom) {
      const book = this.get(f.links.adaptedFrom);
      lead.push(
        s(`It is based on the ${book.values.genre} ${book.name} by ${this.get(book.links.author).name}.`, [
          "adaptedFrom",
          "based",
        ]),
      );
    }
    const fillers: Draft[] = [
      s(`Principal photography took place in ${this.get(f.links.location).name}.`),
      s(`The film premiered at the ${this.anyCity().name} Film Festival.`),
      s(`Critics praised its ${pick(rng, ["cinematography", "score", "screenplay", "editing", "ensemble cast"])}.`),
      s(`It received ${randInt(rng, 2, 9)} nominations at the ${this.anyDemonym()} Film Awards.`),
      s(`A restored version was screened in ${this.yearBetween(released + 15, PRESENT)}.`),
      s(`The film runs for ${randInt(rng, 84, 172)} minutes.`),
    ];
    return { lead, late, fillers };
  }

  private book(b: Entity) {
    const { rng } = this;
    const v = b.values;
    const lead: Draft[] = [
      s(
        `${b.name} is ${aOrAn(v.published!)} ${v.genre} by ${this.get(b.links.author).name}.`,
        ["published", "novel"],
        ["author", "by"],
        ["genre", "novel"],
      ),
    ];
    const late: Draft[] = [];
    const publisher = this.get(b.links.publisher);
    if (this.late()) late.push(s(`The first edition was published by ${publisher.name}.`, ["publisher", "published"]));
    else lead.push(s(`It was first published by ${publisher.name}.`, ["publisher", "published"]));
    lead.push(s(`The story is set in ${this.get(b.links.setting).name}.`, ["setting", "set"]));
    for (const film of this.pointing("adaptedFrom", b)) {
      late.push(s(`The novel was adapted into a film of the same name in ${film.values.released}.`));
    }
    const fillers: Draft[] = [
      s(`It has been translated into ${randInt(rng, 3, 40)} languages.`),
      s(
        `${b.name} won the ${pick(rng, AWARDS)} in ${this.yearBetween(Number(v.published) + 1, Number(v.published) + 3)}.`,
      ),
      s(
        `The narrative follows ${aOrAn(pick(rng, PEOPLE_NOUNS).toLowerCase())} over ${pick(rng, ["a single winter", "three decades", "one long summer", "a sea voyage"])}.`,
      ),
      s(`A sequel was announced but never written.`),
      s(`Early reviews were mixed, but the book sold steadily for decades.`),
      s(
        `The original manuscript is kept in the national library of ${
          pick(
            rng,
            this.entities.filter((e) => e.kind === "country"),
          ).name
        }.`,
      ),
    ];
    return { lead, late, fillers };
  }

  private company(c: Entity) {
    const { rng } = this;
    const v = c.values;
    const founded = Number(v.founded);
    const hq = this.get(c.links.headquarters);
    const founder = this.get(c.links.founder);
    const lead: Draft[] = [];
    const late: Draft[] = [];
    if (c.role !== "lookalike" && this.late()) {
      lead.push(s(`${c.name} is ${aOrAn(v.industry!)} company.`, ["industry", "company"]));
      late.push(s(`The company is headquartered in ${hq.name}.`, ["headquarters", "headquartered"]));
    } else {
      lead.push(
        s(
          `${c.name} is ${aOrAn(v.industry!)} company headquartered in ${hq.name}.`,
          ["industry", "company"],
          ["headquarters", "headquartered"],
        ),
      );
    }
    if (this.late()) {
      lead.push(s(`It was founded in ${v.founded}.`, ["founded", "founded"]));
      late.push(s(`The company's founder, ${founder.name}, served as its first chairman.`, ["founder", "founder"]));
    } else {
      lead.push(
        s(`It was founded in ${v.founded} by ${founder.name}.`, ["founded", "founded"], ["founder", "founded"]),
      );
    }
    const works = (attr: Attr) =>
      listOf(
        this.pointing(attr, c)
          .slice(0, 2)
          .map((x) => x.name),
      );
    if (c.role === "studio" && this.pointing("studio", c).length > 0)
      lead.push(s(`Its productions include ${works("studio")}.`));
    if (c.role === "publisher" && this.pointing("publisher", c).length > 0)
      lead.push(s(`Its catalogue includes ${works("publisher")}.`));
    if (c.role === "label" && this.pointing("label", c).length > 0)
      lead.push(s(`Artists on its roster have included ${works("label")}.`));
    if (c.links.lookalikeOf)
      lead.push(s(`Despite the similar name, it is not affiliated with ${this.get(c.links.lookalikeOf).name}.`));
    const fillers: Draft[] = [
      s(`${c.name} employs about ${withCommas(randInt(rng, 40, 9000))} people.`),
      s(`In ${this.yearBetween(founded + 1, PRESENT)}, the company opened an office in ${this.anyCity().name}.`),
      s(`Its shares are traded on the ${this.anyDemonym()} stock exchange.`),
      s(
        `The company reported an annual revenue of ${randInt(rng, 5, 900)} million ${pick(rng, CURRENCIES)}s in ${this.yearBetween(Math.max(founded + 1, 1990), PRESENT)}.`,
      ),
      s(`Its logo was redesigned in ${this.yearBetween(Math.max(founded + 1, 1950), PRESENT)}.`),
    ];
    return { lead, late, fillers };
  }

  private university(u: Entity) {
    const { rng } = this;
    const founded = Number(u.values.founded);
    const founder = this.get(u.links.founder);
    const lead: Draft[] = [
      s(`${capitalise(mention(u))} is a public research university in ${this.get(u.links.location).name}.`, [
        "location",
        "university",
      ]),
      s(`It was established in ${u.values.founded}.`, ["founded", "established"]),
    ];
    const late: Draft[] = [];
    if (this.late())
      late.push(s(`Its founder, ${founder.name}, donated the land for the original campus.`, ["founder", "founder"]));
    else lead.push(s(`The university was founded by ${founder.name}.`, ["founder", "founded"]));
    const fillers: Draft[] = [
      s(`It enrols about ${withCommas(randInt(rng, 3, 45) * 1000)} students.`),
      s(`The university is organised into ${randInt(rng, 4, 16)} faculties.`),
      s(`Its library holds more than ${withCommas(randInt(rng, 2, 60) * 50000)} volumes.`),
      s(`The main building was completed in ${this.yearBetween(founded + 5, PRESENT)}.`),
      s(
        `The university's colours are ${pick(rng, ["blue", "green", "crimson", "gold"])} and ${pick(rng, ["white", "black", "silver", "grey"])}.`,
      ),
    ];
    const alumni = this.pointing("education", u);
    if (alumni.length > 0) fillers.push(s(`Notable alumni include ${listOf(alumni.slice(0, 2).map((x) => x.name))}.`));
    return { lead, late, fillers };
  }

  private city(c: Entity) {
    const { rng } = this;
    const country = this.get(c.links.country);
    const lead: Draft[] = [
      s(
        `${c.name} is a city in ${country.name}, on the ${c.values.river} River.`,
        ["country", "city"],
        ["river", "river"],
      ),
    ];
    if (country.links.capital === c.id) lead.push(s(`It is the capital of ${country.name}.`, ["capital", "capital"]));
    lead.push(s(`It was founded in ${c.values.founded}.`, ["founded", "founded"]));
    const late: Draft[] = [];
    if (this.late())
      late.push(
        s(`At the most recent census, ${c.name} had a population of ${c.values.population}.`, [
          "population",
          "population",
        ]),
      );
    else lead.push(s(`${c.name} has a population of ${c.values.population}.`, ["population", "population"]));
    const fillers: Draft[] = [
      s(`The city is known for its ${pick(rng, CITY_FEATURES)}.`),
      s(`The local football club is ${c.name} ${pick(rng, ["Athletic", "Rovers", "Sporting", "Wanderers"])}.`),
      s(`Much of the old town was rebuilt after a fire in ${this.yearBetween(Number(c.values.founded) + 50, 1950)}.`),
      s(`${c.name} is twinned with ${this.anyCity().name}.`),
      s(`The ${c.values.river} divides the city into an old and a new quarter.`),
    ];
    for (const uni of this.pointing("location", c)) fillers.push(s(`${c.name} is home to ${mention(uni)}.`));
    return { lead, late, fillers };
  }

  private country(c: Entity) {
    const { rng } = this;
    const v = c.values;
    const lead: Draft[] = [
      s(`${c.name} is a country in ${v.region}.`, ["region", "country"]),
      s(`Its capital and largest city is ${this.get(c.links.capital).name}.`, ["capital", "capital"]),
      s(`${c.name} became independent in ${v.independence}.`, ["independence", "independent"]),
      s(`It has a population of about ${v.population}.`, ["population", "population"]),
      s(`The official language is ${v.demonym}, and the currency is the ${v.demonym} ${v.currency}.`, [
        "currency",
        "currency",
      ]),
    ];
    const fillers: Draft[] = [
      s(`Citizens of ${c.name} are called ${v.demonym}s.`, ["demonym", "citizens"]),
      s(`The country is divided into ${randInt(rng, 5, 24)} provinces.`),
      s(`Its longest river is the ${pick(rng, RIVERS)}.`),
      s(`The national flag was adopted in ${this.yearBetween(Number(v.independence), PRESENT)}.`),
      s(
        `${c.name} is known for its ${pick(rng, ["timber", "wine", "textiles", "fisheries", "copper mines", "mountain railways"])}.`,
      ),
    ];
    return { lead, late: [], fillers };
  }

  private band(b: Entity) {
    const { rng } = this;
    const formed = Number(b.values.formed);
    const lead: Draft[] = [
      s(
        `${b.name} are ${aOrAn(b.values.genre!)} band from ${this.get(b.links.origin).name}, formed in ${b.values.formed}.`,
        ["formed", "formed"],
        ["origin", "from"],
        ["genre", "band"],
      ),
      s(`The band is fronted by lead singer ${this.get(b.links.singer).name}.`, ["singer", "singer"]),
    ];
    const late: Draft[] = [];
    const label = this.get(b.links.label);
    if (this.late())
      late.push(s(`The band signed with ${label.name} after their first national tour.`, ["label", "signed"]));
    else lead.push(s(`They are signed to ${label.name}.`, ["label", "signed"]));
    const fillers: Draft[] = [
      s(
        `Their debut album, ${pick(rng, TITLE_ADJECTIVES)} ${pick(rng, TITLE_NOUNS)}, came out in ${this.yearBetween(formed + 1, Math.min(formed + 4, PRESENT))}.`,
      ),
      s(
        `The band toured ${
          pick(
            rng,
            this.entities.filter((e) => e.kind === "country"),
          ).name
        } in ${this.yearBetween(formed + 2, PRESENT)}.`,
      ),
      s(`${b.name} have released ${randInt(rng, 2, 11)} studio albums.`),
      s(`The group won the ${pick(rng, AWARDS)} in ${this.yearBetween(formed + 3, PRESENT)}.`),
      s(
        `Their music has been described as ${pick(rng, ["brooding", "playful", "urgent", "lush"])} and ${pick(rng, ["melodic", "abrasive", "wistful", "danceable"])}.`,
      ),
    ];
    return { lead, late, fillers };
  }
}

/** One article per entity, in entity order. */
export function renderArticles(rng: Rng, entities: readonly Entity[]): RenderedArticle[] {
  const renderer = new Renderer(rng, entities);
  return entities.map((e) => renderer.render(e));
}
