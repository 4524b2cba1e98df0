/**
 * Executor: emits exactly one concrete action (a tool call) for the current step of one
 * sub-task. The conversation it sees is this node's own steps replayed as tool calls and
 * tool results, after a system prompt with the node's spec, prerequisites' outcomes and plan.
 */
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import type { Runtime } from "../graph/runtime.js";
import { usageOf, usageUpdate } from "../models/usage.js";
import { renderPlan, renderPrereqs } from "../prompts/render.js";
import { EXECUTOR_PROMPT, EXECUTOR_START, fillPrompt } from "../prompts/tdp.js";
import type { TraceEntry, WorkerStateType, WorkerUpdate } from "../state/state.js";
import { runRefOf, workerCallConfig } from "./workerContext.js";

/** A node's own steps as a tool-calling conversation. */
export function traceToMessages(trace: TraceEntry[]): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (const t of trace) {
    if (t.action) {
      out.push(
        new AIMessage({
          content: "",
          tool_calls: [{ id: t.action.id, name: t.action.tool, args: t.action.args, type: "tool_call" }],
        }),
      );
      out.push(new ToolMessage({ tool_call_id: t.action.id, content: t.observation }));
    } else {
      out.push(new AIMessage("(no tool call)"));
      out.push(new HumanMessage(t.observation));
    }
  }
  return out;
}

export function makeExecutorNode(runtime: Runtime) {
  return async function executor(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = runRefOf(state);
    const res = await runtime.resources(ref);
    const model = await runtime.model("executor", cfg, ref);
    const tools = res.tools(state.node.id);
    if (!model.bindTools) throw new Error("the executor model must support tool calling (bindTools)");
    const system = fillPrompt(EXECUTOR_PROMPT, {
      id: state.node.id,
      spec: state.node.spec,
      prereqs: renderPrereqs(state.prereqs),
      plan: renderPlan(state.plan),
      guidance: state.guidance ? `\nGuidance: ${state.guidance}` : "",
    });
    const messages = [
      new SystemMessage(system),
      new HumanMessage(fillPrompt(EXECUTOR_START, { id: state.node.id })),
      ...traceToMessages(state.trace),
    ];
    const reply = await model.bindTools(tools).invoke(messages, workerCallConfig(state, config, "executor"));
    const call = reply.tool_calls?.[0];
    const step = state.trace.length + 1;
    return {
      // One action per step: extra tool calls in the same reply are ignored.
      pending: call
        ? { id: call.id || `${state.node.id}-${step}`, tool: call.name, args: call.args as Record<string, unknown> }
        : null,
      usage: usageUpdate("executor", usageOf(reply), state.node.id),
      turns: 1,
    };
  };
}
