/**
 * Delivery of the baselines, the same mechanism as TDP's: a submission made through the
 * environment's submit tool wins; otherwise the model writes the final result (no tools
 * bound) from the task and the run's steps, and that text is submitted to the session. Then
 * the run is scored by the environment and given its status.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../../configuration.js";
import type { Runtime } from "../../graph/runtime.js";
import { usageOf, usageUpdate } from "../../models/usage.js";
import { BASELINE_DELIVER_PROMPT } from "../../prompts/baselines.js";
import { renderTrace } from "../../prompts/render.js";
import { fillPrompt } from "../../prompts/tdp.js";
import type { Usage } from "../../state/reducers.js";
import { releaseSession } from "../../tools/sessions.js";
import { baselineCallConfig, baselineMaxSteps, baselineStatus, refOf } from "./common.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "./state.js";

export function makeBaselineDeliverNode(runtime: Runtime, arch: BaselineArch) {
  return async function deliver(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = refOf(state);
    const res = await runtime.resources(ref);
    let answer = res.session?.submission() ?? null;
    let usage: Usage = {};
    if (answer === null) {
      const model = await runtime.model("deliver", cfg, ref);
      const prompt = fillPrompt(BASELINE_DELIVER_PROMPT, {
        task: state.task,
        trace: renderTrace(state.trace),
        format: res.deliveryFormat,
      });
      const reply = await model.invoke(
        [new SystemMessage(prompt), new HumanMessage("Deliver the result.")],
        baselineCallConfig(config, arch, "deliver", state),
      );
      usage = usageUpdate("deliver", usageOf(reply));
      answer = reply.text.trim();
      if (answer) res.session?.submit(answer);
    }
    const scores =
      res.environment && state.taskId && res.session ? res.environment.score(state.taskId, res.session) : null;
    if (res.session) releaseSession(state.runId);
    const { status, reason } = baselineStatus({
      finished: state.finished,
      overBudget: state.overBudget,
      maxSteps: await baselineMaxSteps(state, config),
      answer,
    });
    return { answer, scores, usage, status, reason };
  };
}
