/**
 * Live progress of a run on stderr, from the graph's stream: for TDP each sub-task's status as
 * it changes (dispatched, each tool call, local replans, completed or failed, Self-Revision
 * edits); for the baselines each step as its node reports it.
 */
import type { Dag, SubTask } from "../state/dag.js";
import { formatDag, statusMark, truncate } from "./format.js";

/** Prints each node's status as it changes, from the graph's update stream. */
export class LiveDagPrinter {
  private dag: Dag;
  /** `dag`: the DAG so far, when continuing a checkpointed run. */
  constructor(
    private readonly write: (line: string) => void,
    dag: Dag = {},
  ) {
    this.dag = { ...dag };
  }

  /** Steps already printed, per sub-task attempt (a branch's trace as the next role receives it). */
  private readonly printed = new Map<string, number>();

  onEvent(ns: string[], mode: string, data: unknown): void {
    if (ns.length > 0) return;
    if (mode === "tasks") return this.onTask(data as BranchTask);
    if (mode !== "updates") return;
    const updates = data as Record<string, Record<string, unknown> | undefined>;
    for (const [name, u] of Object.entries(updates)) {
      const dag = u?.dag as Record<string, SubTask | null> | undefined;
      if (!dag) continue;
      if (name === "supervisor") {
        this.dag = { ...dag } as Dag;
        this.write(`DAG (${Object.keys(dag).length} sub-tasks):\n${formatDag(this.dag)}`);
        continue;
      }
      for (const [id, n] of Object.entries(dag)) {
        const before = this.dag[id];
        if (!n) {
          delete this.dag[id];
          this.write(`  - ${id} removed by Self-Revision`);
          continue;
        }
        this.dag[id] = n;
        if (name === "approvePlan") continue;
        if (n.status === "running") continue; // printed when its first role starts
        if (n.status === "completed" || (n.status === "failed" && before?.status === "running"))
          this.write(
            `${statusMark(n.status)} ${id} ${n.status} (${n.stepsUsed} steps, ${n.replans} replans): ${truncate(n.outcome ?? "", 90)}`,
          );
        else if (!before)
          this.write(
            `  + ${id} added by ${name === "expand" ? "expansion" : "Self-Revision"}: ${truncate(n.spec, 80)}`,
          );
        else if (before.spec !== n.spec || before.status !== n.status || n.children)
          this.write(
            n.children && !before.children
              ? `  ⤷ ${id} expanded into ${n.children.join(", ")}`
              : `  ~ ${id} revised: ${truncate(n.spec, 80)}`,
          );
      }
      if (name === "approvePlan")
        this.write(`DAG as approved (${Object.keys(this.dag).length} sub-tasks):\n${formatDag(this.dag)}`);
    }
  }

  private onTask(t: BranchTask): void {
    const b = t.input;
    if (!b?.node || !("trace" in b)) return;
    const id = b.node.id;
    const key = `${id}#${b.node.attempts}`;
    if (t.name === "planner" && (b.plan?.length ?? 0) === 0) {
      this.printed.set(key, 0);
      this.write(
        `${statusMark("running")} ${id} running (step budget ${b.limits?.stepBudget}): ${truncate(this.dag[id]?.spec ?? b.node.spec, 70)}`,
      );
      return;
    }
    if (t.name === "planner") this.write(`    ${id}: replanned locally`);
    const trace = b.trace ?? [];
    for (let i = this.printed.get(key) ?? 0; i < trace.length; i++) {
      const e = trace[i];
      const action = e.action ? `${e.action.tool} ${truncate(JSON.stringify(e.action.args), 60)}` : "(no tool call)";
      this.write(`    ${id}: ${action} → ${truncate(e.observation, 70)}`);
    }
    this.printed.set(key, trace.length);
  }
}

/** A `tasks` stream event: a role node starting with its branch as input. */
interface BranchTask {
  name: string;
  input?: {
    node?: SubTask;
    plan?: string[];
    trace?: { action: { tool: string; args: unknown } | null; observation: string }[];
    limits?: { stepBudget: number };
  };
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
