/**
 * `tdp bench --langsmith`: the benchmark as LangSmith experiments. The task set is uploaded
 * once as a dataset (inputs: env, task id and the task text; no reference solutions), then
 * each architecture runs over it as one experiment through the SDK's `evaluate`, with the
 * environment's own metrics (plus `completed`) as evaluator feedback. Every experiment runs
 * the same examples, so LangSmith's comparison view shows TDP beside ReAct, example by example.
 *
 * The run traces nest under each experiment row and carry the usual metadata (arch, role,
 * node_id, task_id, env), so a row opens on the DAG of that run.
 */
import { createHash } from "node:crypto";
import type { Client } from "langsmith";
import { evaluate } from "langsmith/evaluation";
import { getLangchainCallbacks } from "langsmith/langchain";
import { ensureConfiguration, readLangSmithVars } from "../configuration.js";
import type { AgentOptions } from "../nodes/shared/runContext.js";
import { totalUsage } from "../state/reducers.js";
import { getEnvironment } from "../tools/registry.js";
import { UsageError } from "../errors.js";
import { langSmithClient } from "../tracing/langsmith.js";
import { runMetadata } from "../tracing/metadata.js";
import { ARCH_LABELS, type ArchName } from "../graph/archs.js";
import { runArch } from "../graph/run.js";
import type { BenchPair } from "./harness.js";

export interface LangSmithExperimentOptions {
  /** (task, architecture) pairs, as `tdp bench` lists them. */
  pairs: BenchPair[];
  /** Model spec, recorded in each experiment's metadata. */
  model: string;
  /** LangGraph configurable shared by every run (model, noise, seed, maxSteps...). */
  configurable: Record<string, unknown>;
  /** Runs in parallel within one experiment. */
  concurrency?: number;
  /** Dataset name; default derived from the task set, so re-running reuses the same dataset. */
  datasetName?: string;
  /** Default: built from LANGSMITH_* variables (see configuration.ts). */
  client?: Client;
  /** Models/tools given to every graph builder (tests). */
  agentOptions?: AgentOptions;
  log?: (line: string) => void;
}

export interface ExperimentSummary {
  arch: ArchName;
  experimentName: string;
  /** Examples run. */
  rows: number;
  /** Mean of each feedback key over the rows. */
  means: Record<string, number>;
}

export interface LangSmithExperimentsResult {
  dataset: { id: string; name: string; created: boolean; examples: number };
  experiments: ExperimentSummary[];
}

