/**
 * Run configuration, read from `config.configurable` (LangGraph's per-run settings, which
 * Studio shows as a form) with defaults filled in. This is also the only file that reads
 * `process.env`.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";

export const ROLES = ["supervisor", "planner", "executor", "evaluator"] as const;
export type Role = (typeof ROLES)[number];

export const StructuredMethod = z.enum(["functionCalling", "jsonSchema"]);
export type StructuredMethod = z.infer<typeof StructuredMethod>;

export const SCHEDULES = ["dependency", "batch"] as const;
export const EVALUATE_MODES = ["every_step", "on_signal"] as const;

/** The configurable fields, with the descriptions Studio shows. */
export const ConfigurationSchema = z.object({
  model: z
    .string()
    .default("offline")
    .describe(
      'Default model for every role: "offline", "openai/<model>" (any OpenAI-compatible endpoint) or "<provider>/<model>" for any installed LangChain provider',
    ),
  supervisorModel: z.string().nullable().default(null).describe("Model for Supervisor, Self-Revision and delivery"),
  plannerModel: z.string().nullable().default(null).describe("Model for the per-node Planner"),
  executorModel: z.string().nullable().default(null).describe("Model for the per-node Executor"),
  evaluatorModel: z.string().nullable().default(null).describe("Model for the per-step Evaluator"),
  structuredOutputMethod: StructuredMethod.default("functionCalling").describe(
    "How structured outputs are requested: forced tool call (works on most servers) or json_schema",
  ),
  temperature: z.number().min(0).max(2).default(0).describe("Sampling temperature for real models"),
  maxSteps: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe("Global environment-step budget (default: the environment's, else 50)"),
  maxStepsPerNode: z.number().int().positive().default(12).describe("Step cap for one sub-task attempt"),
  maxReplans: z.number().int().min(0).default(3).describe("Local replans allowed per sub-task attempt"),
  maxNodes: z.number().int().positive().default(20).describe("Largest DAG the Supervisor may build"),
  maxRounds: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe(
      "Batches (batch schedule) or Self-Revisions (dependency schedule) before the run stops; raised to the DAG's depth + 5 (and, under the dependency schedule, to its number of sub-tasks)",
    ),
  schedule: z
    .enum(SCHEDULES)
    .default("dependency")
    .describe(
      "dependency: a sub-task starts as soon as its prerequisites complete, Self-Revision runs on failures and surprises; batch: the paper's loop (dispatch the ready batch, wait for all of it, revise the whole DAG)",
    ),
  evaluate: z
    .enum(EVALUATE_MODES)
    .default("on_signal")
    .describe(
      "every_step: the Evaluator judges every step (the paper); on_signal: only when the Executor claims the sub-task done, a tool call fails, or the step budget is spent",
    ),
  staged: z
    .boolean()
    .default(false)
    .describe(
      "Staged construction: the Supervisor may mark coarse sub-tasks to be split into children when they become ready",
    ),
  scoring: z
    .enum(["strict", "official"])
    .default("strict")
    .describe(
      "strict (this project's evaluators) or official (travel: the verdicts of TravelPlanner's eval.py, quirks included; science: also the reward on ScienceWorld's 0-100 scale)",
    ),
  noise: z.number().min(0).max(1).default(0).describe("Offline simulator only: probability of an injected error"),
  seed: z.number().int().default(7).describe("Offline simulator only: seed for injected errors"),
  callTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(120_000)
    .describe("Real models: client timeout of one LLM call, in milliseconds"),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe("Real models: tries per LLM call on transient faults (429, 5xx, timeouts, broken replies)"),
  retryInitialMs: z
    .number()
    .int()
    .min(0)
    .default(500)
    .describe("Real models: first backoff before a retry, in milliseconds (doubles each retry, with jitter)"),
  retryMaxMs: z
    .number()
    .int()
    .min(0)
    .default(20_000)
    .describe("Real models: longest wait between retries, in milliseconds (also caps a server's retry-after)"),
  approvePlan: z.boolean().default(false).describe("Pause after the DAG is built so a human can approve or edit it"),
});

export type Configuration = z.infer<typeof ConfigurationSchema>;

/**
 * The settings form the graphs declare (Studio, the API's `context`): every field optional,
 * with its default shown, since `ensureConfiguration` fills what is left out.
 */
export const ConfigurationForm = ConfigurationSchema.partial();

/** Fills defaults; throws a readable error on invalid values. */
export function ensureConfiguration(config?: LangGraphRunnableConfig): Configuration {
  // LangGraph 1.x clients (the SDK's `context`, Studio's context form) may send the settings as
  // run context instead of `configurable`; both are read, `configurable` wins.
  const context =
    config?.context && typeof config.context === "object" ? (config.context as Record<string, unknown>) : {};
  const raw = { ...context, ...(config?.configurable ?? {}) } as Record<string, unknown>;
  const known = Object.fromEntries(
    Object.keys(ConfigurationSchema.shape)
      .filter((k) => raw[k] !== undefined)
      .map((k) => [k, raw[k]]),
  );
  // Every role call of a run reads the same settings: parse each distinct set once.
  const key = JSON.stringify(known);
  const hit = parsedConfigurations.get(key);
  if (hit) return hit;
  const parsed = ConfigurationSchema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const cfg = Object.freeze(parsed.data);
  if (parsedConfigurations.size >= 256) parsedConfigurations.clear();
  parsedConfigurations.set(key, cfg);
  return cfg;
}

const parsedConfigurations = new Map<string, Configuration>();

/** The model spec a role uses: its own if set, else the shared default. */
export function modelFor(cfg: Configuration, role: Role): string {
  const own = {
    supervisor: cfg.supervisorModel,
    planner: cfg.plannerModel,
    executor: cfg.executorModel,
    evaluator: cfg.evaluatorModel,
  }[role];
  return own ?? cfg.model;
}

/** Environment variables the project reads, in one place. */
export interface EnvVars {
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  /** TDP_DEBUG=1: the CLI adds the stack trace to a one-line error. */
  debug: boolean;
}

export function readEnvVars(env: NodeJS.ProcessEnv = process.env): EnvVars {
  return {
    openaiApiKey: env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
    debug: env.TDP_DEBUG === "1",
  };
}

/**
 * LangSmith settings, read from the same variables the LangSmith SDK uses (LANGSMITH_* with
 * the older LANGCHAIN_* names as fallbacks). `tdp run --langsmith` and `tdp bench --langsmith`
 * build their client from these explicitly, so a trace never depends on when the SDK first
 * looked at the environment.
 */
export interface LangSmithVars {
  apiKey: string | undefined;
  /** API URL; undefined means the hosted service. */
  endpoint: string | undefined;
  project: string | undefined;
  /** Tracing switched on by the environment (LangChain then traces every run by itself). */
  tracing: boolean;
}

export function readLangSmithVars(env: NodeJS.ProcessEnv = process.env): LangSmithVars {
  const on = (v: string | undefined) => v === "true" || v === "1";
  return {
    apiKey: env.LANGSMITH_API_KEY || env.LANGCHAIN_API_KEY || undefined,
    endpoint: env.LANGSMITH_ENDPOINT || env.LANGCHAIN_ENDPOINT || undefined,
    project: env.LANGSMITH_PROJECT || env.LANGCHAIN_PROJECT || undefined,
    tracing: on(env.LANGSMITH_TRACING) || on(env.LANGSMITH_TRACING_V2) || on(env.LANGCHAIN_TRACING_V2),
  };
}
