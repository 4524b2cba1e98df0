/**
 * Delivery: the final answer or plan. If a sub-task already delivered through the
 * environment's submission tool, that is the result; otherwise the Supervisor writes it
 * from the node outcomes (never from traces). Then the run is scored and given its status,
 * and the answer is appended to `messages` for chat callers.
 */
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { callStructured } from "../models/structured.js";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderOutcomesData } from "../prompts/render.js";
import { DELIVER_PROMPT } from "../prompts/tdp.js";
import { topologicalOrder, type Dag } from "../state/dag.js";
import type { Usage } from "../state/reducers.js";
import type { TdpStateType, TdpUpdate } from "../state/state.js";
import { modelFault } from "./shared/faults.js";
import { deliverResult } from "./shared/deliver.js";
import { runContext, scopeOf, type AgentOptions } from "./shared/runContext.js";
import { dagStatus } from "./shared/status.js";
import { DeliverAnswer } from "./schemas.js";

/** An answer assembled without a model: the completed sub-tasks' outcomes, in dependency order. */
export function outcomesAnswer(dag: Dag): string {
  return topologicalOrder(dag)
    .filter((n) => n.status === "completed")
    .map((n) => `${n.id}: ${n.outcome ?? ""}`)
    .join("\n");
}

export function deliverNode(agent: AgentOptions) {
  return async function deliver(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    const run = await runContext(agent, config, scopeOf(state));
    // The Supervisor could not build a DAG: nothing ran, the run keeps its `error` status.
    const failedEarly = state.status === "error";
    let deliveryFault: string | null = null;
    const delivered = await deliverResult(run, async (): Promise<{ answer: string; usage: Usage }> => {
      if (failedEarly) return { answer: "", usage: {} };
      try {
        const out = await callStructured(
          await run.model("deliver"),
          DeliverAnswer,
          [
            new SystemMessage(fillPrompt(DELIVER_PROMPT, { dataRule: DATA_RULE, format: run.deliveryFormat })),
            new HumanMessage(
              `Task:\n${state.task}\n\nSub-task outcomes (JSON, one per line):\n${renderOutcomesData(state.dag)}\n\nDeliver the result.`,
            ),
          ],
          run.cfg.structuredOutputMethod,
          run.callConfig({ arch: "tdp", role: "deliver" }),
          run.policy,
        );
        return { answer: out.value?.answer ?? "", usage: { deliver: out.usage } };
      } catch (err) {
        deliveryFault = modelFault(err);
        return { answer: outcomesAnswer(state.dag), usage: {} };
      }
    });
    const final = failedEarly
      ? { status: state.status, reason: state.reason }
      : dagStatus(state.dag, state.stepsUsed, run.maxSteps);
    const reason = deliveryFault
      ? [final.reason, `delivery model failed (${deliveryFault}); the answer is the sub-tasks' outcomes`]
          .filter(Boolean)
          .join("; ")
      : final.reason;
    return {
      ...delivered,
      status: final.status,
      reason,
      // Chat callers always get a closing AI message: the answer, or why there is none.
      messages: [new AIMessage({ content: delivered.answer || `No result: ${reason ?? final.status}`, name: "tdp" })],
    };
  };
}
