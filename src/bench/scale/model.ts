/**
 * The model of `npm run bench:scale`: the offline simulator behind a scripted latency. Every
 * call waits `llmMs` after its reply is computed, as a remote model would, so wall time shows
 * what the schedule overlaps. Two additions to the simulator:
 * - ReAct plays the strongest single-thread baseline, prebuilt ReAct with parallel tool calls:
 *   each turn calls the next step of every part whose prerequisites are done, all at once;
 * - `failShare` makes the Evaluator fail the first attempt of a seeded share of sub-tasks,
 *   so event-driven Self-Revision runs and its cost can be measured against N.
 * The time spent computing replies is kept apart (`responderMs`), so graph overhead can be
 * separated from the simulator's own work.
 */
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { actionKey, actionsInConversation, call, nodeIdOf, OfflineSimulator, roleOf } from "../../models/offline.js";
import { ResponderChatModel, type ResponderRequest, type ToolSpecLite } from "../../models/responder.js";
import { messageText } from "../../models/tokens.js";
import { createRng, hashString } from "../../tools/rng.js";
import type { ReferenceSolution } from "../../tools/types.js";

export interface ScaleModelOptions {
  llmMs: number;
  /** Share of sub-tasks whose first attempt the Evaluator fails (0: everything goes to plan). */
  failShare?: number;
  seed?: number;
  /** Estimate token counts (characters / 4) instead of counting them exactly. */
  estimateTokens?: boolean;
}

export interface ScaleModel {
  model: ResponderChatModel;
  /** Milliseconds spent computing replies (not waiting). */
  responderMs(): number;
  calls(): number;
}

/** ReAct with parallel tool calls: the next action of every part whose prerequisites are all done. */
function parallelTurn(ref: ReferenceSolution, req: ResponderRequest): AIMessage {
  const done = new Set(actionsInConversation(req.messages).map((a) => a.key));
  const finished = new Set(
    ref.subtasks.filter((s) => s.actions.every((a) => done.has(actionKey(a.tool, a.args)))).map((s) => s.id),
  );
  const next = ref.subtasks
    .filter((s) => !finished.has(s.id) && s.deps.every((d) => finished.has(d)))
    .map((s) => s.actions.find((a) => !done.has(actionKey(a.tool, a.args))))
    .filter((a) => a !== undefined);
  if (next.length === 0) return new AIMessage(ref.answer);
  return new AIMessage({
    content: "",
    tool_calls: next.map((a, i) => ({ name: a.tool, args: a.args, id: `call_${i}`, type: "tool_call" as const })),
  });
}

export function createScaleModel(ref: ReferenceSolution, opts: ScaleModelOptions): ScaleModel {
  const sim = new OfflineSimulator(ref, { noise: 0, seed: opts.seed ?? 7 });
  const failShare = opts.failShare ?? 0;
  const seed = opts.seed ?? 7;
  const failedOnce = new Set<string>();
  const reply = (req: ResponderRequest): AIMessage => {
    const role = roleOf(req);
    if (req.metadata.arch === "react" && req.tools.length > 0) return parallelTurn(ref, req);
    const nodeId = nodeIdOf(req);
    if (role === "evaluator" && nodeId && failShare > 0 && !failedOnce.has(nodeId)) {
      if (createRng(hashString(`${seed}|fail|${nodeId}`))() < failShare) {
        failedOnce.add(nodeId);
        return call("evaluate_step", {
          status: "failed",
          replan: false,
          guidance: "The step's result could not be used (injected failure).",
          outcome: null,
        });
      }
    }
    return sim.respond(req);
  };
  const model: LatentModel = new LatentModel(
    (req) => model.timed(() => reply(req)),
    opts.llmMs,
    opts.estimateTokens ?? false,
  );
  return { model, responderMs: () => model.busyMs, calls: () => model.callCount };
}

/**
 * The simulator's whole reply (the decision and the token counts a provider would report)
 * is timed as model work; then the call waits `llmMs`, as a remote model does.
 */
class LatentModel extends ResponderChatModel {
  busyMs = 0;

  constructor(
    responder: (req: ResponderRequest) => AIMessage,
    private readonly llmMs: number,
    private readonly estimateTokens: boolean,
  ) {
    super(responder, "scale", false);
  }

  // Exact counting (cl100k_base) costs about a millisecond of this thread per call, work a
  // provider does on its own machines; the latency shapes estimate (4 characters a token).
  protected override promptTokens(messages: BaseMessage[], tools: ToolSpecLite[]): number {
    if (!this.estimateTokens) return this.timed(() => super.promptTokens(messages, tools));
    const chars =
      messages.reduce((a, m) => a + messageText(m).length, 0) + (tools.length ? JSON.stringify(tools).length : 0);
    return Math.ceil(chars / 4);
  }

  protected override outputTokens(text: string): number {
    return this.estimateTokens ? Math.ceil(text.length / 4) : this.timed(() => super.outputTokens(text));
  }

  override async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const out = await super._generate(messages, options);
    if (this.llmMs > 0) await new Promise((r) => setTimeout(r, this.llmMs));
    return out;
  }

  /** Times synchronous model work only: an await in between would count other branches' work too. */
  timed<T>(fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.busyMs += performance.now() - t0;
    }
  }
}
