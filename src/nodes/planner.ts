/**
 * Planner (and Planner.refine): writes a short plan for one sub-task from its spec, its
 * prerequisites' outcomes and the tools; when the Evaluator asks for a replan, rewrites it
 * for the remaining work from this sub-task's own steps. Nothing outside the sub-task.
 */
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callChat, callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderStepsData, renderTools, subTaskData } from "../prompts/render.js";
import { PLANNER_FIRST_STEP_PROMPT, PLANNER_PROMPT, PLANNER_REFINE_PROMPT, SUB_TASK_TURN } from "../prompts/tdp.js";
import type { WorkerStateType, WorkerUpdate } from "../state/state.js";
import { emitSubTaskEvent } from "./progress.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { allowedTools, FINISH_TOOL_NAME, finishTool } from "./shared/tools.js";
import { runContext, type AgentOptions, type RunContext } from "./shared/runContext.js";
import { WritePlan } from "./schemas.js";

export function plannerNode(agent: AgentOptions) {
  return async function planner(state: WorkerStateType, config: LangGraphRunnableConfig): Promise<WorkerUpdate> {
    const run = await runContext(agent, config, state.scope);
    const refining = state.plan.length > 0;
    if (!refining)
      emitSubTaskEvent(config, {
        node_id: state.node.id,
        status: "running",
        attempt: state.node.attempts + 1,
        steps: 0,
      });
    const tools = renderTools(allowedTools(run.tools(state.node.id), state.node.tools));
    const system = refining
      ? fillPrompt(PLANNER_REFINE_PROMPT, { dataRule: DATA_RULE, tools })
      : run.cfg.evaluate === "on_signal"
        ? fillPrompt(PLANNER_FIRST_STEP_PROMPT, { dataRule: DATA_RULE, maxSteps: state.limits.stepBudget })
        : fillPrompt(PLANNER_PROMPT, { dataRule: DATA_RULE, tools, maxSteps: state.limits.stepBudget });
    const data = subTaskData({
      prereqs: state.prereqs,
      ...(refining ? { plan: state.plan, guidance: state.guidance ?? null } : {}),
    });
    const steps = refining
      ? `\n\nSteps of this sub-task so far (JSON, one per line):\n${renderStepsData(state.trace)}\n\nReturn the revised plan.`
      : "\n\nReturn the plan.";
    const messages = [
      new SystemMessage(system),
      new HumanMessage(fillPrompt(SUB_TASK_TURN, { spec: state.node.spec, data }) + steps),
    ];
    if (!refining && run.cfg.evaluate === "on_signal") return planWithFirstStep(state, run, messages);
    let out;
    try {
      out = await callStructured(
        await run.model("planner"),
        WritePlan,
        messages,
        run.cfg.structuredOutputMethod,
        run.callConfig({ arch: "tdp", role: "planner", nodeId: state.node.id }),
        run.policy,
      );
    } catch (err) {
      return { fault: `Planner: ${modelFault(err)}`, usage: usageUpdate("planner", faultUsage(err)) };
    }
    // A plan the model could not express still lets the Executor act on the spec alone.
    const plan = out.value?.steps.length ? out.value.steps : [`Work on: ${state.node.spec}`];
    return {
      plan,
      usage: usageUpdate("planner", out.usage),
      replans: refining ? 1 : 0,
      verdict: null,
    };
  };
}

const writePlanTool = tool(async () => "noted", {
  name: WritePlan.name,
  description: "Record the plan of this sub-task.",
  schema: WritePlan.schema,
});

/**
 * evaluate: on_signal. One call writes the plan and takes the first step: the model gets
 * write_plan beside the sub-task's tools, and a tool call next to the plan becomes the pending
 * action, so the branch goes straight to `act`. A reply without a usable plan still lets the
 * Executor act on the spec; one without an action goes to the Executor as usual.
 */
async function planWithFirstStep(
  state: WorkerStateType,
  run: RunContext,
  messages: BaseMessage[],
): Promise<WorkerUpdate> {
  const model = await run.model("planner");
  if (!model.bindTools)
    throw new Error("the planner model must support tool calling (bindTools) under evaluate: on_signal");
  const tools = allowedTools(run.tools(state.node.id), state.node.tools);
  let reply, usage;
  try {
    ({ reply, usage } = await callChat(
      model,
      model.bindTools([writePlanTool, ...tools, finishTool]),
      messages,
      run.callConfig({ arch: "tdp", role: "planner", nodeId: state.node.id }),
      run.policy,
    ));
  } catch (err) {
    return { fault: `Planner: ${modelFault(err)}`, usage: usageUpdate("planner", faultUsage(err)) };
  }
  const calls = reply.tool_calls ?? [];
  const parsed = WritePlan.schema.safeParse(calls.find((c) => c.name === WritePlan.name)?.args);
  const plan = parsed.success && parsed.data.steps.length ? parsed.data.steps : [`Work on: ${state.node.spec}`];
  const known = new Set(tools.map((t) => t.name));
  // One action per step: the first call of a bound tool; anything else is ignored.
  const action = calls.find((c) => c.name !== WritePlan.name && known.has(c.name));
  return {
    plan,
    usage: usageUpdate("planner", usage),
    verdict: null,
    claimed: !!action && calls.some((c) => c.name === FINISH_TOOL_NAME),
    ...(action
      ? {
          pending: {
            id: action.id || `${state.node.id}-1`,
            tool: action.name,
            args: action.args as Record<string, unknown>,
          },
          turns: 1,
        }
      : {}),
  };
}
