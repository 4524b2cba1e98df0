/**
 * Executor and act nodes of CoT and Plan-and-Act: one tool call per step, following the global
 * plan, with the whole run's history replayed as tool calls and results (the same message
 * format TDP's Executor uses for its one node). A reply without a tool call means "done".
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callChat } from "../../models/structured.js";
import { BUDGET_SPENT, PLAN_EXECUTOR_PROMPT } from "../../prompts/baselines.js";
import { DATA_RULE } from "../../prompts/data.js";
import { fillPrompt } from "../../prompts/fill.js";
import { renderPlan } from "../../prompts/render.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "../../state/baseline.js";
import { modelFault } from "../shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "../shared/runContext.js";
import { runTool, traceToMessages } from "../shared/tools.js";
import { deliveryRule, MAIN_SCOPE } from "./common.js";

export function stepExecutorNode(agent: AgentOptions, arch: BaselineArch) {
  return async function executor(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    if (state.fault) return { pending: null, finished: true };
    const run = await runContext(agent, config, scopeOf(state));
    const model = await run.model("executor");
    if (!model.bindTools) throw new Error("the executor model must support tool calling (bindTools)");
    const messages = [
      new SystemMessage(fillPrompt(PLAN_EXECUTOR_PROMPT, { deliveryRule: deliveryRule(run), dataRule: DATA_RULE })),
      new HumanMessage(`Task:\n${state.task}\n\nPlan:\n${renderPlan(state.plan)}\n\nTake the next step of the plan.`),
      ...traceToMessages(state.trace),
    ];
    let reply, counts;
    try {
      ({ reply, usage: counts } = await callChat(
        model,
        model.bindTools(run.tools(MAIN_SCOPE)),
        messages,
        run.callConfig({ arch, role: "executor" }),
        run.policy,
      ));
    } catch (err) {
      return { fault: `executor: ${modelFault(err)}`, pending: null, finished: true };
    }
    const call = reply.tool_calls?.[0];
    const usage = { executor: counts };
    // One action per step: extra tool calls in the same reply are ignored, as in TDP.
    if (!call) return { pending: null, finished: true, usage };
    return {
      pending: {
        id: call.id || `step-${state.trace.length + 1}`,
        tool: call.name,
        args: call.args as Record<string, unknown>,
      },
      usage,
    };
  };
}

/**
 * Runs the pending action; tool errors become observations, and every attempted call is one
 * step. Past the global budget the action is not executed: the refusal is recorded and the
 * run goes to delivery (the Executor always gets its turn to say "done" after the last step).
 */
export function stepActNode(agent: AgentOptions) {
  return async function act(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const action = state.pending;
    if (!action) return {};
    const run = await runContext(agent, config, scopeOf(state));
    if (state.stepsUsed >= run.maxSteps) {
      return {
        trace: { action, observation: fillPrompt(BUDGET_SPENT, { maxSteps: run.maxSteps }) },
        pending: null,
        overBudget: true,
      };
    }
    const observation = await runTool(run.tools(MAIN_SCOPE), action.tool, action.args);
    return { trace: { action, observation }, pending: null, stepsUsed: 1 };
  };
}
