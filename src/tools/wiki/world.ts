/**
 * The fictional world behind the encyclopaedia: entities and the links between them.
 *
 * Built before any prose so every article states the same facts: a film's director is a
 * person with an article of their own, who was born in a city that lies in a country, and
 * so on. Years are kept plausible (a founder is an adult when the company is founded, a
 * film is released while its director is alive).
 */
import { pick, randInt, sample, shuffle, type Rng } from "../rng.js";
import {
  BAND_ADJECTIVES,
  BAND_GENRES,
  BAND_NOUNS,
  BOOK_GENRES,
  CITY_PREFIXES,
  CITY_SUFFIXES,
  COMPANY_ROOTS,
  COMPANY_SUFFIXES,
  COUNTRY_ENDINGS,
  COUNTRY_STEMS,
  CURRENCIES,
  FILM_GENRES,
  FIRST_NAMES,
  LOOKALIKE_SUFFIXES,
  NAMESAKE_OCCUPATIONS,
  PEOPLE_NOUNS,
  REGIONS,
  RELATIVES,
  RIVERS,
  SURNAMES,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  uniqueName,
  withCommas,
  type CompanyRole,
} from "./names.js";

export type EntityKind = "country" | "city" | "person" | "university" | "company" | "band" | "film" | "book";

/** Attributes whose value is another entity (stored as its id). */
export type LinkAttr =
  | "country"
  | "capital"
  | "birthplace"
  | "citizenship"
  | "education"
  | "director"
  | "star"
  | "studio"
  | "author"
  | "publisher"
  | "founder"
  | "headquarters"
  | "singer"
  | "label"
  | "location"
  | "setting"
  | "origin"
  | "adaptedFrom"
  | "lookalikeOf"
  | "namesakeOf";

/** Attributes whose value is literal text, exactly as the article prints it. */
export type ValueAttr =
  | "born"
  | "died"
  | "founded"
  | "independence"
  | "population"
  | "released"
  | "published"
  | "formed"
  | "occupation"
  | "nationality"
  | "genre"
  | "industry"
  | "demonym"
  | "river"
  | "currency"
  | "region";

export type Attr = LinkAttr | ValueAttr;

const LINK_ATTRS: ReadonlySet<string> = new Set<LinkAttr>([
  "country",
  "capital",
  "birthplace",
  "citizenship",
  "education",
  "director",
  "star",
  "studio",
  "author",
  "publisher",
  "founder",
  "headquarters",
  "singer",
  "label",
  "location",
  "setting",
  "origin",
  "adaptedFrom",
  "lookalikeOf",
  "namesakeOf",
]);

export function isLinkAttr(attr: Attr): attr is LinkAttr {
  return LINK_ATTRS.has(attr);
}

export type PersonRole = "director" | "novelist" | "singer" | "entrepreneur" | "philanthropist" | "actor" | "namesake";
export type EntityRole = PersonRole | CompanyRole | "lookalike";

export interface Entity {
  /** Stable id, e.g. "person-012". */
  id: string;
  kind: EntityKind;
  /** How other articles and questions write the entity. */
  name: string;
  /** Article title: the name, or the name plus a disambiguator ("X (film)"). */
  title: string;
  /** Look-alikes and namesakes exist to confuse search; questions never start from them. */
  distractor: boolean;
  role?: EntityRole;
  values: Partial<Record<ValueAttr, string>>;
  links: Partial<Record<LinkAttr, string>>;
}

export const OCCUPATION: Record<Exclude<PersonRole, "namesake">, string> = {
  director: "film director",
  novelist: "novelist",
  singer: "singer",
  entrepreneur: "entrepreneur",
  philanthropist: "philanthropist",
  actor: "actor",
};

const COUNTS = {
  countries: 16,
  citiesPerCountry: 4,
  universities: 20,
  companies: { studio: 14, publisher: 12, label: 10, other: 14 } satisfies Record<CompanyRole, number>,
  lookalikes: 12,
  directors: 34,
  novelists: 30,
  singers: 28,
  actors: 20,
  books: 50,
  films: 60,
  adaptations: 8,
  namesakes: 24,
} as const;

/** Last year any event in the world may happen. */
const PRESENT = 2023;

class WorldBuilder {
  readonly entities: Entity[] = [];
  private readonly byId = new Map<string, Entity>();
  private readonly counters = new Map<EntityKind, number>();
  /** Lower-cased titles and names already taken, across every kind. */
  readonly usedNames = new Set<string>();

