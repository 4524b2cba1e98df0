/**
 * A chat model whose replies come from a function of the request. Both the offline
 * simulator and the tests' scripted models are built on it, so they go through exactly the
 * same LangChain paths as a real model: `bindTools`, `withStructuredOutput`
 * (function-calling), callbacks, and `usage_metadata`.
 */
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { type AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import { AIMessageChunk } from "@langchain/core/messages";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { countPromptTokens, countTokens, messageText } from "./tokens.js";

/** A bound tool as the responder sees it: name, description and JSON schema. */
export interface ToolSpecLite {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ResponderRequest {
  messages: BaseMessage[];
  tools: ToolSpecLite[];
  /**
   * The call's run metadata (`role`, `node_id`, `attempt`, `arch`, ...): how a simulated model
   * learns which role it plays for which sub-task, without reading prompt wording.
   */
  metadata: Record<string, unknown>;
}

/** Returns the reply; `tool_calls` on it become the model's tool calls. */
export type Responder = (req: ResponderRequest) => AIMessage | Promise<AIMessage>;

export interface ResponderCallOptions extends BaseChatModelCallOptions {
  tools?: ToolSpecLite[];
  /** Copied from the call's config metadata by `invoke` (LangChain keeps metadata out of call options). */
  callMetadata?: Record<string, unknown>;
}

export class ResponderChatModel extends BaseChatModel<ResponderCallOptions> {
  /** Every request, in order (tests assert on what each prompt contained). */
  readonly requests: ResponderRequest[] = [];
  callCount = 0;

  constructor(
    private readonly responder: Responder,
    private readonly label = "responder",
    /** Keep every request in `requests` (tests); off for long simulated runs. */
    private readonly record = true,
    params: BaseChatModelParams = {},
  ) {
    super(params);
  }

  _llmType(): string {
    return this.label;
  }

  override bindTools(tools: BindToolsInput[]): Runnable<BaseLanguageModelInput, AIMessageChunk, ResponderCallOptions> {
    const specs: ToolSpecLite[] = tools.map((t) => {
      const fn = convertToOpenAITool(t).function;
      return {
        name: fn.name,
        description: fn.description ?? "",
        parameters: (fn.parameters ?? {}) as Record<string, unknown>,
      };
    });
    return this.withConfig({ tools: specs } as Partial<ResponderCallOptions>) as Runnable<
      BaseLanguageModelInput,
      AIMessageChunk,
      ResponderCallOptions
    >;
  }

  override invoke(input: BaseLanguageModelInput, options?: ResponderCallOptions): Promise<AIMessageChunk> {
    return super.invoke(input, { ...options, callMetadata: { ...(options?.metadata ?? {}) } });
  }

  /** The prompt tokens a provider would report (cl100k_base); a subclass may estimate instead. */
  protected promptTokens(messages: BaseMessage[], tools: ToolSpecLite[]): number {
    return countPromptTokens(messages, tools);
  }

  protected outputTokens(text: string): number {
    return countTokens(text);
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const req: ResponderRequest = { messages, tools: options.tools ?? [], metadata: options.callMetadata ?? {} };
    if (this.record) this.requests.push(req);
    this.callCount++;
    const reply = await this.responder(req);
    const input = this.promptTokens(messages, req.tools);
    const output = this.outputTokens(messageText(reply));
    // A chunk, as streaming-capable providers return: LangChain's tool-call output parser requires it.
    const message = new AIMessageChunk({
      content: reply.content,
      tool_calls: (reply.tool_calls ?? []).map((c, i) => ({
        ...c,
        id: c.id || `call_${this.callCount}_${i}`,
        type: "tool_call" as const,
      })),
      usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
    });
    return { generations: [{ text: typeof reply.content === "string" ? reply.content : "", message }] };
  }
}
