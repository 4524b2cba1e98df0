/**
 * What a graph needs at run time besides its state: models for each role and the tools of
 * the run. Both are resolved per run (from configuration, or from what the caller passed to
 * the builder), so the node code never knows which model or which tools it has.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { modelFor, type Configuration, type Role } from "../configuration.js";
import { loadChatModel } from "../models/index.js";
import { sessionFor } from "../tools/sessions.js";
import { UsageError, type EnvSession, type Environment } from "../tools/types.js";

export interface AgentOptions {
  /** One model for every role (like `createReactAgent({ llm })`). */
  llm?: BaseChatModel;
  /** Per-role models; take precedence over `llm` and over configuration strings. */
  models?: Partial<Record<Role | "deliver", BaseChatModel>>;
  /** Caller-supplied tools: the graph then runs free-form tasks without a bundled environment. */
  tools?: StructuredToolInterface[];
  /** Caller tools act on one shared stateful world: run one sub-task at a time. */
  exclusive?: boolean;
  /** How the final answer should be written, for caller-supplied tools. */
  deliveryFormat?: string;
}

/** Where a run's tools come from. */
export interface RunRef {
  runId: string;
  env: string | null;
  taskId: string | null;
}

export interface RunResources {
  tools(scope: string): StructuredToolInterface[];
  exclusive: boolean;
  environment: Environment | null;
  session: EnvSession | null;
  deliveryFormat: string;
  submitTool: string | null;
}

export class Runtime {
  constructor(readonly options: AgentOptions = {}) {}

  async model(role: Role | "deliver", cfg: Configuration, ref: RunRef): Promise<BaseChatModel> {
    const given =
      this.options.models?.[role] ??
      (role === "deliver" ? this.options.models?.supervisor : undefined) ??
      this.options.llm;
    if (given) return given;
    const spec = modelFor(cfg, role === "deliver" ? "supervisor" : role);
    return loadChatModel(spec, {
      env: ref.env,
      taskId: ref.taskId,
      noise: cfg.noise,
      seed: cfg.seed,
      temperature: cfg.temperature,
    });
  }

  async resources(ref: RunRef): Promise<RunResources> {
    const own = this.options.tools;
    if (own) {
      return {
        tools: () => own,
        exclusive: this.options.exclusive ?? false,
        environment: null,
        session: null,
        deliveryFormat: this.options.deliveryFormat ?? "a concise final answer",
        submitTool: null,
      };
    }
    if (!ref.env) throw new UsageError("no tools: pass `tools` to the agent, or give an env (and a task id)");
    const { env, session } = await sessionFor(ref.runId, ref.env, ref.taskId);
    return {
      tools: (scope) => session.tools(scope),
      exclusive: env.exclusive,
      // A free-form query on an environment's tools has no bundled task to be scored against.
      environment: ref.taskId ? env : null,
      session,
      deliveryFormat: env.deliveryFormat,
      submitTool: env.submitTool,
    };
  }
}

export interface CallMeta {
  arch: string;
  role: string;
  nodeId?: string | null;
  env?: string | null;
  taskId?: string | null;
}

/**
 * The config for one LLM call: the node's config (so callbacks and tracing nest under the
 * graph node) plus a run name and the metadata LangSmith filters on.
 */
export function llmCallConfig(config: LangGraphRunnableConfig | RunnableConfig, meta: CallMeta): RunnableConfig {
  return {
    ...config,
    runName: meta.nodeId ? `${meta.role}:${meta.nodeId}` : meta.role,
    metadata: {
      ...(config.metadata ?? {}),
      arch: meta.arch,
      role: meta.role,
      node_id: meta.nodeId ?? null,
      env: meta.env ?? null,
      task_id: meta.taskId ?? null,
    },
    tags: [...(config.tags ?? []), `role:${meta.role}`],
  };
}
