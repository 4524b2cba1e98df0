/**
 * Delivery, for every architecture: a submission made through the environment's submit
 * tool is the result; otherwise the architecture's own writer produces it (TDP from node
 * outcomes, the baselines from their history) and it is submitted to the session. Then the
 * run is scored and its environment session released.
 */
import { releaseSession } from "../../tools/sessions.js";
import type { Usage } from "../../state/reducers.js";
import type { RunContext } from "./runContext.js";

export interface Delivered {
  answer: string | null;
  scores: Record<string, number> | null;
  usage: Usage;
}

/** `write` is called only when nothing was submitted through a tool. */
export async function deliverResult(
  run: RunContext,
  write: () => Promise<{ answer: string; usage: Usage }>,
): Promise<Delivered> {
  let answer = run.session?.submission() ?? null;
  let usage: Usage = {};
  try {
    if (answer === null) {
      const written = await write();
      usage = written.usage;
      answer = written.answer;
      if (answer) run.session?.submit(answer);
    }
    const scores =
      run.environment && run.scope.taskId && run.session
        ? run.environment.score(run.scope.taskId, run.session, { scoring: run.cfg.scoring })
        : null;
    return { answer, scores, usage };
  } finally {
    if (run.session) releaseSession(run.scope.runId);
  }
}
