/**
 * The offline simulator: a real `BaseChatModel` that plays every role of every architecture
 * from a bundled task's reference solution, so the demo, the tests and the structural
 * benchmarks run with no network.
 *
 * It never reads prompt wording. The call's metadata says which role it plays and for which
 * sub-task (`role`, `node_id`, `attempt`, set on every LLM call by the graphs); the
 * conversation's structure says what already happened (tool calls and results, and the
 * JSON-lines `<data>` blocks of steps, DAG views and outcomes). Prompts can therefore be
 * reworded without changing a single simulated decision. It never grades anything and its scores are not model accuracy: they check the
 * environments, the reference solutions and the graph mechanics.
 *
 * Seeded noise (`noise` = probability per decision) injects the two kinds of mistakes real
 * models make, so the recovery paths run for real:
 * - wrong tool arguments (one word of a string argument is mangled);
 * - wrong judgements (the Evaluator asks for a needless replan, or misses a completion);
 * - an invalid DAG from the Supervisor (a cycle), which the graph must re-ask about.
 */
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { createRng, hashString } from "../tools/rng.js";
import type { ReferenceAction, ReferenceSolution, ReferenceSubtask } from "../tools/types.js";
import { readDataBlock } from "../prompts/data.js";
import { ResponderChatModel, type ResponderRequest } from "./responder.js";
import { FINISH_TOOL_NAME } from "../nodes/shared/tools.js";

const STRUCTURED_ROLES: Record<string, string> = {
  construct_dag: "supervisor",
  write_plan: "planner",
  global_plan: "planner",
  evaluate_step: "evaluator",
  revise_dag: "self_revision",
  deliver_answer: "deliver",
};

/**
 * The role a request plays: the call metadata's `role`, or, for a call made outside the
 * project's graphs (no metadata), the structured-output schema bound to it.
 */
export function roleOf(req: ResponderRequest): string {
  const role = req.metadata.role;
  if (typeof role === "string" && role) return role;
  for (const t of req.tools) if (STRUCTURED_ROLES[t.name]) return STRUCTURED_ROLES[t.name];
  return req.tools.length ? "executor" : "text";
}

/** The DAG node a call works for, from its metadata; null for whole-task calls. */
export function nodeIdOf(req: ResponderRequest): string | null {
  const id = req.metadata.node_id;
  return typeof id === "string" && id ? id : null;
}

/** Which try of a structured call this is (0 first, 1 the re-ask). */
function attemptOf(req: ResponderRequest): number {
  return typeof req.metadata.attempt === "number" ? req.metadata.attempt : 0;
}

export interface OfflineOptions {
  noise?: number;
  seed?: number;
}

/** Canonical text of an action, for comparing what was done with the reference. */
export function actionKey(tool: string, args: unknown): string {
  return `${tool} ${stableJson(args)}`;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Actions visible in a conversation: tool calls on AI messages, and steps in `steps` data blocks. */
export function actionsInConversation(messages: BaseMessage[]): { key: string; observation: string }[] {
  const out: { key: string; observation: string }[] = [];
  const toolResults = new Map<string, string>();
  for (const m of messages) {
    if (m.getType() === "tool") {
      const id = (m as unknown as { tool_call_id: string }).tool_call_id;
      toolResults.set(id, readDataBlock(textOf(m), "observation") ?? textOf(m));
    }
  }
  for (const m of messages) {
    if (m.getType() === "ai") {
      for (const c of (m as AIMessage).tool_calls ?? []) {
        out.push({ key: actionKey(c.name, c.args), observation: toolResults.get(c.id ?? "") ?? "" });
      }
    } else {
      for (const step of jsonLines<{ tool: string | null; args: unknown; observation: string }>(textOf(m), "steps")) {
        if (step.tool) out.push({ key: actionKey(step.tool, step.args), observation: step.observation });
      }
    }
  }
  return out;
}

/** How far a conversation got: every step taken, with or without a tool call. */
function stepsInConversation(messages: BaseMessage[]): number {
  let n = 0;
  for (const m of messages) {
    if (m.getType() === "ai") n += Math.max(1, (m as AIMessage).tool_calls?.length ?? 0);
    else n += jsonLines(textOf(m), "steps").length;
  }
  return n;
}

/** The JSON-lines records of a named `<data>` block in a text (none when absent). */
function jsonLines<T>(text: string, name: string): T[] {
  const body = readDataBlock(text, name);
  if (!body) return [];
  const out: T[] = [];
  for (const line of body.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A line that is not a record (e.g. "(none yet)") is skipped.
    }
  }
  return out;
}

function textOf(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : JSON.stringify(m.content);
}

function allText(messages: BaseMessage[]): string {
  return messages.map(textOf).join("\n");
}

