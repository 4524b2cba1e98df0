/**
 * The bundled encyclopaedia: a generated world rendered into articles.
 *
 * `generateCorpus(seed)` is a pure function of the seed: the same seed gives a
 * byte-identical corpus (entities, articles, fact positions) on every machine.
 */
import { createRng, hashString } from "../rng.js";
import { renderArticles, type RenderedArticle } from "./articles.js";
import { buildWorld, type Entity } from "./world.js";

export interface WikiCorpus {
  seed: number;
  /** The facts behind the prose, in a stable order (questions are generated from these). */
  entities: Entity[];
  /** One article per entity, in the same order as `entities`. */
  articles: RenderedArticle[];
}

export function generateCorpus(seed: number): WikiCorpus {
  // Separate streams for the world and its prose, so rewording an article template does not
  // reshuffle the world.
  const entities = buildWorld(createRng(hashString(`wiki-world:${seed}`)));
  const articles = renderArticles(createRng(hashString(`wiki-prose:${seed}`)), entities);
  return { seed, entities, articles };
}
