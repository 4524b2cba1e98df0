/**
 * A tiny environment for whole-graph tests: a key-value "world" with a slow, countable
 * lookup tool and a submission tool. Small enough that tests can reason about every step.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { EnvSession, Environment, ReferenceSolution, TaskInfo } from "../../src/tools/types.js";
import { UnknownTaskError } from "../../src/errors.js";

export interface ToyOptions {
  name?: string;
  exclusive?: boolean;
  defaultMaxSteps?: number;
  /** Milliseconds each lookup takes (to observe concurrency). */
  delayMs?: number;
  /** Milliseconds a lookup of one key takes (overrides `delayMs`): makes one branch slower than another. */
  delayByKey?: Record<string, number>;
  /** Told when each tool call starts and ends, e.g. to log calls to a file another process reads. */
  onToolCall?: (e: { tool: string; args: Record<string, unknown>; phase: "start" | "end" }) => void;
  facts?: Record<string, string>;
  /** Keys whose lookup throws (a tool that crashes, as third-party tools do). */
  throwOn?: string[];
}

export interface ToyEnvironment extends Environment {
  /** Every lookup in call order, with start/end times: which branch ran when. */
  log: { key: string; start: number; end: number }[];
}

export function createToyEnv(opts: ToyOptions = {}): ToyEnvironment {
  const facts = opts.facts ?? { alpha: "ALPHA-7731", beta: "BETA-4410", gamma: "GAMMA-9002" };
  const name = opts.name ?? "toy";
  const log: ToyEnvironment["log"] = [];
  const tasks: TaskInfo[] = [
    { id: "toy-1", level: "easy", query: "Look up alpha and beta, then submit both values joined by a plus sign." },
  ];
  const reference: ReferenceSolution = {
    subtasks: [
      {
        id: "n1",
        spec: "Look up the value stored under key alpha.",
        deps: [],
        actions: [{ tool: "lookup", args: { key: "alpha" } }],
      },
      {
        id: "n2",
        spec: "Look up the value stored under key beta.",
        deps: [],
        actions: [{ tool: "lookup", args: { key: "beta" } }],
      },
      {
        id: "n3",
        spec: "Submit the alpha and beta values joined by a plus sign.",
        deps: ["n1", "n2"],
        actions: [{ tool: "submit", args: { answer: `${facts.alpha}+${facts.beta}` } }],
      },
    ],
    answer: `${facts.alpha}+${facts.beta}`,
  };
  const env: ToyEnvironment = {
    name,
    description: "toy key-value world",
    exclusive: opts.exclusive ?? false,
    defaultMaxSteps: opts.defaultMaxSteps ?? 20,
    deliveryFormat: "the two values joined by +",
    submitTool: "submit",
    log,
    tasks: () => tasks,
    task: (id) => {
      const t = tasks.find((x) => x.id === id);
      if (!t) throw new UnknownTaskError(name, id);
      return t;
    },
    reference: () => reference,
    createSession(): EnvSession {
      let submitted: string | null = null;
      const counts: Record<string, number> = {};
      const bump = (n: string) => (counts[n] = (counts[n] ?? 0) + 1);
      const lookup = tool(
        async ({ key }) => {
          bump("lookup");
          if (opts.throwOn?.includes(key)) throw new Error(`lookup crashed on "${key}"`);
          opts.onToolCall?.({ tool: "lookup", args: { key }, phase: "start" });
          const start = Date.now();
          const delay = opts.delayByKey?.[key] ?? opts.delayMs;
          if (delay) await new Promise((r) => setTimeout(r, delay));
          log.push({ key, start, end: Date.now() });
          opts.onToolCall?.({ tool: "lookup", args: { key }, phase: "end" });
          return key in facts
            ? `${key} = ${facts[key]}`
            : `Error: no key "${key}". Keys: ${Object.keys(facts).join(", ")}`;
        },
        {
          name: "lookup",
          description: "Read the value stored under a key.",
          schema: z.object({ key: z.string().describe("the key") }),
        },
      );
      const submit = tool(
        async ({ answer }) => {
          bump("submit");
          opts.onToolCall?.({ tool: "submit", args: { answer }, phase: "start" });
          submitted = answer;
          opts.onToolCall?.({ tool: "submit", args: { answer }, phase: "end" });
          return "Submitted.";
        },
        {
          name: "submit",
          description: "Submit the final answer.",
          schema: z.object({ answer: z.string().describe("the answer") }),
        },
      );
      return {
        tools: () => [lookup, submit],
        submission: () => submitted,
        submit: (a) => {
          submitted = a;
        },
        callCounts: () => ({ ...counts }),
      };
    },
    score: (_id, session) => {
      const s = session.submission();
      return { delivered: s ? 1 : 0, correct: s === reference.answer ? 1 : 0 };
    },
  };
  return env;
}
