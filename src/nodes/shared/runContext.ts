/**
 * What a node needs at run time besides its state, resolved in one call: the run's
 * configuration, the model for a role, the tools of the run, the step budget, and the config
 * for an LLM call (run name and the metadata LangSmith, the offline simulator and the tests
 * read). Every node of every architecture starts with `const run = await runContext(...)`.
 *
 * `AgentOptions` are what a library caller handed to the graph builder (their own model and
 * tools); served and CLI graphs have none and load everything from configuration.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration, modelFor, type Configuration, type Role } from "../../configuration.js";
import { UsageError } from "../../errors.js";
import { loadChatModel } from "../../models/index.js";
import { retryPolicyOf } from "../../models/retry.js";
import type { CallPolicy } from "../../models/structured.js";
import { getEnvironment } from "../../tools/registry.js";
import { sessionFor } from "../../tools/sessions.js";
import type { EnvSession, Environment } from "../../tools/types.js";
import type { RunScope } from "../../state/state.js";

export type { RunScope };

/** Step budget when neither the configuration nor an environment sets one. */
export const DEFAULT_MAX_STEPS = 50;

/** A role that loads a model: the four TDP roles plus delivery (which uses the Supervisor's). */
export type ModelRole = Role | "deliver";

export interface AgentOptions {
  /** One model for every role (like `createAgent({ model })`). */
  llm?: BaseChatModel;
  /** Per-role models; take precedence over `llm` and over configuration strings. */
  models?: Partial<Record<ModelRole, BaseChatModel>>;
  /** Caller-supplied tools: the graph then runs free-form tasks without a bundled environment. */
  tools?: StructuredToolInterface[];
  /** Caller tools act on one shared stateful world: run one sub-task at a time. */
  exclusive?: boolean;
  /** How the final answer should be written, for caller-supplied tools. */
  deliveryFormat?: string;
}

/** The scope of a state that carries the three fields (TDP's and the baselines' global state). */
export function scopeOf(state: RunScope): RunScope {
  return { runId: state.runId, env: state.env, taskId: state.taskId };
}

/** Metadata of one LLM call. `arch` and `role` always; `node_id` inside a TDP sub-task. */
export interface CallMeta {
  arch: string;
  role: string;
  nodeId?: string | null;
  /** Which try of a structured call this is (0 first, 1 the re-ask). */
  attempt?: number;
}

export interface RunContext {
  cfg: Configuration;
  scope: RunScope;
  /** The global environment-step budget: configuration, else the environment's default, else 50. */
  maxSteps: number;
  model(role: ModelRole): Promise<BaseChatModel>;
  /** Tools for one branch (`scope` is a DAG node id, or "main" for single-thread architectures). */
  tools(branch: string): StructuredToolInterface[];
  exclusive: boolean;
  /** The bundled environment a task is scored by; null for caller tools and free-form queries. */
  environment: Environment | null;
  session: EnvSession | null;
  deliveryFormat: string;
  submitTool: string | null;
  /** The node's config plus a run name and metadata for one LLM call. */
  callConfig(meta: CallMeta): RunnableConfig;
  /** Retries and cancellation for every LLM call of the run. */
  policy: CallPolicy;
}

export async function runContext(
  agent: AgentOptions,
  config: LangGraphRunnableConfig,
  scope: RunScope,
): Promise<RunContext> {
  const cfg = ensureConfiguration(config);
  const model = (role: ModelRole): Promise<BaseChatModel> => {
    const given = agent.models?.[role] ?? (role === "deliver" ? agent.models?.supervisor : undefined) ?? agent.llm;
    if (given) return Promise.resolve(given);
    return loadChatModel(modelFor(cfg, role === "deliver" ? "supervisor" : role), {
      env: scope.env,
      taskId: scope.taskId,
      noise: cfg.noise,
      seed: cfg.seed,
      temperature: cfg.temperature,
      timeoutMs: cfg.callTimeoutMs,
    });
  };
  const callConfig = (meta: CallMeta) => llmCallConfig(config, meta, scope);
  const policy: CallPolicy = { retry: retryPolicyOf(cfg), signal: config.signal };
  if (agent.tools) {
    const own = agent.tools;
    return {
      cfg,
      scope,
      maxSteps: cfg.maxSteps ?? DEFAULT_MAX_STEPS,
      model,
      tools: () => own,
      exclusive: agent.exclusive ?? false,
      environment: null,
      session: null,
      deliveryFormat: agent.deliveryFormat ?? "a concise final answer",
      submitTool: null,
      callConfig,
      policy,
    };
  }
  if (!scope.env) throw new UsageError("no tools: pass `tools` to the agent, or give an env (and a task id)");
  const env = await getEnvironment(scope.env);
  const session = await sessionFor(scope.runId, scope.env, scope.taskId);
  return {
    cfg,
    scope,
    maxSteps: cfg.maxSteps ?? env.defaultMaxSteps,
    model,
    tools: (branch) => session.tools(branch),
    exclusive: env.exclusive,
    // A free-form query on an environment's tools has no bundled task to be scored against.
    environment: scope.taskId ? env : null,
    session,
    deliveryFormat: env.deliveryFormat,
    submitTool: env.submitTool,
    callConfig,
    policy,
  };
}

/**
 * The config for one LLM call: the node's config (so callbacks and tracing nest under the
 * graph node) plus a run name and the metadata LangSmith filters on.
 */
export function llmCallConfig(config: RunnableConfig, meta: CallMeta, scope: Omit<RunScope, "runId">): RunnableConfig {
  return {
    ...config,
    runName: meta.nodeId ? `${meta.role}:${meta.nodeId}` : meta.role,
    metadata: {
      ...(config.metadata ?? {}),
      arch: meta.arch,
      role: meta.role,
      node_id: meta.nodeId ?? null,
      attempt: meta.attempt ?? 0,
      env: scope.env,
      task_id: scope.taskId,
    },
    tags: [...(config.tags ?? []), `role:${meta.role}`],
  };
}
