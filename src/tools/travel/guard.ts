/**
 * LangChain throws `ToolInputParsingException` when a model's arguments do not match a
 * tool's zod schema (a missing field, a bad enum value). Environment tools must answer bad
 * input with an observation instead, so this wrapper turns that exception into an
 * "Error: ..." reply (a ToolMessage when the tool was invoked with a tool call).
 */
import { ToolMessage } from "@langchain/core/messages";
import { ToolInputParsingException, type StructuredToolInterface } from "@langchain/core/tools";

type CallFn = (arg: unknown, config?: unknown, tags?: string[]) => Promise<unknown>;

interface ToolCallLike {
  type: "tool_call";
  id?: string;
  args: unknown;
}

function isToolCall(x: unknown): x is ToolCallLike {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "tool_call";
}

/** Wraps `tool` in place; `onBadInput` runs for each rejected call (to count it as a step). */
export function guardSchema<T extends StructuredToolInterface>(tool: T, onBadInput: () => void): T {
  const target = tool as unknown as { call: CallFn };
  const original = target.call.bind(tool);
  target.call = async (arg, config, tags) => {
    try {
      return await original(arg, config, tags);
    } catch (e) {
      if (!(e instanceof ToolInputParsingException)) throw e;
      onBadInput();
      const detail = e.message.replace(/^Received tool input did not match expected schema\s*/, "").trim();
      const content = `Error: the arguments do not match the ${tool.name} schema${detail ? `: ${detail}` : ""}. Nothing was changed; fix the arguments and call again.`;
      // `invoke(toolCall)` passes the args on and keeps the call in `config.toolCall`.
      const fromConfig = (config as { toolCall?: unknown } | undefined)?.toolCall;
      const callId = isToolCall(arg) ? arg.id : isToolCall(fromConfig) ? fromConfig.id : undefined;
      return callId !== undefined
        ? new ToolMessage({ content, tool_call_id: callId, name: tool.name, status: "error" })
        : content;
    }
  };
  return tool;
}
