/**
 * Delivery of the baselines, the same mechanism as TDP's (nodes/shared/deliver.ts): a
 * submission through the environment's tool wins; otherwise the model writes the result
 * (no tools bound) from the task and the run's steps.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callChat } from "../../models/structured.js";
import type { Usage } from "../../state/reducers.js";
import { BASELINE_DELIVER_PROMPT } from "../../prompts/baselines.js";
import { DATA_RULE } from "../../prompts/data.js";
import { fillPrompt } from "../../prompts/fill.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "../../state/baseline.js";
import { deliverResult } from "../shared/deliver.js";
import { modelFault } from "../shared/faults.js";
import { runContext, scopeOf, type AgentOptions } from "../shared/runContext.js";
import { baselineStatus } from "../shared/status.js";
import { renderStepsData } from "../../prompts/render.js";

export function baselineDeliverNode(agent: AgentOptions, arch: BaselineArch) {
  return async function deliver(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const run = await runContext(agent, config, scopeOf(state));
    let fault = state.fault;
    const delivered = await deliverResult(run, async (): Promise<{ answer: string; usage: Usage }> => {
      const model = await run.model("deliver");
      try {
        const { reply, usage } = await callChat(
          model,
          model,
          [
            new SystemMessage(fillPrompt(BASELINE_DELIVER_PROMPT, { dataRule: DATA_RULE, format: run.deliveryFormat })),
            new HumanMessage(
              `Task:\n${state.task}\n\nSteps taken (JSON, one per line):\n${renderStepsData(state.trace)}\n\nDeliver the result.`,
            ),
          ],
          run.callConfig({ arch, role: "deliver" }),
          run.policy,
        );
        return { answer: reply.text.trim(), usage: { deliver: usage } };
      } catch (err) {
        fault ??= `delivery: ${modelFault(err)}`;
        return { answer: "", usage: {} };
      }
    });
    const { status, reason } = baselineStatus({
      finished: state.finished,
      overBudget: state.overBudget,
      maxSteps: run.maxSteps,
      answer: delivered.answer,
      fault,
    });
    return { ...delivered, status, reason };
  };
}
