/**
 * The one retry policy for every LLM call, of every architecture. Transient faults (429 with
 * or without `retry-after`, 408/409, 5xx, timeouts, connection resets and refusals, a reply
 * body that is not valid JSON) are retried with exponential backoff and jitter, honouring a
 * server's `retry-after` (capped at `retryMaxMs`). Anything else, and a transient fault that
 * outlives `maxAttempts`, becomes a `ModelCallError` with a one-line message.
 *
 * The provider clients' own retries are switched off (`maxRetries: 0`), so this is the only
 * place that retries, and `maxAttempts` means what it says.
 */
import { ModelCallError } from "../errors.js";

export interface RetryPolicy {
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

/** The policy a run's configuration sets. */
export function retryPolicyOf(cfg: { maxAttempts: number; retryInitialMs: number; retryMaxMs: number }): RetryPolicy {
  return { maxAttempts: cfg.maxAttempts, initialMs: cfg.retryInitialMs, maxMs: cfg.retryMaxMs };
}

export interface Fault {
  kind: "rate_limit" | "server" | "timeout" | "connection" | "bad_body" | "client" | "bad_output" | "other";
  transient: boolean;
  status: number | null;
  /** A server-requested wait, from `retry-after` / `retry-after-ms`. */
  retryAfterMs: number | null;
  message: string;
}

function header(err: unknown, name: string): string | null {
  const headers = (err as { headers?: unknown }).headers;
  if (!headers || typeof headers !== "object") return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === "string" ? v : null;
}

function retryAfterMs(err: unknown): number | null {
  const ms = Number(header(err, "retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = header(err, "retry-after");
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

const firstLine = (s: string) => s.split("\n")[0].trim();

/**
 * A client's "Connection error." says neither what failed nor where; the innermost cause
 * does ("connect ECONNREFUSED 127.0.0.1:8000", "getaddrinfo ENOTFOUND host"), so it is added.
 */
function withRootCause(err: unknown, message: string): string {
  let root = err;
  for (let i = 0; i < 5; i++) {
    const next = (root as { cause?: unknown } | null)?.cause;
    if (!next || typeof next !== "object") break;
    root = next;
  }
  const detail = root !== err ? firstLine(String((root as { message?: unknown }).message ?? "")) : "";
  return detail && !message.includes(detail) ? `${message.replace(/\.$/, "")} (${detail})` : message;
}

/** What kind of failure an error is, and whether trying again can help. */
export function classifyFault(err: unknown): Fault {
  const e = err as { status?: unknown; code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  const name = typeof e?.name === "string" ? e.name : "";
  const message = firstLine(typeof e?.message === "string" ? e.message : String(err));
  const status = typeof e?.status === "number" ? e.status : null;
  const code = String(e?.code ?? (e?.cause as { code?: unknown } | undefined)?.code ?? "");
  const base = { status, retryAfterMs: retryAfterMs(err), message };
  if (status === 429) return { ...base, kind: "rate_limit", transient: true };
  if (status !== null && (status >= 500 || status === 408 || status === 409))
    return { ...base, kind: "server", transient: true };
  if (status !== null && status >= 400) return { ...base, kind: "client", transient: false };
  if (/timeout/i.test(name) || /timed? ?out/i.test(message) || code === "ETIMEDOUT")
    return { ...base, kind: "timeout", transient: true };
  if (
    /connection/i.test(name) ||
    /ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR/.test(code) ||
    /connection error|socket hang up|fetch failed|terminated/i.test(message)
  )
    return { ...base, message: withRootCause(err, message), kind: "connection", transient: true };
  // A truncated or non-JSON reply body (the client's JSON.parse of the response).
  if (name === "SyntaxError") return { ...base, kind: "bad_body", transient: true };
  // A reply that parsed but breaks the requested schema: asking again with the error is the fix.
  const issues = (err as { issues?: { path?: unknown[]; message?: string }[] }).issues;
  if (Array.isArray(issues)) {
    // A zod error (the client's schema parse): say which fields, not the JSON dump.
    const text = issues.map((i) => `${(i.path ?? []).join(".") || "(root)"}: ${i.message ?? "invalid"}`).join("; ");
    return { ...base, message: text, kind: "bad_output", transient: false };
  }
  if (/ZodError|OutputParser/.test(name)) return { ...base, kind: "bad_output", transient: false };
  return { ...base, kind: "other", transient: false };
}

/** True for a cancelled run: never retried, never turned into a model fault. */
export function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === "AbortError" || (err as { constructor?: { name?: string } })?.constructor?.name === "AbortError";
}

/** The wait before retry number `retry` (1-based): exponential, capped, with full jitter over its upper half. */
export function backoffMs(
  policy: RetryPolicy,
  retry: number,
  fault: Fault,
  random: () => number = Math.random,
): number {
  if (fault.retryAfterMs !== null) return Math.min(policy.maxMs, fault.retryAfterMs);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** (retry - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** Where the calls go (host or model class), for the error message. */
  endpoint: string;
  /** Called for every failed attempt (usage counts them). */
  onFailedAttempt?: (fault: Fault, attempt: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs `call` until it succeeds, a fault is not transient, or the attempts are spent. A
 * `bad_output` fault is rethrown as it is (the caller re-asks); cancellation passes through.
 */
export async function withRetry<T>(call: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (isAbort(err) || opts.signal?.aborted) throw err;
      const fault = classifyFault(err);
      opts.onFailedAttempt?.(fault, attempt);
      if (fault.kind === "bad_output") throw err;
      if (!fault.transient || attempt >= opts.policy.maxAttempts) {
        const what = fault.status !== null && !fault.message.startsWith(String(fault.status)) ? `${fault.status} ` : "";
        const tries = attempt > 1 ? ` after ${attempt} attempts` : "";
        throw new ModelCallError(`model call to ${opts.endpoint} failed${tries}: ${what}${fault.message}`, {
          kind: fault.kind,
          status: fault.status,
          endpoint: opts.endpoint,
          attempts: attempt,
        });
      }
      await sleep(backoffMs(opts.policy, attempt, fault), opts.signal);
    }
  }
}
