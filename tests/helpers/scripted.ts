/**
 * Scripted models for whole-graph tests: a `ResponderChatModel` whose replies are chosen by
 * role (the structured-output name or the bound tools) and sub-task (the call's `node_id`
 * metadata, never prompt text), and which keeps every
 * request so tests can assert what each prompt did and did not contain.
 */
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { ResponderChatModel, type ResponderRequest } from "../../src/models/responder.js";

export type ScriptRole =
  | "construct_dag"
  | "write_plan"
  | "evaluate_step"
  | "revise_dag"
  | "expand_sub_task"
  | "deliver_answer"
  | "global_plan"
  | "act"
  | "text";

export interface ScriptContext {
  role: ScriptRole;
  /** The DAG node the call works for (its `node_id` metadata), if any. */
  nodeId: string | null;
  /** Every message as one string. */
  text: string;
  /** How many requests of this role (and node) came before this one. */
  nth: number;
  req: ResponderRequest;
}

export function roleOf(req: ResponderRequest): ScriptRole {
  const names = req.tools.map((t) => t.name);
  for (const r of [
    "construct_dag",
    "write_plan",
    "evaluate_step",
    "revise_dag",
    "expand_sub_task",
    "deliver_answer",
    "global_plan",
  ] as const) {
    if (names.includes(r)) return r;
  }
  return names.length ? "act" : "text";
}

export function textOf(messages: BaseMessage[]): string {
  return messages
    .map(
      (m) =>
        (typeof m.content === "string" ? m.content : JSON.stringify(m.content)) +
        JSON.stringify((m as AIMessage).tool_calls ?? []),
    )
    .join("\n");
}

/** Node lists as a model following the strict schema writes them: `tools` always present. */
function withToolsField(args: Record<string, unknown>): Record<string, unknown> {
  const fill = (nodes: unknown) =>
    Array.isArray(nodes) ? nodes.map((n: Record<string, unknown>) => ({ tools: null, ...n })) : nodes;
  return {
    ...args,
    ...("nodes" in args ? { nodes: fill(args.nodes) } : {}),
    ...("add" in args ? { add: fill(args.add) } : {}),
  };
}

export function toolCall(name: string, args: Record<string, unknown>): AIMessage {
  if (name === "construct_dag" || name === "revise_dag" || name === "expand_sub_task") args = withToolsField(args);
  return new AIMessage({ content: "", tool_calls: [{ name, args, id: "", type: "tool_call" }] });
}

/** A reply with several tool calls in order, e.g. an action and the completion claim. */
export function toolCalls(...calls: [string, Record<string, unknown>][]): AIMessage {
  return new AIMessage({
    content: "",
    tool_calls: calls.map(([name, args]) => ({ name, args, id: "", type: "tool_call" as const })),
  });
}

export interface ScriptedModel extends ResponderChatModel {
  /** Requests with their decoded role and node, in order. */
  log: ScriptContext[];
}

export function scriptedModel(script: (ctx: ScriptContext) => AIMessage): ScriptedModel {
  const log: ScriptContext[] = [];
  const counts = new Map<string, number>();
  const model = new ResponderChatModel((req) => {
    const text = textOf(req.messages);
    const nodeId = typeof req.metadata.node_id === "string" ? req.metadata.node_id : null;
    const role = roleOf(req);
    const key = `${role}|${nodeId}`;
    const nth = counts.get(key) ?? 0;
    counts.set(key, nth + 1);
    const ctx = { role, nodeId, text, nth, req };
    log.push(ctx);
    return script(ctx);
  }, "scripted") as ScriptedModel;
  model.log = log;
  return model;
}

/** Prompts (as text) sent for one sub-task, by any role. */
export function promptsFor(model: ScriptedModel, nodeId: string): string[] {
  return model.log.filter((c) => c.nodeId === nodeId).map((c) => c.text);
}
