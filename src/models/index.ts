/**
 * Turns a `"provider/model"` string into a chat model. The graphs call this and never look
 * at which model they got.
 *
 * - `offline`: the built-in simulator (bundled tasks only).
 * - `openai/<model>`: `ChatOpenAI`, honouring `OPENAI_BASE_URL`, so any OpenAI-compatible
 *   endpoint works (OpenAI, DeepSeek, vLLM, Ollama, LM Studio).
 * - `<provider>/<model>` for any other provider LangChain's `initChatModel` knows
 *   (`anthropic`, `google-genai`, `ollama`, `groq`, `mistralai`, `bedrock`, ...), once that
 *   provider's package is installed; a missing package is one line naming it.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { initChatModel, MODEL_PROVIDER_CONFIG } from "langchain/chat_models/universal";
import { readEnvVars, type EnvVars } from "../configuration.js";
import { UsageError } from "../errors.js";
import { getEnvironment } from "../tools/registry.js";
import { createOfflineModel } from "./offline.js";

export interface ModelContext {
  env: string | null;
  taskId: string | null;
  noise: number;
  seed: number;
  temperature: number;
  /** Client timeout of one call (real models). */
  timeoutMs?: number;
}

export const MODEL_HELP =
  'use "offline", "openai/<model>" (OpenAI, DeepSeek, vLLM, Ollama, LM Studio via OPENAI_BASE_URL) or "<provider>/<model>" for an installed LangChain provider package';

const PROVIDERS = MODEL_PROVIDER_CONFIG as Record<string, { package: string; className: string }>;

/** `"provider/model"` split; the model name may itself contain slashes (`openai/org/model`). */
export function parseModelSpec(spec: string): { provider: string; name: string } {
  const slash = spec.indexOf("/");
  if (slash <= 0 || slash === spec.length - 1) throw new UsageError(`unknown model "${spec}": ${MODEL_HELP}`);
  return { provider: spec.slice(0, slash), name: spec.slice(slash + 1) };
}

async function packageInstalled(pkg: string): Promise<boolean> {
  try {
    await import(pkg);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return false;
    throw e;
  }
}

/** Checks a spec without building a model: for validation before a run starts (exit 2 on a mistake). */
export async function checkModelSpec(spec: string, vars: EnvVars = readEnvVars()): Promise<void> {
  if (spec === "offline") return;
  const { provider } = parseModelSpec(spec);
  if (provider === "openai") {
    if (!vars.openaiApiKey && !vars.openaiBaseUrl) {
      throw new UsageError(
        `model "${spec}" needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server that needs no key)`,
      );
    }
    return;
  }
  const known = PROVIDERS[provider];
  if (!known) {
    throw new UsageError(
      `unknown model "${spec}": no LangChain provider "${provider}" (known: openai, ${Object.keys(PROVIDERS)
        .filter((p) => p !== "openai")
        .join(", ")}; or "offline")`,
    );
  }
  if (!(await packageInstalled(known.package))) {
    throw new UsageError(`model "${spec}" needs the package ${known.package}: npm install ${known.package}`);
  }
}

const cache = new Map<string, BaseChatModel>();

export async function loadChatModel(
  spec: string,
  ctx: ModelContext,
  vars: EnvVars = readEnvVars(),
): Promise<BaseChatModel> {
  await checkModelSpec(spec, vars);
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
    const { provider, name } = parseModelSpec(spec);
    if (provider === "openai") {
      model = new ChatOpenAI({
        model: name,
        temperature: ctx.temperature,
        // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any key.
        apiKey: vars.openaiApiKey ?? "not-needed",
        configuration: vars.openaiBaseUrl ? { baseURL: vars.openaiBaseUrl } : undefined,
        timeout: ctx.timeoutMs,
        // Retries are the project's own (./retry.ts), in one place for every provider.
        maxRetries: 0,
      });
    } else {
      model = (await initChatModel(name, {
        modelProvider: provider,
        temperature: ctx.temperature,
        timeout: ctx.timeoutMs,
        maxRetries: 0,
      })) as unknown as BaseChatModel;
    }
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, model);
  return model;
}