/** Mangles one word of the first string argument: a typo a model might make. */
export function corruptAction(a: ReferenceAction, r: number): ReferenceAction {
  const entry = Object.entries(a.args).find(([, v]) => typeof v === "string" && /[A-Za-z]{4,}/.test(v));
  if (!entry) return a;
  const [key, value] = entry as [string, string];
  const words = value.split(" ");
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{4,}$/.test(w));
  const target = candidates.length ? candidates[Math.floor(r * candidates.length)] : { w: words[0], i: 0 };
  const w = target.w;
  // Swap the last two letters: "kitchen" -> "kitchne". Always a different word.
  const mangled =
    w.length >= 2 && w[w.length - 1] !== w[w.length - 2] ? w.slice(0, -2) + w[w.length - 1] + w[w.length - 2] : w + "x";
  words[target.i] = mangled;
  return { tool: a.tool, args: { ...a.args, [key]: words.join(" ") } };
}

/** Reference sub-tasks in dependency order. */
function orderedSubtasks(ref: ReferenceSolution): ReferenceSubtask[] {
  const done = new Set<string>();
  const out: ReferenceSubtask[] = [];
  while (out.length < ref.subtasks.length) {
    const next = ref.subtasks.find((s) => !done.has(s.id) && s.deps.every((d) => done.has(d)));
    if (!next) break;
    done.add(next.id);
    out.push(next);
  }
  return out;
}

type Decision = (label: string) => number;

export class OfflineSimulator {
  private readonly noise: number;
  private readonly seed: number;

  constructor(
    private readonly ref: ReferenceSolution,
    opts: OfflineOptions = {},
  ) {
    this.noise = opts.noise ?? 0;
    this.seed = opts.seed ?? 7;
  }

  /**
   * A reproducible random draw tied to what the request is (role, sub-task, attempt, how far
   * the conversation got), not to call order or wording, so parallel branches stay
   * deterministic and a reworded prompt gets the same draws.
   */
  private draw(req: ResponderRequest, role: string): Decision {
    const base = hashString(
      `${this.seed}|${role}|${nodeIdOf(req) ?? ""}|${attemptOf(req)}|${stepsInConversation(req.messages)}|${req.messages.length}`,
    );
    return (label) => createRng(base ^ hashString(label))();
  }

  respond(req: ResponderRequest): AIMessage {
    const names = req.tools.map((t) => t.name);
    const role = roleOf(req);
    const rand = this.draw(req, role);
    switch (role) {
      case "supervisor":
        return this.construct(req, rand);
      case "planner":
      case "replanner": {
        const plan = call(names.includes("global_plan") ? "global_plan" : "write_plan", { steps: this.planSteps(req) });
        // With the sub-task's tools bound beside write_plan (evaluate: on_signal), take step 1 too.
        const first = names.some((n) => !STRUCTURED_ROLES[n]) ? (this.act(req, rand).tool_calls ?? []) : [];
        return first.length ? new AIMessage({ content: "", tool_calls: [...(plan.tool_calls ?? []), ...first] }) : plan;
      }
      case "evaluator":
        return this.evaluate(req, rand);
      case "self_revision":
        return this.revise(req);
      case "deliver":
        if (names.includes("deliver_answer")) return call("deliver_answer", { answer: this.deliverable(req) });
        break;
      default:
        if (names.length > 0) return this.act(req, rand);
    }
    // No tools bound: a plain-text request (e.g. a baseline's closing answer). Only a
    // conversation that took every reference action can honestly state the full answer.
    return new AIMessage(this.remaining(req).length === 0 ? this.ref.answer : "I could not finish the task.");
  }

  private subtaskOf(req: ResponderRequest): ReferenceSubtask | null {
    const id = nodeIdOf(req);
    return id ? (this.ref.subtasks.find((s) => s.id === id) ?? null) : null;
  }

  /** The reference actions this request is about: one sub-task's, or the whole task's. */
  private targetActions(req: ResponderRequest): ReferenceAction[] {
    const sub = this.subtaskOf(req);
    if (sub) return sub.actions;
    return orderedSubtasks(this.ref).flatMap((s) => s.actions);
  }

  /** Reference actions not yet taken. A multiset difference: a reference may repeat an action (e.g. "wait"). */
  private remaining(req: ResponderRequest): ReferenceAction[] {
    const done = new Map<string, number>();
    for (const a of actionsInConversation(req.messages)) done.set(a.key, (done.get(a.key) ?? 0) + 1);
    return this.targetActions(req).filter((a) => {
      const key = actionKey(a.tool, a.args);
      const n = done.get(key) ?? 0;
      if (n > 0) done.set(key, n - 1);
      return n === 0;
    });
  }

