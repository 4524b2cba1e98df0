/**
 * One measured run of `npm run bench:scale`: an architecture on a shape, under the latency
 * model, through `runArch` (the recipe the CLI and the bench use). Returns the measured wall
 * time next to the critical path the design needs (from the calls it actually made, see
 * `modelLatency`), the simulator's own compute time, and what Self-Revision cost.
 */
import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata, PendingWrite } from "@langchain/langgraph-checkpoint";
import type { ArchName } from "../../graph/archs.js";
import { runArch } from "../../graph/run.js";
import { registerEnvironment } from "../../tools/registry.js";
import { CallShapeRecorder, modelLatency, type LatencyModel } from "../crossover.js";
import { createScaleEnvironment, SCALE_TASK_ID } from "./env.js";
import { createScaleModel } from "./model.js";
import { shapeReference, type ScaleShape } from "./shapes.js";

export interface ScaleRunOptions {
  arch: ArchName;
  shape: ScaleShape;
  latency: Pick<LatencyModel, "llmMs" | "toolMs">;
  /** TDP configuration (schedule, evaluate, ...); budgets and caps are sized to the shape. */
  configurable?: Record<string, unknown>;
  /** One sub-task at a time (the serial reference). */
  exclusive?: boolean;
  failShare?: number;
  /** Estimate tokens (characters / 4) rather than count them: keeps the simulator off the clock. */
  estimateTokens?: boolean;
  checkpointer?: BaseCheckpointSaver;
}

export interface ScaleRun {
  arch: ArchName;
  shape: string;
  status: string;
  reason: string | null;
  wallMs: number;
  /** The longest chain of calls the run needed (sequential calls + longest sub-task path). */
  criticalMs: number;
  /** Every call one after another. */
  sequentialMs: number;
  llmCalls: number;
  toolCalls: number;
  /** Time the simulator spent computing replies. */
  responderMs: number;
  revisionCalls: number;
  revisionTokens: number;
  promptTokens: number;
}

let registered = 0;

export async function runScale(o: ScaleRunOptions): Promise<ScaleRun> {
  const env = createScaleEnvironment(o.shape, {
    name: `scale-${++registered}`,
    toolMs: o.latency.toolMs,
    exclusive: o.exclusive,
  });
  registerEnvironment(env);
  const { model, responderMs, calls } = createScaleModel(shapeReference(o.shape), {
    llmMs: o.latency.llmMs,
    failShare: o.failShare,
    estimateTokens: o.estimateTokens,
  });
  const recorder = new CallShapeRecorder(new Set(["work"]));
  const n = o.shape.nodes.length;
  const steps = o.shape.nodes.reduce((a, x) => a + x.steps, 0);
  const started = performance.now();
  const { state } = await runArch({
    arch: o.arch,
    env: env.name,
    input: { env: env.name, taskId: SCALE_TASK_ID },
    configurable: {
      model: "offline",
      maxNodes: Math.max(20, n),
      maxSteps: steps * 3 + 10,
      ...o.configurable,
    },
    agent: { llm: model },
    checkpointer: o.checkpointer,
    threadId: o.checkpointer ? `scale-${registered}` : null,
    callbacks: [recorder],
  });
  const wallMs = performance.now() - started;
  const dag = Object.values(state.dag ?? {}).map((x) => ({ id: x.id, deps: x.deps }));
  const modelled = modelLatency(recorder.calls, dag, { ...o.latency, outputTokenMs: 0, promptTokenMs: 0 });
  // A baseline runs one turn's tool calls together (LangGraph's ToolNode), so a turn waits for one tool, not for each.
  const baselineCritical = recorder.calls.reduce((a, c) => a + o.latency.llmMs + (c.tools ? o.latency.toolMs : 0), 0);
  const rev = state.usage.self_revision;
  return {
    arch: o.arch,
    shape: o.shape.name,
    status: state.status,
    reason: state.reason,
    wallMs,
    criticalMs: o.arch === "tdp" ? modelled.criticalMs : baselineCritical,
    sequentialMs: modelled.sequentialMs,
    llmCalls: calls(),
    toolCalls: recorder.calls.reduce((a, c) => a + c.tools, 0),
    responderMs: responderMs(),
    revisionCalls: rev?.calls ?? 0,
    revisionTokens: rev?.input ?? 0,
    promptTokens: Object.values(state.usage).reduce((a, u) => a + u.input, 0),
  };
}

/** A saver that measures what each superstep writes: the checkpoint, split into the DAG and the rest, and the writes. */
export class MeasuringSaver extends MemorySaver {
  readonly checkpoints: { step: number; dagBytes: number; otherBytes: number }[] = [];
  writeBytes = 0;

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
  ): Promise<RunnableConfig> {
    const { dag, ...rest } = checkpoint.channel_values as Record<string, unknown>;
    const size = async (v: unknown) => (await this.serde.dumpsTyped(v))[1].byteLength;
    const dagBytes = dag === undefined ? 0 : await size(dag);
    const otherBytes = (await size({ ...checkpoint, channel_values: rest })) + (await size(metadata));
    this.checkpoints.push({ step: metadata.step, dagBytes, otherBytes });
    return super.put(config, checkpoint, metadata);
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    for (const [, value] of writes) this.writeBytes += (await this.serde.dumpsTyped(value))[1].byteLength;
    return super.putWrites(config, writes, taskId);
  }
}
