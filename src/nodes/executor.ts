/**
 * Executor: emits exactly one concrete action (a tool call) for the current step of one
 * sub-task. The conversation it sees is this node's own steps replayed as tool calls and
 * tool results, after the node's spec, its prerequisites' outcomes and its plan. With
 * `evaluate: on_signal` it may also say the sub-task is done (`finish_sub_task`).
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callChat } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { subTaskData } from "../prompts/render.js";
import { EXECUTOR_PROMPT, EXECUTOR_SIGNAL_PROMPT, SUB_TASK_TURN } from "../prompts/tdp.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { allowedTools, FINISH_TOOL_NAME, finishTool, traceToMessages } from "./shared/tools.js";

export function executorNode(agent: AgentOptions) {
  return async function executor(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const run = await runContext(agent, config, state.scope);
    const model = await run.model("executor");
    if (!model.bindTools) throw new Error("the executor model must support tool calling (bindTools)");
    // After the Evaluator turned a completion claim down, the next turn must act: a bare
    // re-claim would show it the same steps again, and a deterministic judge the same verdict.
    const signal = run.cfg.evaluate === "on_signal" && !state.claimDeclined;
    const data = subTaskData({ prereqs: state.prereqs, plan: state.plan, guidance: state.guidance });
    const tools = allowedTools(run.tools(state.node.id), state.node.tools);
    const messages = [
      new SystemMessage(fillPrompt(signal ? EXECUTOR_SIGNAL_PROMPT : EXECUTOR_PROMPT, { dataRule: DATA_RULE })),
      new HumanMessage(
        `${fillPrompt(SUB_TASK_TURN, { spec: state.node.spec, data })}\n\nTake the next step of the plan.`,
      ),
      ...traceToMessages(state.trace),
    ];
    let reply, usage;
    try {
      ({ reply, usage } = await callChat(
        model,
        model.bindTools(signal ? [...tools, finishTool] : tools),
        messages,
        run.callConfig({ arch: "tdp", role: "executor", nodeId: state.node.id }),
        run.policy,
      ));
    } catch (err) {
      return {
        fault: `Executor: ${modelFault(err)}`,
        turns: 1,
        usage: usageUpdate("executor", faultUsage(err)),
      };
    }
    const calls = reply.tool_calls ?? [];
    const call = calls.find((c) => c.name !== FINISH_TOOL_NAME);
    const step = state.trace.length + 1;
    return {
      claimed: signal && calls.some((c) => c.name === FINISH_TOOL_NAME),
      claimDeclined: false,
      // One action per step: extra tool calls in the same reply are ignored.
      pending: call
        ? { id: call.id || `${state.node.id}-${step}`, tool: call.name, args: call.args as Record<string, unknown> }
        : null,
      usage: usageUpdate("executor", usage),
      turns: 1,
    };
  };
}