/** One example per distinct task, in the order the pairs list them. */
export function datasetTasks(pairs: BenchPair[]): { env: string; taskId: string; level: string }[] {
  const seen = new Set<string>();
  const out: { env: string; taskId: string; level: string }[] = [];
  for (const p of pairs) {
    const key = `${p.env}/${p.taskId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ env: p.env, taskId: p.taskId, level: p.level });
  }
  return out;
}

/** A stable name for a task set: the same tasks always map to the same dataset. */
export function defaultDatasetName(tasks: { env: string; taskId: string }[]): string {
  const envs = [...new Set(tasks.map((t) => t.env))].sort();
  const hash = createHash("sha256")
    .update(
      tasks
        .map((t) => `${t.env}/${t.taskId}`)
        .sort()
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 8);
  return `tdp-${envs.join("+")}-${tasks.length}-tasks-${hash}`;
}

/** Feedback from a run's outputs: every metric the environment's scorer returned, plus `completed`. */
export function environmentMetrics({ outputs }: { outputs: Record<string, unknown> }): {
  results: { key: string; score: number }[];
} {
  const scores = (outputs.scores ?? {}) as Record<string, number>;
  return {
    results: [
      ...Object.entries(scores).map(([key, score]) => ({ key, score })),
      { key: "completed", score: outputs.status === "completed" ? 1 : 0 },
    ],
  };
}

interface ExampleInputs {
  env: string;
  taskId: string;
  task: string;
}

async function ensureDataset(client: Client, name: string, tasks: { env: string; taskId: string; level: string }[]) {
  if (await client.hasDataset({ datasetName: name })) {
    const dataset = await client.readDataset({ datasetName: name });
    const have = new Set<string>();
    for await (const e of client.listExamples({ datasetId: dataset.id })) {
      const i = e.inputs as Partial<ExampleInputs>;
      have.add(`${i.env}/${i.taskId}`);
    }
    const missing = tasks.filter((t) => !have.has(`${t.env}/${t.taskId}`));
    if (missing.length || have.size !== tasks.length) {
      throw new UsageError(`LangSmith dataset "${name}" exists with other tasks; choose another dataset name`);
    }
    return { id: dataset.id, name, created: false, examples: have.size };
  }
  const dataset = await client.createDataset(name, {
    description: `TDP benchmark tasks (${tasks.length}): inputs are an environment, a bundled task id and the task text`,
    metadata: { source: "tdp bench --langsmith" },
  });
  const inputs: ExampleInputs[] = [];
  for (const t of tasks)
    inputs.push({ env: t.env, taskId: t.taskId, task: (await getEnvironment(t.env)).task(t.taskId).query });
  await client.createExamples({
    datasetId: dataset.id,
    inputs,
    outputs: tasks.map(() => ({})),
    metadata: tasks.map((t) => ({ env: t.env, level: t.level })),
  });
  return { id: dataset.id, name, created: true, examples: tasks.length };
}

export async function runLangSmithExperiments(opts: LangSmithExperimentOptions): Promise<LangSmithExperimentsResult> {
  const client = opts.client ?? langSmithClient(readLangSmithVars());
  const log = opts.log ?? (() => {});
  const tasks = datasetTasks(opts.pairs);
  if (tasks.length === 0) throw new UsageError("no tasks selected");
  const archs = [...new Set(opts.pairs.map((p) => p.arch))];
  const name = opts.datasetName ?? defaultDatasetName(tasks);
  const dataset = await ensureDataset(client, name, tasks);
  log(`LangSmith dataset ${name}: ${dataset.examples} examples${dataset.created ? " (uploaded)" : " (already there)"}`);
  const cfg = ensureConfiguration({ configurable: opts.configurable });

  const experiments: ExperimentSummary[] = [];
  for (const arch of archs) {
    const target = async (inputs: ExampleInputs) => {
      // The experiment row's run: graph runs nest under it in the experiment's project.
      const callbacks = await getLangchainCallbacks();
      const { state: out } = await runArch({
        arch,
        input: { env: inputs.env, taskId: inputs.taskId },
        env: inputs.env,
        configurable: opts.configurable,
        agent: opts.agentOptions,
        callbacks,
        metadata: runMetadata(arch, inputs.env, inputs.taskId),
      });
      const total = totalUsage(out.usage);
      return {
        answer: out.answer,
        status: out.status,
        reason: out.reason,
        scores: out.scores ?? {},
        steps: out.stepsUsed,
        tokens_in: total.input,
        tokens_out: total.output,
        llm_calls: total.calls,
      };
    };
    // The experiment rows are named for the architecture.
    Object.defineProperty(target, "name", { value: arch });
    const results = await evaluate(target, {
      data: name,
      evaluators: [environmentMetrics],
      experimentPrefix: `${arch}-${opts.model.replace(/[^A-Za-z0-9_.-]+/g, "-")}`,
      description: `${ARCH_LABELS[arch] ?? arch} on ${name} with ${opts.model}`,
      metadata: { arch, model: opts.model, noise: cfg.noise, seed: cfg.seed, max_steps: cfg.maxSteps },
      client,
      maxConcurrency: opts.concurrency ?? 2,
    });
    const sums = new Map<string, { total: number; n: number }>();
    for (const row of results.results) {
      for (const r of row.evaluationResults.results) {
        if (typeof r.score !== "number") continue;
        const s = sums.get(r.key) ?? { total: 0, n: 0 };
        sums.set(r.key, { total: s.total + r.score, n: s.n + 1 });
      }
    }
    const means = Object.fromEntries([...sums.entries()].map(([k, s]) => [k, s.total / s.n]));
    experiments.push({ arch, experimentName: results.experimentName, rows: results.results.length, means });
    log(
      `experiment ${results.experimentName}: ${results.results.length} runs; ${Object.entries(means)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(", ")}`,
    );
  }
  await client.awaitPendingTraceBatches();
  return { dataset, experiments };
}
