/**
 * `tdp run`: one TDP run on a bundled task or a free-form query, with the DAG shown live
 * (stderr) and the delivered result, scores and usage at the end (stdout; `--json` for a
 * machine-readable object).
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { recursionLimitFor, ensureConfiguration } from "../configuration.js";
import { createTdpGraph } from "../graph/tdp.js";
import { checkModelSpec } from "../models/index.js";
import type { Dag } from "../state/dag.js";
import type { TdpStateType } from "../state/state.js";
import { ENVIRONMENT_NAMES, getEnvironment } from "../tools/registry.js";
import { UsageError } from "../tools/types.js";
import { floatOption, intOption, parseOptions } from "./args.js";
import { formatDag, formatScores, formatUsage, statusMark, truncate } from "./format.js";

export const RUN_HELP = `Usage: tdp run (--env ENV --task ID | [--env ENV] --query TEXT) [options]

  --env NAME             bundled environment: ${ENVIRONMENT_NAMES.join(", ")} (default travel)
  --task ID              bundled task id (see: tdp tasks --env NAME)
  --query TEXT           a free-form task, run on the environment's tools (needs a real model)
  --model SPEC           "offline" (default) or "openai/<model>"
  --max-steps N          global environment-step budget (default: the environment's)
  --max-steps-per-node N step cap of one sub-task attempt (default 12)
  --max-replans N        local replans per sub-task attempt (default 3)
  --noise P              offline simulator: error probability 0..1 (default 0)
  --seed N               offline simulator: seed (default 7)
  --structured METHOD    functionCalling (default) or jsonSchema
  --json                 print one JSON object instead of the report
  --quiet                no live progress`;

const OPTIONS = {
  env: { type: "string" },
  task: { type: "string" },
  query: { type: "string" },
  model: { type: "string" },
  "max-steps": { type: "string" },
  "max-steps-per-node": { type: "string" },
  "max-replans": { type: "string" },
  noise: { type: "string" },
  seed: { type: "string" },
  structured: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface RunRequest {
  env: string;
  taskId: string | null;
  query: string | null;
  configurable: Record<string, unknown>;
  json: boolean;
  quiet: boolean;
}

/** Validates everything before any work starts, so mistakes fail fast with exit 2. */
export async function parseRunArgs(argv: string[]): Promise<RunRequest | "help"> {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) return "help";
  const envName = values.env ?? "travel";
  const env = await getEnvironment(envName);
  const query = values.query === undefined ? null : values.query.trim();
  if (values.query !== undefined && !query) throw new UsageError("--query is empty");
  if (query && values.task) throw new UsageError("give --task or --query, not both");
  if (!query && !values.task) throw new UsageError("give --task ID (see: tdp tasks) or --query TEXT");
  if (values.task) env.task(values.task);
  const model = values.model ?? "offline";
  checkModelSpec(model);
  if (model === "offline" && query) throw new UsageError('the offline model only plays bundled tasks: use --task, or a real --model for a free-form --query');
  const structured = values.structured ?? "functionCalling";
  if (structured !== "functionCalling" && structured !== "jsonSchema") throw new UsageError(`--structured must be functionCalling or jsonSchema, got "${structured}"`);
  const configurable: Record<string, unknown> = {
    model,
    maxSteps: intOption(values["max-steps"], "max-steps"),
    maxStepsPerNode: intOption(values["max-steps-per-node"], "max-steps-per-node"),
    maxReplans: intOption(values["max-replans"], "max-replans", { min: 0 }),
    noise: floatOption(values.noise, "noise", 0, 1),
    seed: intOption(values.seed, "seed", { min: 0 }),
    structuredOutputMethod: structured,
  };
  for (const k of Object.keys(configurable)) if (configurable[k] === undefined) delete configurable[k];
  return { env: envName, taskId: values.task ?? null, query, configurable, json: !!values.json, quiet: !!values.quiet || !!values.json };
}

/** Prints each node's status as it changes, from the graph's update stream. */
export class LiveDagPrinter {
  private dag: Dag = {};
  private readonly branchNode = new Map<string, string>();
  constructor(private readonly write: (line: string) => void) {}

