/**
 * Pieces every baseline shares: its first node, the tool scope, node metadata and the
 * delivery rule its prompts state.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { BaselineArch, BaselineStateType, BaselineUpdate } from "../../state/baseline.js";
import type { RunContext } from "../shared/runContext.js";
import { resolveTaskInput } from "../shared/taskInput.js";

/** Tool scope of single-thread architectures (environments keep per-scope reader state). */
export const MAIN_SCOPE = "main";

/** Static run metadata of a graph node, so a LangSmith trace says which architecture and role each node is. */
export function baselineNodeMeta(arch: BaselineArch, role: string): { metadata: Record<string, string> } {
  return { metadata: { arch, role } };
}

/** First node of every baseline: fills `task` and gives the run its session key, by the same rules as TDP. */
export async function prepareNode(state: BaselineStateType, config: LangGraphRunnableConfig): Promise<BaselineUpdate> {
  const { task, runId } = await resolveTaskInput(state, config);
  return { task, runId, status: "running" };
}

/** How the result must be delivered, phrased for one agent. */
export function deliveryRule(run: Pick<RunContext, "submitTool" | "deliveryFormat">): string {
  return run.submitTool
    ? `Deliver the result by calling ${run.submitTool} once everything it needs is known.`
    : `When you are done, the result must be written as: ${run.deliveryFormat}.`;
}
