/**
 * Reading a checkpoint's pending writes: which branch steps finished in the superstep that
 * was running when a process died. A role node hands its branch on with a `Send`, saved as
 * a write to LangGraph's tasks channel, so a finished step is one whose hand-over is saved.
 */
type PendingWrite = [string, string, unknown];

/** True once `nodeId`'s tool call finished and its hand-over to the next role is saved. */
export function stepSaved(writes: PendingWrite[] | undefined, nodeId: string): boolean {
  return (writes ?? []).some(([, channel, value]) => {
    if (channel !== "__pregel_tasks" || !value || typeof value !== "object") return false;
    const send = value as { node?: string; args?: { node?: { id?: string }; trace?: unknown[] } };
    return send.args?.node?.id === nodeId && (send.args.trace?.length ?? 0) > 0;
  });
}