  constructor(readonly rng: Rng) {}

  add(kind: EntityKind, name: string, init: Partial<Entity> = {}): Entity {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const e: Entity = {
      id: `${kind}-${String(n).padStart(3, "0")}`,
      kind,
      name,
      title: init.title ?? name,
      distractor: init.distractor ?? false,
      ...(init.role ? { role: init.role } : {}),
      values: { ...init.values },
      links: { ...init.links },
    };
    this.entities.push(e);
    this.byId.set(e.id, e);
    return e;
  }

  get(id: string): Entity {
    const e = this.byId.get(id);
    if (!e) throw new Error(`no entity ${id}`);
    return e;
  }

  ofKind(kind: EntityKind, role?: EntityRole): Entity[] {
    return this.entities.filter((e) => e.kind === kind && !e.distractor && (role === undefined || e.role === role));
  }
}

function year(e: Entity, attr: ValueAttr): number {
  return Number(e.values[attr]);
}

/** Birth and maybe death year for someone who must still be alive in `mustLiveUntil`. */
function lifeYears(rng: Rng, born: number, mustLiveUntil: number): { born: string; died?: string } {
  if (born >= 1945) return { born: String(born) };
  const dies = born < 1925 || rng() < 0.5;
  if (!dies) return { born: String(born) };
  const died = Math.min(PRESENT - 1, born + randInt(rng, Math.max(50, mustLiveUntil - born + 2), 96));
  if (died <= mustLiveUntil) return { born: String(born) };
  return { born: String(born), died: String(died) };
}

function addPerson(
  w: WorldBuilder,
  role: Exclude<PersonRole, "namesake">,
  born: number,
  mustLiveUntil: number,
): Entity {
  const { rng } = w;
  const name = uniqueName(w.usedNames, () => `${pick(rng, FIRST_NAMES)} ${pick(rng, SURNAMES)}`);
  const cities = w.ofKind("city");
  const birthplace = pick(rng, cities);
  const homeCountry = w.get(birthplace.links.country!);
  // About one person in five emigrated and holds another country's citizenship.
  const citizenship =
    rng() < 0.2
      ? pick(
          rng,
          w.ofKind("country").filter((c) => c.id !== homeCountry.id),
        )
      : homeCountry;
  const p = w.add("person", name, {
    role,
    values: {
      ...lifeYears(rng, born, mustLiveUntil),
      occupation: OCCUPATION[role],
      nationality: citizenship.values.demonym!,
    },
    links: { birthplace: birthplace.id, citizenship: citizenship.id },
  });
  if (role !== "philanthropist" && rng() < 0.7) {
    const options = w.ofKind("university").filter((u) => year(u, "founded") <= born + 17);
    if (options.length > 0) p.links.education = pick(rng, options).id;
  }
  return p;
}

function titleCandidate(rng: Rng, kind: "film" | "book"): string {
  const adj = pick(rng, TITLE_ADJECTIVES);
  const noun = pick(rng, TITLE_NOUNS);
  const patterns =
    kind === "book"
      ? [
          `The ${pick(rng, PEOPLE_NOUNS)}'s ${pick(rng, RELATIVES)}`,
          `The ${adj} ${noun}`,
          `${noun} and ${pick(rng, TITLE_NOUNS)}`,
          `A ${adj} ${noun}`,
        ]
      : [`The ${adj} ${noun}`, `Beyond the ${noun}`, `${adj} ${noun}`, `Night of the ${noun}`, `The ${noun} Affair`];
  return pick(rng, patterns);
}

