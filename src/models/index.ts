/**
 * Turns a `"provider/model"` string into a chat model. The graphs call this and never look
 * at which model they got.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { readEnvVars, type EnvVars } from "../configuration.js";
import { getEnvironment } from "../tools/registry.js";
import { UsageError } from "../tools/types.js";
import { createOfflineModel } from "./offline.js";

export interface ModelContext {
  env: string | null;
  taskId: string | null;
  noise: number;
  seed: number;
  temperature: number;
}

export const MODEL_HELP =
  'use "offline" or "openai/<model>" (OpenAI, DeepSeek, vLLM, Ollama, LM Studio via OPENAI_BASE_URL)';

/** Checks a spec without building a model: for CLI validation before a run starts. */
export function checkModelSpec(spec: string, vars: EnvVars = readEnvVars()): void {
  if (spec === "offline") return;
  const [provider, ...rest] = spec.split("/");
  const name = rest.join("/");
  if (provider !== "openai" || !name) throw new UsageError(`unknown model "${spec}": ${MODEL_HELP}`);
  if (!vars.openaiApiKey && !vars.openaiBaseUrl) {
    throw new UsageError(
      `model "${spec}" needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server that needs no key)`,
    );
  }
}

const cache = new Map<string, BaseChatModel>();

export async function loadChatModel(
  spec: string,
  ctx: ModelContext,
  vars: EnvVars = readEnvVars(),
): Promise<BaseChatModel> {
  checkModelSpec(spec, vars);
  const key = JSON.stringify([spec, ctx, vars.openaiBaseUrl]);
  const hit = cache.get(key);
  if (hit) return hit;
  let model: BaseChatModel;
  if (spec === "offline") {
    if (!ctx.env || !ctx.taskId) {
      throw new UsageError(
        'the "offline" model only plays bundled tasks: give an env and a task id, or use a real model',
      );
    }
    const env = await getEnvironment(ctx.env);
    model = createOfflineModel(env.reference(ctx.taskId), { noise: ctx.noise, seed: ctx.seed });
  } else {
    model = new ChatOpenAI({
      model: spec.slice("openai/".length),
      temperature: ctx.temperature,
      // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any key.
      apiKey: vars.openaiApiKey ?? "not-needed",
      configuration: vars.openaiBaseUrl ? { baseURL: vars.openaiBaseUrl } : undefined,
      maxRetries: 2,
    });
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, model);
  return model;
}
