/**
 * The ReAct loop: LangChain's `createAgent` (the successor of LangGraph's deprecated prebuilt
 * `createReactAgent`), built per run with the run's model and tools, inside one node of the
 * baseline graph so it shares TDP's input, budget and delivery. The whole conversation (every
 * action and observation) is the model's context.
 *
 * Budget: a tool-call middleware holds a counter. Every attempted tool call is one
 * environment step; calls past the budget are not executed and answer with a "budget spent"
 * observation. A recursion limit a few turns past the budget is the hard stop for a model
 * that keeps calling anyway; the conversation up to that point is kept.
 */
import { type AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { GraphRecursionError, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { createAgent, createMiddleware } from "langchain";
import { usageOf } from "../../models/usage.js";
import { BUDGET_SPENT, REACT_PROMPT } from "../../prompts/baselines.js";
import { fillPrompt } from "../../prompts/fill.js";
import { addUsage, type Usage } from "../../state/reducers.js";
import type { TraceEntry } from "../../state/trace.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { withRetry } from "../../models/retry.js";
import { endpointOf, type CallPolicy } from "../../models/structured.js";
import { DATA_RULE, dataBlock, readDataBlock } from "../../prompts/data.js";
import { modelFault } from "../shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "../shared/runContext.js";
import { deliveryRule, MAIN_SCOPE } from "./common.js";
import type { BaselineStateType, BaselineUpdate } from "../../state/baseline.js";

/** Model turns allowed after the budget is spent, for the model to give its final answer. */
export const REACT_GRACE_TURNS = 1;

/** Counts attempted tool calls against a budget; check-and-take is synchronous, so parallel calls cannot overspend. */
export class StepCounter {
  used = 0;
  /** Calls refused because the budget was spent. */
  refused = 0;
  constructor(readonly limit: number) {}
  take(): boolean {
    if (this.used >= this.limit) {
      this.refused++;
      return false;
    }
    this.used++;
    return true;
  }
}

/**
 * Middleware for the agent's tool calls: each call is one environment step, refused past the
 * budget with an observation saying so (the call is not executed).
 */
export function stepBudgetMiddleware(counter: StepCounter, maxSteps: number) {
  return createMiddleware({
    name: "StepBudget",
    wrapToolCall: async (request, handler) => {
      if (counter.take()) {
        let result;
        try {
          result = await handler(request);
        } catch (e) {
          // A throwing tool is an observation, as in every other architecture (runTool).
          return new ToolMessage({
            status: "error",
            name: request.toolCall.name,
            tool_call_id: request.toolCall.id ?? "",
            content: dataBlock(
              "observation",
              `Error: ${request.toolCall.name} rejected the call: ${(e as Error).message.split("\n")[0]}`,
            ),
          });
        }
        // Tool text is data: fenced, like every observation TDP shows a model.
        if (!ToolMessage.isInstance(result)) return result;
        return new ToolMessage({
          status: result.status,
          name: result.name,
          tool_call_id: result.tool_call_id,
          content: dataBlock("observation", result.text),
        });
      }
      return new ToolMessage({
        status: "error",
        name: request.toolCall.name,
        tool_call_id: request.toolCall.id ?? "",
        content: fillPrompt(BUDGET_SPENT, { maxSteps }),
      });
    },
  });
}

/** Middleware for the agent's model calls: the run's retry policy, the same as every other call. */
export function retryMiddleware(model: BaseChatModel, policy: CallPolicy) {
  return createMiddleware({
    name: "ModelRetry",
    wrapModelCall: (request, handler) =>
      withRetry(() => Promise.resolve(handler(request)), {
        policy: policy.retry,
        endpoint: endpointOf(model),
        signal: policy.signal,
      }),
  });
}

/**
 * Supersteps of the prebuilt agent for `budget` tool rounds plus the grace turns: each round
 * is an agent turn and a tools turn, and the last agent turn answers.
 */
export function reactRecursionLimit(budget: number): number {
  return 2 * (budget + REACT_GRACE_TURNS) + 1;
}

/** The agent's conversation as trace entries: each tool call with its result. */
export function messagesToTrace(messages: BaseMessage[]): TraceEntry[] {
  const results = new Map<string, string>();
  for (const m of messages)
    if (m.getType() === "tool") {
      const text = (m as ToolMessage).text;
      results.set((m as ToolMessage).tool_call_id, readDataBlock(text, "observation") ?? text);
    }
  const out: TraceEntry[] = [];
  for (const m of messages) {
    if (m.getType() !== "ai") continue;
    for (const c of (m as AIMessage).tool_calls ?? []) {
      out.push({
        action: { id: c.id ?? "", tool: c.name, args: c.args as Record<string, unknown> },
        observation: results.get(c.id ?? "") ?? "(no result)",
      });
    }
  }
  return out;
}

/** Tokens of every model turn in the conversation, under one role. */
export function conversationUsage(messages: BaseMessage[], role: string): Usage {
  let usage: Usage = {};
  for (const m of messages) if (m.getType() === "ai") usage = addUsage(usage, { [role]: usageOf(m) });
  return usage;
}

export function reactNode(agent: AgentOptions) {
  return async function react(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const run = await runContext(agent, config, scopeOf(state));
    const counter = new StepCounter(Math.max(0, run.maxSteps - state.stepsUsed));
    const model = await run.model("executor");
    const reactAgent = createAgent({
      model,
      tools: run.tools(MAIN_SCOPE),
      systemPrompt: fillPrompt(REACT_PROMPT, {
        deliveryRule: deliveryRule(run),
        maxSteps: run.maxSteps,
        dataRule: DATA_RULE,
      }),
      middleware: [stepBudgetMiddleware(counter, run.maxSteps), retryMiddleware(model, run.policy)],
    });
    let messages: BaseMessage[] = [new HumanMessage(state.task)];
    let stopped = false;
    let fault: string | null = null;
    try {
      const stream = await reactAgent.stream(
        { messages },
        {
          ...run.callConfig({ arch: "react", role: "react" }),
          streamMode: "values",
          recursionLimit: reactRecursionLimit(counter.limit),
        },
      );
      for await (const values of stream) messages = (values as { messages: BaseMessage[] }).messages;
    } catch (e) {
      if (e instanceof GraphRecursionError) stopped = true;
      // The conversation so far is kept; the run delivers what it has and ends `error`.
      else fault = `react: ${modelFault(e)}`;
    }
    const lastAi = [...messages].reverse().find((m) => m.getType() === "ai") as AIMessage | undefined;
    const overBudget = stopped || counter.refused > 0;
    const finished = !fault && !overBudget && !!lastAi && !lastAi.tool_calls?.length;
    return {
      trace: messagesToTrace(messages),
      stepsUsed: counter.used,
      usage: conversationUsage(messages, "react"),
      finished,
      overBudget,
      fault,
    };
  };
}
