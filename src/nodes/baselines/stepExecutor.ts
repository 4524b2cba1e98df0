/**
 * Executor and act nodes of CoT and Plan-and-Act: one tool call per step, following the global
 * plan, with the whole run's history replayed as tool calls and results (the same message
 * format TDP's Executor uses for its one node). A reply without a tool call means "done".
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../../configuration.js";
import type { Runtime } from "../../graph/runtime.js";
import { usageOf, usageUpdate } from "../../models/usage.js";
import { BUDGET_SPENT, PLAN_EXECUTOR_PROMPT, PLAN_EXECUTOR_START } from "../../prompts/baselines.js";
import { renderPlan } from "../../prompts/render.js";
import { fillPrompt } from "../../prompts/tdp.js";
import { runTool } from "../act.js";
import { traceToMessages } from "../executor.js";
import { baselineCallConfig, baselineMaxSteps, deliveryRule, MAIN_SCOPE, refOf } from "./common.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "./state.js";

export function makeStepExecutorNode(runtime: Runtime, arch: BaselineArch) {
  return async function executor(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = refOf(state);
    const res = await runtime.resources(ref);
    const model = await runtime.model("executor", cfg, ref);
    if (!model.bindTools) throw new Error("the executor model must support tool calling (bindTools)");
    const system = fillPrompt(PLAN_EXECUTOR_PROMPT, {
      task: state.task,
      plan: renderPlan(state.plan),
      deliveryRule: deliveryRule(res),
    });
    const messages = [
      new SystemMessage(system),
      new HumanMessage(PLAN_EXECUTOR_START),
      ...traceToMessages(state.trace),
    ];
    const reply = await model
      .bindTools(res.tools(MAIN_SCOPE))
      .invoke(messages, baselineCallConfig(config, arch, "executor", state));
    const call = reply.tool_calls?.[0];
    const usage = usageUpdate("executor", usageOf(reply));
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
export function makeStepActNode(runtime: Runtime) {
  return async function act(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const action = state.pending;
    if (!action) return {};
    const maxSteps = await baselineMaxSteps(state, config);
    if (state.stepsUsed >= maxSteps) {
      return {
        trace: { action, observation: fillPrompt(BUDGET_SPENT, { maxSteps }) },
        pending: null,
        overBudget: true,
      };
    }
    const res = await runtime.resources(refOf(state));
    const observation = await runTool(res.tools(MAIN_SCOPE), action.tool, action.args);
    return { trace: { action, observation }, pending: null, stepsUsed: 1 };
  };
}
