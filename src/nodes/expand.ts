/**
 * Staged construction (`staged: true`): the Supervisor may mark a coarse sub-task `expand`.
 * When it becomes ready, this node asks the Supervisor to split it into smaller sub-tasks,
 * seeing only that sub-task's spec and its prerequisites' outcomes, so no single call has to
 * emit the whole plan. The parent then waits for its children and completes with their
 * outcomes (`completeJoins`). An expansion that stays invalid after one re-ask, or a model
 * that cannot be reached, leaves the parent to run as an ordinary sub-task.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { Command, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { DATA_RULE } from "../prompts/data.js";
import { fillPrompt } from "../prompts/fill.js";
import { renderTools, subTaskData } from "../prompts/render.js";
import { EXPAND_PROMPT, SUB_TASK_TURN } from "../prompts/tdp.js";
import { expandNode, type DagUpdate, type SubTask } from "../state/dag.js";
import type { RevisionRecord, TdpUpdate, WorkerStateType } from "../state/state.js";
import { faultUsage, modelFault } from "./shared/faults.js";
import { runContext, type AgentOptions } from "./shared/runContext.js";
import { callWithReask } from "./shared/structured.js";
import { ExpandSubTask } from "./schemas.js";

/** The parent as an ordinary sub-task again (pending, not to be expanded). */
function runAsIs(node: SubTask): DagUpdate {
  const plain: SubTask = { ...node, status: "pending" };
  delete plain.expand;
  delete plain.budget;
  return { [node.id]: plain };
}

export function expandSubTaskNode(agent: AgentOptions) {
  return async function expand(branch: WorkerStateType, config: LangGraphRunnableConfig): Promise<Command> {
    const run = await runContext(agent, config, branch.scope);
    const node = branch.node;
    const tools = run.tools(node.id);
    const knownTools = tools.map((t) => t.name);
    const system = fillPrompt(EXPAND_PROMPT, {
      maxNodes: run.cfg.maxNodes,
      dataRule: DATA_RULE,
      tools: renderTools(tools),
    });
    const human = `${fillPrompt(SUB_TASK_TURN, { spec: node.spec, data: subTaskData({ prereqs: branch.prereqs }) })}\n\nReturn the smaller sub-tasks.`;
    let update: DagUpdate = runAsIs(node);
    let record: RevisionRecord;
    let usage: TdpUpdate["usage"] = {};
    try {
      const out = await callWithReask({
        run,
        model: await run.model("supervisor"),
        spec: ExpandSubTask,
        messages: [new SystemMessage(system), new HumanMessage(human)],
        method: run.cfg.structuredOutputMethod,
        meta: { arch: "tdp", role: "expand", nodeId: node.id },
        what: "expansion",
        // The DAG as dispatch saw it is not needed: child ids are new (prefixed) and deps stay inside.
        check: (v) => {
          const r = expandNode({ [node.id]: node }, node.id, v.nodes, run.cfg.maxNodes, knownTools);
          return r.ok ? { ok: true, value: r } : { ok: false, errors: r.errors };
        },
      });
      usage = out.usage;
      if (out.value) update = out.value.update;
      record = {
        round: 0,
        stage: "expand",
        scope: [node.id],
        accepted: out.value !== null,
        changes: out.value ? out.value.children.length : 0,
        errors: out.errors,
      };
    } catch (err) {
      record = { round: 0, stage: "expand", scope: [node.id], accepted: false, changes: 0, errors: [modelFault(err)] };
      usage = { expand: faultUsage(err) };
    }
    return new Command({ update: { dag: update, revisions: [record], usage }, goto: "dispatch" });
  };
}
