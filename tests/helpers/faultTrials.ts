/**
 * Runs the toy task through the real `ChatOpenAI` client against the fault server and says how
 * each run ended: delivered, ended with a stated reason, died with an unhandled exception, or
 * hung past a deadline; plus whether it overran its step budget. Shared by the reliability
 * test and `npm run bench:faults`.
 */
import type { StructuredMethod } from "../../src/configuration.js";
import { runArch } from "../../src/graph/run.js";
import { registerEnvironment } from "../../src/tools/registry.js";
import { CRASH_KEY, FACTS } from "./faultServer.js";
import { createToyEnv, type ToyEnvironment } from "./toyEnv.js";

export type TrialEnd = "delivered" | "reason" | "unhandled" | "hung";

export interface TrialOutcome {
  end: TrialEnd;
  status: string | null;
  reason: string | null;
  overrun: boolean;
  error: string | null;
}

export const TRIAL_MAX_STEPS = 8;

let env: ToyEnvironment | null = null;

/** The toy environment the fault server's model plays (registered once per process). */
export function faultEnv(): ToyEnvironment {
  if (!env) {
    env = createToyEnv({ name: "toy-faults", facts: { ...FACTS }, throwOn: [CRASH_KEY] });
    registerEnvironment(env);
  }
  return env;
}

export async function runTrial(
  baseURL: string,
  method: StructuredMethod,
  opts: { deadlineMs: number; callTimeoutMs: number; arch?: "tdp" | "react" | "cot" | "plan_and_act" },
): Promise<TrialOutcome> {
  const toy = faultEnv();
  process.env.OPENAI_BASE_URL = baseURL;
  process.env.OPENAI_API_KEY = "sk-fault-test";
  const lookupsBefore = toy.log.length;
  const run = runArch({
    arch: opts.arch ?? "tdp",
    input: { env: toy.name, taskId: "toy-1" },
    env: toy.name,
    configurable: {
      model: "openai/fault-model",
      structuredOutputMethod: method,
      maxSteps: TRIAL_MAX_STEPS,
      callTimeoutMs: opts.callTimeoutMs,
      maxAttempts: 3,
      retryInitialMs: 5,
      retryMaxMs: 60,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"hung">((r) => (timer = setTimeout(() => r("hung"), opts.deadlineMs)));
  try {
    const out = await Promise.race([run, deadline]);
    if (out === "hung") return { end: "hung", status: null, reason: null, overrun: false, error: null };
    const s = out.state;
    const overrun = s.stepsUsed > TRIAL_MAX_STEPS || toy.log.length - lookupsBefore > TRIAL_MAX_STEPS;
    const end: TrialEnd = s.status === "completed" && s.answer ? "delivered" : s.reason ? "reason" : "unhandled";
    return { end, status: s.status, reason: s.reason, overrun, error: end === "unhandled" ? "no reason given" : null };
  } catch (e) {
    return { end: "unhandled", status: null, reason: null, overrun: false, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
