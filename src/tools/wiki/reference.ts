/**
 * Building blocks of reference solutions: the exact tool calls that read one fact, and
 * standalone wording for the sub-task that reads it.
 */
import type { ReferenceAction } from "../types.js";
import { LEAD_SENTENCES, mention, type RenderedArticle } from "./articles.js";
import type { Attr, Entity, EntityKind } from "./world.js";

/**
 * Search the article; if the fact is past the lead, Lookup its keyword as many times as it
 * takes to reach the sentence (earlier sentences may contain the keyword too).
 */
export function factActions(article: RenderedArticle, attr: Attr): ReferenceAction[] {
  const loc = article.facts[attr];
  if (!loc) throw new Error(`article "${article.title}" does not state ${attr}`);
  const actions: ReferenceAction[] = [{ tool: "Search", args: { entity: article.title } }];
  if (loc.sentence < LEAD_SENTENCES) return actions;
  const hits = article.sentences.flatMap((s, i) => (s.toLowerCase().includes(loc.keyword) ? [i] : []));
  const rank = hits.indexOf(loc.sentence) + 1;
  if (rank === 0) throw new Error(`keyword "${loc.keyword}" missing from its sentence in "${article.title}"`);
  for (let i = 0; i < rank; i++) actions.push({ tool: "Lookup", args: { keyword: loc.keyword } });
  return actions;
}

/** How a question first names an entity ("the film X", "the novel X", or just the name). */
export function describeEntity(e: Entity): string {
  if (e.kind === "film") return `the film ${e.name}`;
  if (e.kind === "book") return `the novel ${e.name}`;
  if (e.kind === "band") return `the band ${e.name}`;
  return mention(e);
}

/** A noun for "the prerequisite sub-task identifies this ___". */
export function kindNoun(kind: EntityKind): string {
  return kind === "book" ? "novel" : kind;
}

/** The thing `attr` of `subject` is, as a noun phrase: "the director of the film X". */
export function attrPhrase(attr: Attr, subject: string): string {
  switch (attr) {
    case "director":
      return `the director of ${subject}`;
    case "star":
      return `the lead actor of ${subject}`;
    case "studio":
      return `the studio that produced ${subject}`;
    case "author":
      return `the author of ${subject}`;
    case "publisher":
      return `the publisher of ${subject}`;
    case "founder":
      return `the founder of ${subject}`;
    case "headquarters":
      return `the city where ${subject} is headquartered`;
    case "birthplace":
      return `the city where ${subject} was born`;
    case "education":
      return `the university attended by ${subject}`;
    case "country":
      return `the country in which ${subject} lies`;
    case "capital":
      return `the capital of ${subject}`;
    case "location":
      return `the city where ${subject} is located`;
    case "singer":
      return `the lead singer of ${subject}`;
    case "label":
      return `the record label of ${subject}`;
    case "born":
      return `the year in which ${subject} was born`;
    case "nationality":
      return `the nationality of ${subject}`;
    case "occupation":
      return `the occupation of ${subject}`;
    case "founded":
      return `the year in which ${subject} was founded`;
    case "released":
      return `the year in which ${subject} was released`;
    case "published":
      return `the year in which ${subject} was first published`;
    case "formed":
      return `the year in which ${subject} was formed`;
    case "population":
      return `the population of ${subject}`;
    default:
      return `the ${attr} of ${subject}`;
  }
}

/** What shape the final answer takes, for the Finish sub-task's spec. */
export function answerShape(attr: Attr): string {
  switch (attr) {
    case "born":
    case "founded":
    case "released":
    case "published":
    case "formed":
      return "just the year";
    case "population":
      return "just the number";
    case "nationality":
      return "just the nationality word";
    default:
      return "just the name";
  }
}

/**
 * Spec of a sub-task that reads one fact. After the first hop, the entity is only known
 * through the prerequisite's outcome, so the spec says where to get it.
 */
export function factSpec(attr: Attr, subject: string, entity: Entity, fromPrerequisite: boolean): string {
  const base = `Find ${attrPhrase(attr, subject)}.`;
  return fromPrerequisite ? `${base} The prerequisite sub-task identifies this ${kindNoun(entity.kind)}.` : base;
}
