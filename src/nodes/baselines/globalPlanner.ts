/**
 * The global Planner of CoT and Plan-and-Act. `plan` writes the whole plan once, before any
 * action; `replan` (Plan-and-Act only) rewrites the whole remaining plan after each step,
 * reading the full history. An empty replan means the Planner considers the task done.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { GLOBAL_PLAN_PROMPT, REPLAN_PROMPT } from "../../prompts/baselines.js";
import { DATA_RULE } from "../../prompts/data.js";
import { fillPrompt } from "../../prompts/fill.js";
import { renderPlan, renderStepsData, renderTools } from "../../prompts/render.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "../../state/baseline.js";
import { modelFault } from "../shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "../shared/runContext.js";
import { callWithReask } from "../shared/structured.js";
import { deliveryRule, MAIN_SCOPE } from "./common.js";
import { GlobalPlan } from "./schemas.js";

export function globalPlannerNode(agent: AgentOptions, arch: BaselineArch, mode: "plan" | "replan") {
  return async function globalPlanner(
    state: BaselineStateType,
    config: LangGraphRunnableConfig,
  ): Promise<BaselineUpdate> {
    const run = await runContext(agent, config, scopeOf(state));
    const common = { tools: renderTools(run.tools(MAIN_SCOPE)), deliveryRule: deliveryRule(run) };
    const role = mode === "plan" ? "planner" : "replanner";
    const messages =
      mode === "plan"
        ? [
            new SystemMessage(fillPrompt(GLOBAL_PLAN_PROMPT, { ...common, maxSteps: run.maxSteps })),
            new HumanMessage(`Task:\n${state.task}\n\nReturn the plan.`),
          ]
        : [
            new SystemMessage(fillPrompt(REPLAN_PROMPT, { ...common, dataRule: DATA_RULE })),
            new HumanMessage(
              `Task:\n${state.task}\n\nCurrent plan:\n${renderPlan(state.plan)}\n\nSteps so far (JSON, one per line):\n${renderStepsData(state.trace)}\n\nReturn the revised plan.`,
            ),
          ];
    // One try, as before: a plan that cannot be read is handled below, not re-asked.
    let out;
    try {
      out = await callWithReask({
        run,
        model: await run.model("planner"),
        spec: GlobalPlan,
        messages,
        method: run.cfg.structuredOutputMethod,
        meta: { arch, role },
        what: "plan",
        attempts: 1,
      });
    } catch (err) {
      // Nothing more can be planned: the run delivers what it has and ends `error`.
      return { fault: `${role}: ${modelFault(err)}`, finished: true };
    }
    if (mode === "plan") {
      // A plan the model could not express still lets the Executor act on the task alone.
      const steps = out.value?.steps.length ? out.value.steps : [`Work on the task: ${state.task}`];
      return { plan: steps, usage: out.usage };
    }
    // An unreadable replan keeps the current plan; an empty one means "nothing remains".
    if (!out.value) return { replans: 1, usage: out.usage };
    return { plan: out.value.steps, replans: 1, finished: out.value.steps.length === 0, usage: out.usage };
  };
}
