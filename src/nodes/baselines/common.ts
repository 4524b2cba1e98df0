/**
 * Pieces every baseline shares: resolving the input exactly as TDP does, the run reference,
 * the step budget, the delivery rule shown in prompts, and the final status.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { llmCallConfig, type RunRef, type RunResources } from "../../graph/runtime.js";
import { resolveMaxSteps } from "../../graph/tdp.js";
import type { RunStatus, TdpStateType } from "../../state/state.js";
import { resolveTaskInput } from "../supervisor.js";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "./state.js";

/** Tool scope of single-thread architectures (environments keep per-scope reader state). */
export const MAIN_SCOPE = "main";

export function refOf(state: Pick<BaselineStateType, "runId" | "env" | "taskId">): RunRef {
  return { runId: state.runId, env: state.env, taskId: state.taskId };
}

export function baselineCallConfig(
  config: LangGraphRunnableConfig,
  arch: BaselineArch,
  role: string,
  state: Pick<BaselineStateType, "env" | "taskId">,
) {
  return llmCallConfig(config, { arch, role, env: state.env, taskId: state.taskId });
}

/** The global step budget, resolved exactly as TDP resolves it (configuration, env default, 50). */
export function baselineMaxSteps(
  state: Pick<BaselineStateType, "env">,
  config: LangGraphRunnableConfig,
): Promise<number> {
  return resolveMaxSteps(state as Pick<TdpStateType, "env">, config);
}

/** Static run metadata of a graph node, so a LangSmith trace says which architecture and role each node is. */
export function baselineNodeMeta(arch: BaselineArch, role: string): { metadata: Record<string, string> } {
  return { metadata: { arch, role } };
}

/** First node of every baseline: fills `task` from the bundled environment and gives the run its session key. */
export async function prepareNode(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
  // Same rules and errors as TDP's Supervisor, so every architecture accepts the same input.
  const { task, runId } = await resolveTaskInput(state as unknown as TdpStateType, config);
  return { task, runId, status: "running" };
}

/** How the result must be delivered: the same rule TDP's Supervisor states, phrased for one agent. */
export function deliveryRule(res: Pick<RunResources, "submitTool" | "deliveryFormat">): string {
  return res.submitTool
    ? `Deliver the result by calling ${res.submitTool} once everything it needs is known.`
    : `When you are done, the result must be written as: ${res.deliveryFormat}.`;
}

/**
 * Final status of a baseline run: `completed` when the architecture declared the task done
 * within the budget and something was delivered, `budget_exhausted` when it wanted to act
 * past the step budget, `failed` otherwise (it stopped without delivering, or hit its loop limit).
 */
export function baselineStatus(s: {
  finished: boolean;
  overBudget: boolean;
  maxSteps: number;
  answer: string | null;
}): {
  status: RunStatus;
  reason: string | null;
} {
  if (s.overBudget)
    return { status: "budget_exhausted", reason: `step budget of ${s.maxSteps} spent before the task was done` };
  if (s.finished && s.answer) return { status: "completed", reason: null };
  if (s.finished) return { status: "failed", reason: "the agent stopped without delivering a result" };
  return { status: "failed", reason: "the agent stopped before declaring the task done" };
}
