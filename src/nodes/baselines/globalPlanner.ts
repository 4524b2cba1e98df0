/**
 * The global Planner of CoT and Plan-and-Act. `plan` writes the whole plan once, before any
 * action; `replan` (Plan-and-Act only) rewrites the whole remaining plan after each step,
 * reading the full history. An empty replan means the Planner considers the task done.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../../configuration.js";
import type { Runtime } from "../../graph/runtime.js";
import { callStructured } from "../../models/structured.js";
import { usageUpdate } from "../../models/usage.js";
import { GLOBAL_PLAN_PROMPT, REPLAN_PROMPT } from "../../prompts/baselines.js";
import { renderPlan, renderTools, renderTrace } from "../../prompts/render.js";
import { fillPrompt } from "../../prompts/tdp.js";
import { baselineCallConfig, baselineMaxSteps, deliveryRule, MAIN_SCOPE, refOf } from "./common.js";
import { GlobalPlan } from "./schemas.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "./state.js";

export function makeGlobalPlannerNode(runtime: Runtime, arch: BaselineArch, mode: "plan" | "replan") {
  return async function globalPlanner(
    state: BaselineStateType,
    config: LangGraphRunnableConfig,
  ): Promise<BaselineUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = refOf(state);
    const res = await runtime.resources(ref);
    const model = await runtime.model("planner", cfg, ref);
    const common = { task: state.task, tools: renderTools(res.tools(MAIN_SCOPE)), deliveryRule: deliveryRule(res) };
    const prompt =
      mode === "plan"
        ? fillPrompt(GLOBAL_PLAN_PROMPT, { ...common, maxSteps: await baselineMaxSteps(state, config) })
        : fillPrompt(REPLAN_PROMPT, { ...common, plan: renderPlan(state.plan), trace: renderTrace(state.trace) });
    const role = mode === "plan" ? "planner" : "replanner";
    const out = await callStructured(
      model,
      GlobalPlan,
      [new SystemMessage(prompt), new HumanMessage(mode === "plan" ? "Return the plan." : "Return the revised plan.")],
      cfg.structuredOutputMethod,
      baselineCallConfig(config, arch, role, state),
    );
    if (mode === "plan") {
      // A plan the model could not express still lets the Executor act on the task alone.
      const steps = out.value?.steps.length ? out.value.steps : [`Work on the task: ${state.task}`];
      return { plan: steps, usage: usageUpdate(role, out.usage) };
    }
    // An unreadable replan keeps the current plan; an empty one means "nothing remains".
    if (!out.value) return { replans: 1, usage: usageUpdate(role, out.usage) };
    return {
      plan: out.value.steps,
      replans: 1,
      finished: out.value.steps.length === 0,
      usage: usageUpdate(role, out.usage),
    };
  };
}