  onEvent(ns: string[], mode: string, data: unknown): void {
    if (mode === "tasks" && ns.length === 0) {
      const t = data as { id: string; name: string; input?: { node?: { id: string }; ctx?: { stepBudget: number } } };
      if (t.name === "nodeWorker" && t.input?.node) {
        this.branchNode.set(t.id, t.input.node.id);
        this.write(`${statusMark("running")} ${t.input.node.id} running (step budget ${t.input.ctx?.stepBudget}): ${truncate(this.dag[t.input.node.id]?.spec ?? "", 70)}`);
      }
      return;
    }
    if (mode !== "updates") return;
    const updates = data as Record<string, Record<string, unknown> | undefined>;
    if (ns.length === 0) {
      for (const [name, u] of Object.entries(updates)) {
        const dag = u?.dag as Dag | undefined;
        if (name === "supervisor" && dag) {
          this.dag = { ...dag };
          this.write(`DAG (${Object.keys(dag).length} sub-tasks):\n${formatDag(this.dag)}`);
        } else if (dag) {
          for (const [id, n] of Object.entries(dag)) {
            const before = this.dag[id];
            if (!n) {
              delete this.dag[id];
              this.write(`  - ${id} removed by Self-Revision`);
              continue;
            }
            this.dag[id] = n;
            if (name === "nodeWorker") this.write(`${statusMark(n.status)} ${id} ${n.status} (${n.stepsUsed} steps, ${n.replans} replans): ${truncate(n.outcome ?? "", 90)}`);
            else if (!before) this.write(`  + ${id} added by Self-Revision: ${truncate(n.spec, 80)}`);
            else if (before.spec !== n.spec || before.status !== n.status) this.write(`  ~ ${id} revised: ${truncate(n.spec, 80)}`);
          }
        }
      }
      return;
    }
    const nodeId = this.branchNode.get(ns[0].split(":")[1] ?? "") ?? "?";
    for (const [name, u] of Object.entries(updates)) {
      if (name === "act" && u?.trace) {
        const t = u.trace as { action: { tool: string; args: unknown } | null; observation: string };
        const action = t.action ? `${t.action.tool} ${truncate(JSON.stringify(t.action.args), 60)}` : "(no tool call)";
        this.write(`    ${nodeId}: ${action} → ${truncate(t.observation, 70)}`);
      } else if (name === "planner" && u?.replans) {
        this.write(`    ${nodeId}: replanned locally`);
      }
    }
  }
}

export interface RunResult {
  state: TdpStateType;
  seconds: number;
}

export async function executeRun(req: RunRequest, opts: { checkpointer?: BaseCheckpointSaver; threadId?: string; log?: (line: string) => void } = {}): Promise<RunResult> {
  const graph = createTdpGraph({}, { checkpointer: opts.checkpointer });
  const cfg = ensureConfiguration({ configurable: req.configurable });
  const printer = new LiveDagPrinter(opts.log ?? (() => {}));
  const started = Date.now();
  const input = { env: req.env, taskId: req.taskId, task: req.query ?? "" };
  const stream = await graph.stream(input, {
    configurable: { ...req.configurable, ...(opts.threadId ? { thread_id: opts.threadId } : {}) },
    recursionLimit: recursionLimitFor(cfg),
    streamMode: ["updates", "tasks", "values"],
    subgraphs: true,
  });
  let last: TdpStateType | null = null;
  for await (const chunk of stream) {
    const [ns, mode, data] = chunk as [string[], string, unknown];
    if (mode === "values" && ns.length === 0) last = data as TdpStateType;
    else printer.onEvent(ns, mode, data);
  }
  if (!last) throw new Error("the run produced no state");
  return { state: last, seconds: (Date.now() - started) / 1000 };
}

export function formatReport(state: TdpStateType, seconds: number): string {
  const answer = state.answer ?? "";
  return [
    `Status: ${state.status}${state.reason ? ` (${state.reason})` : ""}`,
    `DAG after ${state.round} rounds, ${state.stepsUsed} environment steps, ${state.replans} local replans:`,
    formatDag(state.dag),
    "",
    "Delivered:",
    answer ? answer.slice(0, 4000) + (answer.length > 4000 ? `\n… (${answer.length} chars)` : "") : "  (nothing delivered)",
    "",
    "Scores:",
    formatScores(state.scores),
    "",
    "Tokens and LLM calls by role:",
    formatUsage(state.usage),
    "",
    `Wall time: ${seconds.toFixed(1)} s`,
  ].join("\n");
}
