/** What one architecture step leaves behind: the action taken and what the environment answered. */

/** One environment step (of one sub-task, or of a baseline's whole run). */
export interface TraceEntry {
  /** Tool name and arguments as the Executor emitted them; null when it emitted none. */
  action: { id: string; tool: string; args: Record<string, unknown> } | null;
  observation: string;
}
