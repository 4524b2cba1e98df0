/**
 * The offline simulator with an honest count of the errors it injects. Two simulators see
 * every request: one with the run's noise and one without. The reply is the noisy one's; when
 * the two differ, the noisy simulator injected an error on that request. The simulator draws
 * its noise from the request's content, so both answer the same request deterministically and
 * the count is exact (no guessing from outcomes).
 */
import type { AIMessage } from "@langchain/core/messages";
import { OfflineSimulator } from "../models/offline.js";
import { ResponderChatModel } from "../models/responder.js";
import type { ReferenceSolution } from "../tools/types.js";

export interface InjectionCounts {
  /** Every injected error. */
  total: number;
  /** Wrong tool arguments (an action that differs from the reference one). */
  badArgs: number;
  /** Wrong judgements by the TDP Evaluator (needless replan, missed completion). */
  judgement: number;
  /** Invalid DAGs from the TDP Supervisor. */
  badDag: number;
  /** Anything else that differed. */
  other: number;
}

function signature(m: AIMessage): string {
  return JSON.stringify({ c: m.content, t: (m.tool_calls ?? []).map((c) => [c.name, c.args]) });
}

/** What kind of mistake a differing reply was, from what the noise-free simulator would have done. */
export function classifyInjection(clean: AIMessage, noisy: AIMessage): keyof Omit<InjectionCounts, "total"> {
  const name = clean.tool_calls?.[0]?.name ?? noisy.tool_calls?.[0]?.name;
  if (name === "construct_dag") return "badDag";
  if (name === "evaluate_step") return "judgement";
  if (name && clean.tool_calls?.[0]?.name === noisy.tool_calls?.[0]?.name) return "badArgs";
  return "other";
}

export function createCountingOfflineModel(ref: ReferenceSolution, opts: { noise: number; seed: number }) {
  const noisy = new OfflineSimulator(ref, opts);
  const clean = new OfflineSimulator(ref, { noise: 0, seed: opts.seed });
  const counts: InjectionCounts = { total: 0, badArgs: 0, judgement: 0, badDag: 0, other: 0 };
  const model = new ResponderChatModel(
    (req) => {
      const reply = noisy.respond(req);
      if (opts.noise > 0) {
        const expected = clean.respond(req);
        if (signature(reply) !== signature(expected)) {
          counts.total++;
          counts[classifyInjection(expected, reply)]++;
        }
      }
      return reply;
    },
    "offline",
    false,
  );
  return { model, counts };
}
