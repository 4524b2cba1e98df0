/**
 * Running one tool call and showing a run's steps to a model, shared by TDP's workers and the
 * baselines so both act on the environment in exactly the same way.
 */
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import { dataBlock } from "../../prompts/data.js";
import type { TraceEntry } from "../../state/trace.js";

/**
 * Runs one tool call. Tool errors (unknown tool, invalid arguments, a throwing tool) become
 * observations the model can react to; they never end the run.
 */
export async function runTool(
  tools: StructuredToolInterface[],
  tool: string,
  args: Record<string, unknown>,
): Promise<string> {
  const t = tools.find((x) => x.name === tool);
  if (!t) return `Error: unknown tool "${tool}". Available tools: ${tools.map((x) => x.name).join(", ")}`;
  try {
    const out: unknown = await t.invoke(args);
    if (typeof out === "string") return out;
    if (out && typeof out === "object" && "content" in out) {
      const c = (out as { content: unknown }).content;
      return typeof c === "string" ? c : JSON.stringify(c);
    }
    return JSON.stringify(out);
  } catch (e) {
    return `Error: ${tool} rejected the call: ${(e as Error).message.split("\n")[0]}`;
  }
}

/** Observation of a turn in which the model called no tool. */
export const NO_TOOL_CALL = "No tool was called. Call one tool to make progress.";

/**
 * Steps as a tool-calling conversation: each action an AI tool call, each observation the
 * tool's result. Observations are environment text: they only ever appear as tool results,
 * never in a system message.
 */
export function traceToMessages(trace: TraceEntry[]): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (const t of trace) {
    if (t.action) {
      out.push(
        new AIMessage({
          content: "",
          tool_calls: [{ id: t.action.id, name: t.action.tool, args: t.action.args, type: "tool_call" }],
        }),
      );
      out.push(new ToolMessage({ tool_call_id: t.action.id, content: dataBlock("observation", t.observation) }));
    } else {
      out.push(new AIMessage("(no tool call)"));
      out.push(new HumanMessage(dataBlock("observation", t.observation)));
    }
  }
  return out;
}

/** The tools a sub-task may use: its allow-list, if it has one, else all of them. */
export function allowedTools(
  all: StructuredToolInterface[],
  allow: string[] | null | undefined,
): StructuredToolInterface[] {
  return allow?.length ? all.filter((t) => allow.includes(t.name)) : all;
}

/** The observation for a call to a tool outside the sub-task's allow-list (the call is not made). */
export function notAllowed(tool: string, allowed: StructuredToolInterface[]): string {
  return `Error: tool "${tool}" is not allowed for this sub-task (allowed: ${allowed.map((t) => t.name).join(", ")}). The call was not made.`;
}

/**
 * With `evaluate: on_signal` the Executor gets this extra tool: calling it (alone, or next to
 * the action that finishes the job) says the sub-task is done, and the Evaluator judges next.
 * It never reaches the environment.
 */
export const FINISH_TOOL_NAME = "finish_sub_task";
export const finishTool = tool(async () => "noted", {
  name: FINISH_TOOL_NAME,
  description:
    "Call this when the sub-task is complete: together with the tool call that completes it, or alone if it is already complete.",
  schema: z.object({}),
});
