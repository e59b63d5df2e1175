import { ChatError, type ChatErrorCode } from "./ChatError.js";

const FETCH_FAILURE = /fetch|network|load failed/i;

/**
 * Turns anything thrown into a ChatError: a ChatError is returned as is; an `AbortError`/`TimeoutError` becomes
 * `timeout`; the `TypeError` that `fetch` throws when no response arrives (connection refused, DNS, CORS, offline:
 * "fetch failed", "Failed to fetch", "NetworkError…", "Load failed") becomes `network`; anything else becomes
 * `fallback` (default `network`), keeping the original as `cause`.
 */
export function toChatError(error: unknown, fallback: ChatErrorCode = "network"): ChatError {
  if (error instanceof ChatError) return error;
  // Read name/message structurally: errors from another realm (DOMException, iframes, jest's vm) fail `instanceof`.
  const name = field(error, "name");
  const message = field(error, "message") ?? (typeof error === "string" ? error : "Unknown error");
  if (name === "TimeoutError" || name === "AbortError") return new ChatError("timeout", message, { cause: error });
  if (name === "TypeError" && FETCH_FAILURE.test(message)) return new ChatError("network", message, { cause: error });
  return new ChatError(fallback, message, { cause: error });
}

function field(value: unknown, key: "name" | "message"): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === "string" ? found : undefined;
}
