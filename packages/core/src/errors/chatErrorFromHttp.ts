import { ChatError, type ChatErrorCode, type ChatErrorDetails } from "./ChatError.js";

/** The body a 401 carries when the REST session token expired (docs/protocol.md §2). */
const SESSION_EXPIRED_MESSAGE = "Required session does not exist";

/** The code for an HTTP error status. */
export function codeForHttpStatus(status: number): ChatErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 408) return "timeout";
  if (status === 409) return "conflict";
  if (status === 429) return "server";
  if (status >= 500) return "server";
  if (status >= 400) return "validation";
  return "protocol";
}

/**
 * Builds a ChatError from an HTTP status and a ConnectyCube error body (parsed JSON or raw text):
 * `{errors: {base: ["…"]}}`, field errors `{errors: {name: ["…"]}}`, `{errors: ["…"]}`, `{errors: "…"}`,
 * `{message: "…"}` or plain text. A 401 saying "Required session does not exist" gets `details.sessionExpired`.
 */
export function chatErrorFromHttp(status: number, body?: unknown, options: { cause?: unknown } = {}): ChatError {
  const { messages, fields } = readErrorBody(body);
  const details: ChatErrorDetails = {};
  if (messages.length > 0) details.messages = messages;
  if (Object.keys(fields).length > 0) details.fields = fields;
  if (status === 401 && messages.includes(SESSION_EXPIRED_MESSAGE)) details.sessionExpired = true;
  const fieldText = Object.entries(fields).map(([field, list]) => `${field} ${list.join(", ")}`);
  const text = [...messages, ...fieldText].join("; ") || `HTTP ${status}`;
  return new ChatError(codeForHttpStatus(status), text, {
    status,
    details: Object.keys(details).length > 0 ? details : undefined,
    cause: options.cause,
  });
}

function readErrorBody(body: unknown): { messages: string[]; fields: Record<string, string[]> } {
  const messages: string[] = [];
  const fields: Record<string, string[]> = {};
  const parsed = typeof body === "string" ? parseJson(body) : body;
  if (typeof parsed === "string") {
    if (parsed.trim() !== "") messages.push(parsed.trim());
    return { messages, fields };
  }
  if (!isRecord(parsed)) return { messages, fields };
  const errors = parsed.errors;
  if (typeof errors === "string") messages.push(errors);
  else if (Array.isArray(errors)) messages.push(...strings(errors));
  else if (isRecord(errors)) {
    for (const [key, value] of Object.entries(errors)) {
      const list = Array.isArray(value) ? strings(value) : typeof value === "string" ? [value] : [];
      if (list.length === 0) continue;
      if (key === "base") messages.push(...list);
      else fields[key] = list;
    }
  }
  if (messages.length === 0 && typeof parsed.message === "string") messages.push(parsed.message);
  return { messages, fields };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function strings(values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === "string");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
