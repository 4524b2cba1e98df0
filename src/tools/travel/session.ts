/**
 * One run's view of the sandbox. The database is read-only and shared; a session owns only
 * what a run changes: the notebook, each scope's last observation, the submission and the
 * call counters.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { EnvSession } from "../types.js";
import { createTravelTools, type ToolHost } from "./tools.js";
import type { WorldIndex } from "./worldIndex.js";

export interface NotebookEntry {
  description: string;
  content: string;
}

export class TravelSession implements EnvSession, ToolHost {
  private submitted: string | null = null;
  private readonly counts: Record<string, number> = {};
  private readonly lastByScope = new Map<string, string>();
  private readonly toolsByScope = new Map<string, StructuredToolInterface[]>();
  private readonly notes: NotebookEntry[] = [];

  constructor(readonly index: WorldIndex) {}

  tools(scope: string): StructuredToolInterface[] {
    let tools = this.toolsByScope.get(scope);
    if (!tools) {
      tools = createTravelTools(this, scope);
      this.toolsByScope.set(scope, tools);
    }
    return tools;
  }

  submission(): string | null {
    return this.submitted;
  }

  submit(answer: string): void {
    this.submitted = answer;
  }

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  /** What NotebookWrite has stored, in order (TravelPlanner's planner reads this). */
  notebook(): NotebookEntry[] {
    return this.notes.map((n) => ({ ...n }));
  }

  count(tool: string): void {
    this.counts[tool] = (this.counts[tool] ?? 0) + 1;
  }

  lastObservation(scope: string): string | undefined {
    return this.lastByScope.get(scope);
  }

  remember(scope: string, observation: string): void {
    this.lastByScope.set(scope, observation);
  }

  writeNote(description: string, content: string): number {
    this.notes.push({ description, content });
    return this.notes.length - 1;
  }
}
