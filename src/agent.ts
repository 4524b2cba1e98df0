/**
 * `createTdpAgent({ llm, tools })`: TDP with your own model and LangChain tools, shaped like
 * `createReactAgent({ llm, tools })` so switching architectures is a one-line change.
 *
 *   const agent = createTdpAgent({ llm: new ChatOpenAI({ model: "gpt-4o" }), tools: [search, calc] });
 *   const out = await agent.invoke({ task: "..." }, { recursionLimit: 200 });
 *   out.answer; out.dag; out.usage;
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { Role } from "./configuration.js";
import { buildTdpGraph } from "./graph/tdp.js";

export interface CreateTdpAgentParams {
  /** One model for every role. */
  llm?: BaseChatModel;
  /** Per-role models (supervisor, planner, executor, evaluator, deliver); override `llm`. */
  models?: Partial<Record<Role | "deliver", BaseChatModel>>;
  /** Your tools. Omit them to run a bundled environment (`{ env, taskId }` input). */
  tools?: StructuredToolInterface[];
  /** Global environment-step budget (default 50). */
  maxSteps?: number;
  /** Your tools act on one shared stateful world: dispatch one sub-task at a time. */
  exclusive?: boolean;
  /** How the final answer should be written. */
  deliveryFormat?: string;
  checkpointer?: BaseCheckpointSaver;
  name?: string;
}

export function createTdpAgent(params: CreateTdpAgentParams = {}) {
  if (!params.llm && !params.models) throw new Error("createTdpAgent needs `llm` or `models`");
  const graph = buildTdpGraph({
    llm: params.llm,
    models: params.models,
    tools: params.tools,
    exclusive: params.exclusive,
    deliveryFormat: params.deliveryFormat,
  }).compile({ name: params.name ?? "tdp", checkpointer: params.checkpointer });
  return params.maxSteps ? graph.withConfig({ configurable: { maxSteps: params.maxSteps } }) : graph;
}
