/**
 * Delivery: the final answer or plan. If a sub-task already delivered through the
 * environment's submission tool, that is the result; otherwise the Supervisor writes it
 * from the node outcomes (never from traces). Then the run is scored and given its status.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import { llmCallConfig, type Runtime } from "../graph/runtime.js";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { renderOutcomes } from "../prompts/render.js";
import { DELIVER_PROMPT, fillPrompt } from "../prompts/tdp.js";
import { allCompleted, blockedNodes } from "../state/dag.js";
import type { RunStatus, TdpStateType, TdpUpdate } from "../state/state.js";
import { releaseSession } from "../tools/sessions.js";
import { DeliverAnswer } from "./schemas.js";

/** Final status from what the DAG and the counters show. */
export function finalStatus(
  state: Pick<TdpStateType, "dag" | "stepsUsed">,
  maxSteps: number,
): { status: RunStatus; reason: string | null } {
  if (allCompleted(state.dag)) return { status: "completed", reason: null };
  const unfinished = Object.values(state.dag)
    .filter((n) => n.status !== "completed")
    .map((n) => n.id);
  if (state.stepsUsed >= maxSteps)
    return {
      status: "budget_exhausted",
      reason: `step budget of ${maxSteps} spent; unfinished: ${unfinished.join(", ")}`,
    };
  const failed = Object.values(state.dag)
    .filter((n) => n.status === "failed")
    .map((n) => n.id);
  const blocked = blockedNodes(state.dag).map((n) => n.id);
  const parts = [
    failed.length ? `failed: ${failed.join(", ")}` : "",
    blocked.length ? `blocked by them: ${blocked.join(", ")}` : "",
  ].filter(Boolean);
  return {
    status: "failed",
    reason: parts.length ? parts.join("; ") : `unfinished sub-tasks: ${unfinished.join(", ")}`,
  };
}

export function makeDeliverNode(
  runtime: Runtime,
  resolveMaxSteps: (state: TdpStateType, config: LangGraphRunnableConfig) => Promise<number>,
) {
  return async function deliver(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const cfg = ensureConfiguration(config);
    const ref = { runId: state.runId, env: state.env, taskId: state.taskId };
    const res = await runtime.resources(ref);
    let answer = res.session?.submission() ?? null;
    let usage = {};
    if (answer === null) {
      const model = await runtime.model("deliver", cfg, ref);
      const out = await callStructured(
        model,
        DeliverAnswer,
        [
          new SystemMessage(
            fillPrompt(DELIVER_PROMPT, {
              task: state.task,
              outcomes: renderOutcomes(state.dag),
              format: res.deliveryFormat,
            }),
          ),
          new HumanMessage("Deliver the result."),
        ],
        cfg.structuredOutputMethod,
        llmCallConfig(config, { arch: "tdp", role: "deliver", env: state.env, taskId: state.taskId }),
      );
      usage = usageUpdate("deliver", out.usage);
      answer = out.value?.answer ?? "";
      if (answer) res.session?.submit(answer);
    }
    const scores =
      res.environment && state.taskId && res.session ? res.environment.score(state.taskId, res.session) : null;
    if (res.session) releaseSession(state.runId);
    const { status, reason } = finalStatus(state, await resolveMaxSteps(state, config));
    return { answer, scores, usage, status, reason };
  };
}
