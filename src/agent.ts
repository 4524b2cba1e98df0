/**
 * `createTdpAgent({ llm, tools })`: TDP with your own model and LangChain tools, shaped like
 * LangChain's `createAgent({ model, tools })` so switching architectures is a one-line change.
 *
 *   const agent = createTdpAgent({ llm: new ChatOpenAI({ model: "gpt-4o" }), tools: [search, calc] });
 *   const out = await agent.invoke({ task: "..." });            // or { messages: [new HumanMessage("...")] }
 *   out.answer; out.dag; out.usage; out.messages.at(-1);       // the answer as an AI message
 *
 * It works as a node or subgraph of a `MessagesAnnotation` graph: the last human message is
 * the task, and the answer comes back as an AI message. It sets its own recursion limit from
 * its budgets, so callers never need to pass `recursionLimit`.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { ensureConfiguration, type Configuration } from "./configuration.js";
import { UsageError } from "./errors.js";
import { tdpRecursionLimit } from "./graph/limits.js";
import { withRecursionFloor } from "./graph/serve.js";
import { buildTdpGraph } from "./graph/tdp.js";
import type { ModelRole } from "./nodes/shared/runContext.js";

export interface CreateTdpAgentParams {
  /** One model for every role. */
  llm?: BaseChatModel;
  /** Per-role models (supervisor, planner, executor, evaluator, deliver); override `llm`. */
  models?: Partial<Record<ModelRole, BaseChatModel>>;
  /** Your tools. Omit them to run a bundled environment (`{ env, taskId }` input). */
  tools?: StructuredToolInterface[];
  /** Global environment-step budget (default 50). */
  maxSteps?: number;
  /** Any other run settings (maxNodes, maxStepsPerNode, maxReplans, maxRounds, ...). */
  configuration?: Partial<Configuration>;
  /** Your tools act on one shared stateful world: dispatch one sub-task at a time. */
  exclusive?: boolean;
  /** How the final answer should be written. */
  deliveryFormat?: string;
  checkpointer?: BaseCheckpointSaver;
  name?: string;
}

export function createTdpAgent(params: CreateTdpAgentParams = {}) {
  if (!params.llm && !params.models) throw new UsageError("createTdpAgent needs `llm` or `models`");
  const configurable: Record<string, unknown> = { ...params.configuration };
  if (params.maxSteps) configurable.maxSteps = params.maxSteps;
  // Invalid settings fail here, at construction, not in the middle of a run.
  const cfg = ensureConfiguration({ configurable });
  const graph = buildTdpGraph({
    llm: params.llm,
    models: params.models,
    tools: params.tools,
    exclusive: params.exclusive,
    deliveryFormat: params.deliveryFormat,
  }).compile({ name: params.name ?? "tdp", checkpointer: params.checkpointer });
  return withRecursionFloor(graph.withConfig({ configurable }), tdpRecursionLimit(cfg));
}