/** Builds the whole world from one RNG; the same RNG state always gives the same world. */
export function buildWorld(rng: Rng): Entity[] {
  const w = new WorldBuilder(rng);

  // Countries, each with four cities; the first city is the capital and the largest.
  for (const stem of sample(rng, COUNTRY_STEMS, COUNTS.countries)) {
    const ending = pick(rng, COUNTRY_ENDINGS);
    const name = `${stem}${ending.country}`;
    w.usedNames.add(name.toLowerCase());
    w.add("country", name, {
      values: {
        demonym: `${stem}${ending.demonym}`,
        independence: String(randInt(rng, 1700, 1990)),
        population: withCommas(randInt(rng, 1200, 80000) * 1000),
        currency: pick(rng, CURRENCIES),
        region: pick(rng, REGIONS),
      },
    });
  }
  for (const country of w.ofKind("country")) {
    const capitalPopulation = randInt(rng, 600, 3500) * 1000 + randInt(rng, 0, 999);
    for (let i = 0; i < COUNTS.citiesPerCountry; i++) {
      const name = uniqueName(w.usedNames, () => `${pick(rng, CITY_PREFIXES)}${pick(rng, CITY_SUFFIXES)}`);
      const population = i === 0 ? capitalPopulation : randInt(rng, 15000, capitalPopulation - 1000);
      const city = w.add("city", name, {
        values: {
          founded: String(randInt(rng, 800, 1850)),
          population: withCommas(population),
          river: pick(rng, RIVERS),
        },
        links: { country: country.id },
      });
      if (i === 0) country.links.capital = city.id;
    }
  }

  // Universities, named after the city they stand in.
  const uniCities = sample(rng, w.ofKind("city"), COUNTS.universities);
  for (const city of uniCities) {
    const name = uniqueName(w.usedNames, () =>
      pick(rng, [
        `University of ${city.name}`,
        `${city.name} Institute of Technology`,
        `Royal ${city.name} College`,
        `${city.name} Polytechnic`,
      ]),
    );
    w.add("university", name, {
      values: { founded: String(randInt(rng, 1450, 1960)) },
      links: { location: city.id },
    });
  }
  for (const uni of w.ofKind("university")) {
    const founded = year(uni, "founded");
    const p = addPerson(w, "philanthropist", founded - randInt(rng, 30, 60), founded);
    uni.links.founder = p.id;
  }

  // Companies (and the founder of each), then look-alikes that share a real company's name.
  const roots = shuffle(rng, COMPANY_ROOTS);
  const firstYear: Record<CompanyRole, [number, number]> = {
    studio: [1895, 1990],
    publisher: [1850, 2000],
    label: [1920, 1990],
    other: [1850, 2010],
  };
  for (const role of ["studio", "publisher", "label", "other"] as const) {
    for (let i = 0; i < COUNTS.companies[role]; i++) {
      const { suffix, industry } = pick(rng, COMPANY_SUFFIXES[role]);
      const name = `${roots.pop()!} ${suffix}`;
      w.usedNames.add(name.toLowerCase());
      // The first studio, publisher and label are old enough for every film, book and band.
      const [lo, hi] = firstYear[role];
      const founded = i === 0 && role !== "other" ? lo : randInt(rng, lo, hi);
      w.add("company", name, {
        role,
        values: { founded: String(founded), industry },
        links: { headquarters: pick(rng, w.ofKind("city")).id },
      });
    }
  }
  for (const base of sample(rng, w.ofKind("company"), COUNTS.lookalikes)) {
    const name = `${base.name} ${pick(rng, LOOKALIKE_SUFFIXES)}`;
    w.usedNames.add(name.toLowerCase());
    w.add("company", name, {
      role: "lookalike",
      distractor: true,
      values: { founded: String(randInt(rng, 1950, 2015)), industry: "investment holding" },
      links: { headquarters: pick(rng, w.ofKind("city")).id, lookalikeOf: base.id },
    });
  }
  for (const company of w.entities.filter((e) => e.kind === "company")) {
    const founded = year(company, "founded");
    const p = addPerson(w, "entrepreneur", founded - randInt(rng, 25, 55), founded);
    company.links.founder = p.id;
  }

  // Creative people.
  for (let i = 0; i < COUNTS.directors; i++) addPerson(w, "director", randInt(rng, 1900, 1980), 0);
  for (let i = 0; i < COUNTS.novelists; i++) addPerson(w, "novelist", randInt(rng, 1880, 1985), 0);
  for (let i = 0; i < COUNTS.singers; i++) addPerson(w, "singer", randInt(rng, 1940, 1995), 0);
  for (let i = 0; i < COUNTS.actors; i++) addPerson(w, "actor", randInt(rng, 1900, 1990), 0);

  const activeYear = (p: Entity, fromAge: number, toAge: number): number => {
    const born = year(p, "born");
    const last = Math.min(PRESENT, p.values.died ? year(p, "died") : PRESENT, born + toAge);
    return randInt(rng, Math.min(born + fromAge, last), last);
  };

  // Books: every novelist writes one, some write two.
  const novelists = w.ofKind("person", "novelist");
  const authors = [...novelists, ...sample(rng, novelists, COUNTS.books - novelists.length)];
  for (const author of authors) {
    const title = uniqueName(w.usedNames, () => titleCandidate(rng, "book"));
    const published = activeYear(author, 22, 75);
    const publishers = w.ofKind("company", "publisher").filter((c) => year(c, "founded") <= published);
    const publisher = pick(rng, publishers.length > 0 ? publishers : w.ofKind("company", "publisher").slice(0, 1));
    w.add("book", title, {
      values: { published: String(published), genre: pick(rng, BOOK_GENRES) },
      links: { author: author.id, publisher: publisher.id, setting: pick(rng, w.ofKind("city")).id },
    });
  }

  // Films: every director makes one, some make two; a few more adapt a book of the same
  // title (the film's article is then "X (film)").
  const directors = w.ofKind("person", "director");
  const addFilm = (director: Entity, name: string, released: number, source?: Entity): void => {
    const studios = w.ofKind("company", "studio").filter((c) => year(c, "founded") <= released);
    const actors = w
      .ofKind("person", "actor")
      .filter((a) => year(a, "born") <= released - 16 && (!a.values.died || year(a, "died") >= released));
    const film = w.add("film", name, {
      title: source ? `${name} (film)` : name,
      values: { released: String(released), genre: pick(rng, FILM_GENRES) },
      links: {
        director: director.id,
        studio: pick(rng, studios.length > 0 ? studios : w.ofKind("company", "studio").slice(0, 1)).id,
        star: pick(rng, actors.length > 0 ? actors : w.ofKind("person", "actor")).id,
        location: pick(rng, w.ofKind("city")).id,
      },
    });
    if (source) film.links.adaptedFrom = source.id;
  };
  const regular = COUNTS.films - COUNTS.adaptations;
  for (const director of [...directors, ...sample(rng, directors, regular - directors.length)]) {
    addFilm(
      director,
      uniqueName(w.usedNames, () => titleCandidate(rng, "film")),
      activeYear(director, 24, 70),
    );
  }
  const adaptable = w.ofKind("book").filter((b) => year(b, "published") <= 2005);
  for (const book of sample(rng, adaptable, COUNTS.adaptations)) {
    const released = Math.min(PRESENT, year(book, "published") + randInt(rng, 1, 15));
    const alive = directors.filter(
      (d) => year(d, "born") + 24 <= released && (!d.values.died || year(d, "died") >= released),
    );
    if (alive.length > 0) addFilm(pick(rng, alive), book.name, released, book);
  }

  // Bands, one per singer.
  for (const singer of w.ofKind("person", "singer")) {
    const name = uniqueName(w.usedNames, () => `The ${pick(rng, BAND_ADJECTIVES)} ${pick(rng, BAND_NOUNS)}`);
    const formed = activeYear(singer, 16, 32);
    const labels = w.ofKind("company", "label").filter((c) => year(c, "founded") <= formed);
    w.add("band", name, {
      values: { formed: String(formed), genre: pick(rng, BAND_GENRES) },
      links: {
        singer: singer.id,
        label: pick(rng, labels.length > 0 ? labels : w.ofKind("company", "label").slice(0, 1)).id,
        origin: pick(rng, w.ofKind("city")).id,
      },
    });
  }

  // Namesakes: a second person with the same name, told apart only by the title.
  const famous = w.entities.filter((e) => e.kind === "person" && e.role !== "philanthropist");
  for (const base of sample(rng, famous, COUNTS.namesakes)) {
    const occupation = pick(rng, NAMESAKE_OCCUPATIONS);
    const birthplace = pick(rng, w.ofKind("city"));
    const country = w.get(birthplace.links.country!);
    w.add("person", base.name, {
      title: `${base.name} (${occupation})`,
      role: "namesake",
      distractor: true,
      values: { born: String(randInt(rng, 1930, 1998)), occupation, nationality: country.values.demonym! },
      links: { birthplace: birthplace.id, citizenship: country.id, namesakeOf: base.id },
    });
  }

  return w.entities;
}

/** Id -> entity, for renderers and question generators. */
export function indexEntities(entities: readonly Entity[]): Map<string, Entity> {
  return new Map(entities.map((e) => [e.id, e]));
}
