/**
 * Supervisor.construct: turns the task into a validated DAG of sub-tasks. An invalid DAG
 * gets one re-ask quoting the validation errors; if that fails too, the whole task runs as
 * one node, so a run never dies on a bad decomposition.
 */
import { randomUUID } from "node:crypto";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ensureConfiguration } from "../configuration.js";
import { llmCallConfig, type Runtime } from "../graph/runtime.js";
import { callStructured } from "../models/structured.js";
import { usageUpdate } from "../models/usage.js";
import { fillPrompt, REASK_PROMPT, SUPERVISOR_CONSTRUCT_PROMPT } from "../prompts/tdp.js";
import { renderTools } from "../prompts/render.js";
import { dagFromProposal, validateProposal, type ProposedNode } from "../state/dag.js";
import { addUsage, type Usage } from "../state/reducers.js";
import type { RevisionRecord, TdpStateType, TdpUpdate } from "../state/state.js";
import { getEnvironment } from "../tools/registry.js";
import { UsageError } from "../tools/types.js";
import { ConstructDag } from "./schemas.js";

/** Fills `task` from the bundled environment and gives the run its session key. */
export async function resolveTaskInput(
  state: TdpStateType,
  config: LangGraphRunnableConfig,
): Promise<{ task: string; runId: string }> {
  let task = state.task?.trim() ?? "";
  if (state.taskId) {
    if (!state.env) throw new UsageError("a taskId needs an env");
    const env = await getEnvironment(state.env);
    const info = env.task(state.taskId);
    if (!task) task = info.query;
  }
  if (!task) throw new UsageError("empty task: give a task, or an env and a taskId");
  const threadId = config.configurable?.thread_id as string | undefined;
  return { task, runId: state.runId || threadId || randomUUID() };
}

export function makeSupervisorNode(runtime: Runtime) {
  return async function supervisor(state: TdpStateType, config: LangGraphRunnableConfig): Promise<TdpUpdate> {
    // Re-entry after a resume: the DAG already exists and is never rebuilt.
    if (Object.keys(state.dag).length > 0) return {};
    const cfg = ensureConfiguration(config);
    const { task, runId } = await resolveTaskInput(state, config);
    const ref = { runId, env: state.env, taskId: state.taskId };
    const res = await runtime.resources(ref);
    const model = await runtime.model("supervisor", cfg, ref);
    const deliveryRule = res.submitTool
      ? `The final sub-task must deliver the result by calling ${res.submitTool}; make it depend on every sub-task whose result it uses.`
      : `The results of the sub-tasks will be combined into the final answer (${res.deliveryFormat}).`;
    const prompt = fillPrompt(SUPERVISOR_CONSTRUCT_PROMPT, {
      maxNodes: cfg.maxNodes,
      deliveryRule,
      tools: renderTools(res.tools("supervisor")),
      task,
    });
    const messages = [new SystemMessage(prompt), new HumanMessage("Return the DAG.")];
    const callCfg = llmCallConfig(config, { arch: "tdp", role: "supervisor", env: state.env, taskId: state.taskId });
    let usage: Usage = {};
    const record: RevisionRecord = { round: 0, stage: "construct", accepted: true, changes: 0, errors: [] };
    let nodes: ProposedNode[] | null = null;
    for (let attempt = 0; attempt < 2 && !nodes; attempt++) {
      const out = await callStructured(model, ConstructDag, messages, cfg.structuredOutputMethod, callCfg);
      usage = addUsage(usage, usageUpdate("supervisor", out.usage));
      const errors = out.value ? validateProposal(out.value.nodes, cfg.maxNodes) : [out.error ?? "unparseable output"];
      if (errors.length === 0 && out.value) {
        nodes = out.value.nodes;
        break;
      }
      record.errors.push(...errors);
      messages.push(
        new HumanMessage(
          fillPrompt(REASK_PROMPT, {
            what: "DAG",
            errors: errors.join("; "),
            previous: JSON.stringify(out.raw).slice(0, 4000),
          }),
        ),
      );
    }
    if (!nodes) {
      // Both attempts were invalid: fall back to one node that is the whole task.
      record.accepted = false;
      nodes = [{ id: "task", spec: task, deps: [] }];
    }
    record.changes = nodes.length;
    return { task, runId, dag: dagFromProposal(nodes), usage, revisions: [record], status: "running" };
  };
}
