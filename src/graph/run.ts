/**
 * `runArch`: run one architecture on one input, the one recipe the CLI (`run`, `resume`),
 * the bench and the LangSmith experiments share. It resolves the step budget and the
 * recursion limit, streams the run (so callers can show progress), notices a plan-approval
 * pause, and releases the run's environment session however the run ends.
 */
import { randomUUID } from "node:crypto";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { isCommand, type Command } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { ensureConfiguration } from "../configuration.js";
import { DEFAULT_MAX_STEPS, type AgentOptions } from "../nodes/shared/runContext.js";
import { getEnvironment } from "../tools/registry.js";
import { releaseSession } from "../tools/sessions.js";
import { ARCHS, type ArchName, type ArchState } from "./archs.js";

export interface RunArchParams {
  arch: ArchName;
  /** New input, `null` to continue a checkpointed thread, or a `Command` answering a pause. */
  input: Record<string, unknown> | Command | null;
  /** LangGraph configurable: model, budgets, noise... */
  configurable?: Record<string, unknown>;
  /** The environment the run acts on, for the budget default (null for caller tools). */
  env: string | null;
  agent?: AgentOptions;
  checkpointer?: BaseCheckpointSaver;
  threadId?: string | null;
  callbacks?: Callbacks;
  metadata?: Record<string, unknown>;
  /** Every streamed chunk outside the root `values`, with subgraph namespaces (progress printers). */
  onEvent?: (ns: string[], mode: string, data: unknown) => void;
  /** Keep the environment session after the run (the caller reads the world, then releases it). */
  keepSession?: boolean;
  signal?: AbortSignal;
}

export interface RunArchResult {
  state: ArchState;
  seconds: number;
  /** The interrupt value when the run paused (plan approval), else null. */
  paused: unknown;
}

/** The global step budget of a run: configuration, else the environment's default, else 50. */
export async function resolveMaxSteps(configurable: Record<string, unknown>, env: string | null): Promise<number> {
  const cfg = ensureConfiguration({ configurable });
  if (cfg.maxSteps) return cfg.maxSteps;
  return env ? (await getEnvironment(env)).defaultMaxSteps : DEFAULT_MAX_STEPS;
}

export async function runArch(p: RunArchParams): Promise<RunArchResult> {
  const spec = ARCHS[p.arch];
  const configurable = p.configurable ?? {};
  const cfg = ensureConfiguration({ configurable });
  const graph = spec.compile(p.agent, p.checkpointer);
  // A new run gets its session key up front, so its session can be released even if it dies early.
  const input =
    p.input && typeof p.input === "object" && !isCommand(p.input)
      ? { ...p.input, runId: (p.input as { runId?: string }).runId || p.threadId || randomUUID() }
      : p.input;
  const runId = input && !isCommand(input) ? (input as { runId: string }).runId : null;
  const started = Date.now();
  let last: ArchState | null = null;
  let paused: unknown = null;
  try {
    const stream = await graph.stream(input, {
      configurable: { ...configurable, ...(p.threadId ? { thread_id: p.threadId } : {}) },
      recursionLimit: spec.recursionLimit(cfg, await resolveMaxSteps(configurable, p.env)),
      streamMode: p.onEvent ? ["updates", "tasks", "values"] : ["updates", "values"],
      subgraphs: !!p.onEvent,
      callbacks: p.callbacks,
      metadata: p.metadata,
      runName: p.arch,
      signal: p.signal,
    });
    for await (const chunk of stream) {
      const [ns, mode, data] = (p.onEvent ? chunk : [[], ...(chunk as [string, unknown])]) as [
        string[],
        string,
        unknown,
      ];
      if (mode === "values" && ns.length === 0) last = data as ArchState;
      else if (mode === "updates" && ns.length === 0 && (data as Record<string, unknown>).__interrupt__) {
        const interrupts = (data as { __interrupt__: { value: unknown }[] }).__interrupt__;
        paused = interrupts[0]?.value ?? null;
      } else p.onEvent?.(ns, mode, data);
    }
  } finally {
    const key = last?.runId || runId;
    if (!p.keepSession && !paused && key) releaseSession(key);
  }
  if (!last) throw new Error("the run produced no state");
  return { state: last, seconds: (Date.now() - started) / 1000, paused };
}
