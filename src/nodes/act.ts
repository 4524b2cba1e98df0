/**
 * Runs the Executor's action against the environment and records the observation in this
 * node's trace. Tool errors (unknown tool, invalid arguments, a throwing tool) become
 * observations the Evaluator can react to; they never end the run.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { Runtime } from "../graph/runtime.js";
import type { TraceEntry, WorkerStateType, WorkerUpdate } from "../state/state.js";
import { runRefOf } from "./workerContext.js";

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

export function makeActNode(runtime: Runtime) {
  return async function act(state: WorkerStateType): Promise<WorkerUpdate> {
    const action = state.pending;
    if (!action) {
      const entry: TraceEntry = { action: null, observation: "No tool was called. Call one tool to make progress." };
      return { trace: entry, pending: null };
    }
    const res = await runtime.resources(runRefOf(state));
    const observation = await runTool(res.tools(state.node.id), action.tool, action.args);
    return { trace: { action, observation }, pending: null, stepsUsed: 1 };
  };
}
