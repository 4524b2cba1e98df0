/**
 * Live progress of a run on stderr, from the graph's stream: for TDP each sub-task's status as
 * it changes (dispatched, each tool call, local replans, completed or failed, Self-Revision
 * edits); for the baselines each step as its node reports it.
 */
import type { Dag } from "../state/dag.js";
import { formatDag, statusMark, truncate } from "./format.js";

/** Prints each node's status as it changes, from the graph's update stream. */
export class LiveDagPrinter {
  private dag: Dag;
  private readonly branchNode = new Map<string, string>();
  /** `dag`: the DAG so far, when continuing a checkpointed run. */
  constructor(
    private readonly write: (line: string) => void,
    dag: Dag = {},
  ) {
    this.dag = { ...dag };
  }

  onEvent(ns: string[], mode: string, data: unknown): void {
    if (mode === "tasks" && ns.length === 0) {
      const t = data as {
        id: string;
        name: string;
        input?: { node?: { id: string }; limits?: { stepBudget: number } };
      };
      if (t.name === "nodeWorker" && t.input?.node) {
        this.branchNode.set(t.id, t.input.node.id);
        this.write(
          `${statusMark("running")} ${t.input.node.id} running (step budget ${t.input.limits?.stepBudget}): ${truncate(this.dag[t.input.node.id]?.spec ?? "", 70)}`,
        );
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
        } else if (name === "approvePlan" && dag) {
          for (const [id, n] of Object.entries(dag)) {
            if (n) this.dag[id] = n;
            else delete this.dag[id];
          }
          this.write(`DAG as approved (${Object.keys(this.dag).length} sub-tasks):\n${formatDag(this.dag)}`);
        } else if (dag) {
          for (const [id, n] of Object.entries(dag)) {
            const before = this.dag[id];
            if (!n) {
              delete this.dag[id];
              this.write(`  - ${id} removed by Self-Revision`);
              continue;
            }
            this.dag[id] = n;
            if (name === "nodeWorker")
              this.write(
                `${statusMark(n.status)} ${id} ${n.status} (${n.stepsUsed} steps, ${n.replans} replans): ${truncate(n.outcome ?? "", 90)}`,
              );
            else if (!before) this.write(`  + ${id} added by Self-Revision: ${truncate(n.spec, 80)}`);
            else if (before.spec !== n.spec || before.status !== n.status)
              this.write(`  ~ ${id} revised: ${truncate(n.spec, 80)}`);
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

/** Progress of a baseline run: each step as its node reports it. */
export class BaselinePrinter {
  constructor(private readonly write: (line: string) => void) {}

  onEvent(ns: string[], mode: string, data: unknown): void {
    if (mode !== "updates" || ns.length > 0) return;
    for (const [name, u] of Object.entries(data as Record<string, Record<string, unknown> | undefined>)) {
      const trace = u?.trace as
        { action: { tool: string; args: unknown } | null; observation: string }[] | { action: unknown } | undefined;
      const entries = Array.isArray(trace)
        ? trace
        : trace
          ? [trace as { action: { tool: string; args: unknown } | null; observation: string }]
          : [];
      for (const t of entries) {
        const action = t.action ? `${t.action.tool} ${truncate(JSON.stringify(t.action.args), 60)}` : "(no tool call)";
        this.write(`  ${name}: ${action} → ${truncate(t.observation, 70)}`);
      }
      if (name === "planner" || name === "replanner") {
        const plan = u?.plan as string[] | undefined;
        if (plan) this.write(`  ${name}: ${plan.length}-step plan`);
      }
    }
  }
}