  private construct(req: ResponderRequest, rand: Decision): AIMessage {
    const nodes = this.ref.subtasks.map((s) => ({ id: s.id, spec: s.spec, deps: [...s.deps], tools: null }));
    const isReask = attemptOf(req) > 0;
    if (!isReask && nodes.length > 1 && rand("bad-dag") < this.noise) {
      // A cycle: the first node made to depend on the last.
      nodes[0] = { ...nodes[0], deps: [...nodes[0].deps, nodes[nodes.length - 1].id] };
    }
    return call("construct_dag", { nodes });
  }

  /**
   * A plan names the remaining steps briefly, as a planner writes them: the arguments are
   * abbreviated (a plan is not where a 60-day itinerary gets written out), and a refined or
   * re-made plan covers only the work still to do.
   */
  private planSteps(req: ResponderRequest): string[] {
    return this.remaining(req).map((a) => {
      const args = JSON.stringify(a.args);
      return `Call ${a.tool} with ${args.length > 100 ? `${args.slice(0, 99)}…` : args}`;
    });
  }

  private act(req: ResponderRequest, rand: Decision): AIMessage {
    const bound = new Set(req.tools.map((t) => t.name));
    const todo = this.remaining(req).filter((a) => bound.has(a.tool));
    // With `finish_sub_task` bound (evaluate: on_signal), say so with the last action, or alone.
    const finish = bound.has(FINISH_TOOL_NAME)
      ? [{ name: FINISH_TOOL_NAME, args: {}, id: "", type: "tool_call" as const }]
      : [];
    const next = todo[0];
    if (!next)
      return finish.length
        ? new AIMessage({ content: "", tool_calls: finish })
        : new AIMessage("All steps of the plan are done.");
    const action = rand("bad-args") < this.noise ? corruptAction(next, rand("which-word")) : next;
    return new AIMessage({
      content: "",
      tool_calls: [
        { name: action.tool, args: action.args, id: "", type: "tool_call" },
        ...(todo.length === 1 ? finish : []),
      ],
    });
  }

  private evaluate(req: ResponderRequest, rand: Decision): AIMessage {
    const seen = actionsInConversation(req.messages);
    const target = new Set(this.targetActions(req).map((a) => actionKey(a.tool, a.args)));
    const last = seen[seen.length - 1];
    const remaining = this.remaining(req);
    if (last && !target.has(last.key)) {
      return call("evaluate_step", {
        status: "needs_more_steps",
        replan: true,
        guidance: `The last action did not do what the plan needed (${last.observation.slice(0, 120)}); retry it with corrected arguments.`,
        outcome: null,
      });
    }
    if (remaining.length === 0) {
      if (rand("miss-completion") < this.noise) {
        return call("evaluate_step", {
          status: "needs_more_steps",
          replan: false,
          guidance: "Check the result once more.",
          outcome: null,
        });
      }
      const summary = seen
        .filter((a) => target.has(a.key))
        .map((a) => `${a.key.split(" ")[0]}: ${a.observation.replace(/\s*\n\s*/g, "; ").slice(0, 240)}`)
        .join(" | ");
      return call("evaluate_step", { status: "completed", replan: false, guidance: null, outcome: summary || "done" });
    }
    const spurious = rand("spurious-replan") < this.noise;
    return call("evaluate_step", {
      status: "needs_more_steps",
      replan: spurious,
      guidance: spurious ? "Reconsider the order of the remaining steps." : null,
      outcome: null,
    });
  }

  /** Retries failed sub-tasks by restating their spec; otherwise keeps the DAG as it is. */
  private revise(req: ResponderRequest): AIMessage {
    const update: { id: string; spec: string | null; deps: string[] | null }[] = [];
    for (const n of jsonLines<{ id: string; status: string; attempts: number; spec: string }>(
      allText(req.messages),
      "dag",
    )) {
      if (n.status !== "failed" || n.attempts >= 2) continue;
      const ref = this.ref.subtasks.find((s) => s.id === n.id);
      update.push({ id: n.id, spec: `${ref?.spec ?? n.spec} (retry: the previous attempt failed)`, deps: null });
    }
    return call("revise_dag", { update, add: [], remove: [] });
  }

  /** What a model could honestly write at delivery: the full answer only if every sub-task finished. */
  private deliverable(req: ResponderRequest): string {
    const done = new Set(
      jsonLines<{ id: string; status: string }>(allText(req.messages), "sub_task_outcomes")
        .filter((n) => n.status === "completed")
        .map((n) => n.id),
    );
    return this.ref.subtasks.every((s) => done.has(s.id)) ? this.ref.answer : "";
  }
}

/** A reply that makes one tool call. */
export function call(name: string, args: Record<string, unknown>): AIMessage {
  return new AIMessage({ content: "", tool_calls: [{ name, args, id: "", type: "tool_call" }] });
}

export function createOfflineModel(ref: ReferenceSolution, opts: OfflineOptions = {}): ResponderChatModel {
  const sim = new OfflineSimulator(ref, opts);
  return new ResponderChatModel((req) => sim.respond(req), "offline", false);
}
