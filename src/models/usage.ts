import type { BaseMessage } from "@langchain/core/messages";
import type { Usage, UsageCounts } from "../state/reducers.js";

/** Token counts reported by the provider (or the simulator) on one reply. */
export function usageOf(msg: BaseMessage | undefined): UsageCounts {
  const meta =
    msg && "usage_metadata" in msg
      ? (msg.usage_metadata as { input_tokens?: number; output_tokens?: number } | undefined)
      : undefined;
  return { input: meta?.input_tokens ?? 0, output: meta?.output_tokens ?? 0, calls: 1 };
}

/** Usage update for one call, by role. (Per-sub-task figures live on the DAG node: `SubTask.usage`.) */
export function usageUpdate(role: string, u: UsageCounts): Usage {
  return { [role]: u };
}
