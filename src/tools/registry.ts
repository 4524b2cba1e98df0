/**
 * The bundled environments, loaded on first use (generating a world takes a moment, and a
 * run only needs one of them).
 */
import { type Environment } from "./types.js";
import { UsageError } from "../errors.js";

const LOADERS: Record<string, () => Promise<Environment>> = {
  travel: async () => (await import("./travel/index.js")).travelEnv,
  wiki: async () => (await import("./wiki/index.js")).wikiEnv,
  science: async () => (await import("./science/index.js")).scienceEnv,
  crossover: async () => (await import("./crossover/index.js")).crossoverEnv,
};

const loaded = new Map<string, Environment>();

export const ENVIRONMENT_NAMES = Object.keys(LOADERS);

/** Registers a custom environment under a name (tests, or a user's own benchmark). */
export function registerEnvironment(env: Environment): void {
  loaded.set(env.name, env);
  if (!ENVIRONMENT_NAMES.includes(env.name)) ENVIRONMENT_NAMES.push(env.name);
}

export async function getEnvironment(name: string): Promise<Environment> {
  const cached = loaded.get(name);
  if (cached) return cached;
  const load = LOADERS[name];
  if (!load) throw new UsageError(`unknown env "${name}" (choose one of: ${ENVIRONMENT_NAMES.join(", ")})`);
  const env = await load();
  loaded.set(name, env);
  return env;
}
