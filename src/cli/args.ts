/**
 * Shared argument checks for the `tdp` subcommands. Every user mistake becomes a
 * `UsageError` with a one-line message; `src/cli.ts` prints it and exits with code 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Parsed option values: strings, or booleans for flags. */
export type OptionValues<O extends OptionSpec> = { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };

/** `util.parseArgs` in strict mode, with its errors turned into one-line usage errors. */
export function parseOptions<O extends OptionSpec>(
  argv: string[],
  options: O,
  allowPositionals = false,
): { values: OptionValues<O>; positionals: string[] } {
  // `--max-steps -1` would read as a missing value followed by an unknown flag ("ambiguous"):
  // a negative number after a value-taking option is that option's value, so the number
  // check can say what is wrong with it.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : null;
    const next = argv[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as OptionValues<O>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0].replace(/^TypeError \[\w+\]: /, ""));
  }
}

export function intOption(
  value: string | undefined,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const min = opts.min ?? 1;
  if (
    !/^-?\d+$/.test(value.trim()) ||
    !Number.isSafeInteger(n) ||
    n < min ||
    (opts.max !== undefined && n > opts.max)
  ) {
    throw new UsageError(
      `--${name} must be a whole number${opts.max !== undefined ? ` from ${min} to ${opts.max}` : ` >= ${min}`}, got "${value}"`,
    );
  }
  return n;
}

export function floatOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * A comma-separated list, each item once in the order first given: `--archs tdp,tdp` must not
 * run (and report) the same pair twice. An empty list is a usage error.
 */
export function csvOption(value: string | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length === 0) throw new UsageError(`--${name} is empty`);
  return items;
}

/** A `csvOption` whose items must be among `allowed`. */
export function listOption(value: string | undefined, name: string, allowed: readonly string[]): string[] | undefined {
  const items = csvOption(value, name);
  if (items === undefined) return undefined;
  for (const item of items) {
    if (!allowed.includes(item)) throw new UsageError(`unknown ${name} "${item}" (choose from: ${allowed.join(", ")})`);
  }
  return items;
}

/** One value out of a fixed set (`--schedule batch`), or undefined when the flag is absent. */
export function choiceOption<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be ${allowed.join(" or ")} (got "${value}")`);
  return value as T;
}
