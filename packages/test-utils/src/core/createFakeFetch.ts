// Test-only helper (imported by *.test.ts, never by the library): a scripted `fetch` for REST transcript tests.
import type { FetchLike } from "../../../core/src/rest/restRequest.js";

/** One request the fake received, decoded for assertions. */
export interface RecordedRequest {
  method: string;
  /** The full URL. */
  url: string;
  /** The path, e.g. `/chat/Dialog.json`. */
  path: string;
  /** The raw query string without `?` (brackets as sent), or "". */
  query: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as text ("" when none). */
  body: string;
}

/** A scripted answer: a JSON/text reply, an error to throw (a failed fetch), `hang` (until aborted), or a function. */
export type FakeReply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | Error
  | "hang"
  | ((request: RecordedRequest) => FakeReply);

/** The fake and what it saw. */
export interface FakeFetch {
  fetch: FetchLike;
  /** Every request so far, in order. */
  requests: RecordedRequest[];
  /** Adds answers to the end of the script. */
  push(...replies: FakeReply[]): void;
}

/** A `fetch` that answers each request with the next scripted reply and records the requests. */
export function createFakeFetch(...script: FakeReply[]): FakeFetch {
  const replies = [...script];
  const requests: RecordedRequest[] = [];

  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      query: request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "",
      headers: headerRecord(request.headers),
      body: request.body ? await request.text() : "",
    };
    requests.push(recorded);
    let reply = replies.shift();
    if (reply === undefined) throw new Error(`Unexpected request ${recorded.method} ${recorded.path}`);
    while (typeof reply === "function") reply = reply(recorded);
    if (reply instanceof Error) throw reply;
    if (reply === "hang") {
      const signal = request.signal;
      return new Promise<Response>((_resolve, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason ?? new DOMException("Aborted", "AbortError")));
      });
    }
    const status = reply.status ?? 200;
    const headers = new Headers(reply.headers);
    let body: string | null = null;
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=utf-8");
    } else if (reply.text !== undefined) body = reply.text;
    return new Response(status === 204 ? null : body, { status, headers });
  };

  return { fetch, requests, push: (...more) => replies.push(...more) };
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

/** The `{errors: {base: [...]}}` body of a ConnectyCube error answer. */
export function errorBody(...messages: string[]): { errors: { base: string[] } } {
  return { errors: { base: messages } };
}

/** The 401 answer of an expired session (docs/protocol.md §2). */
export const SESSION_EXPIRED_REPLY: FakeReply = { status: 401, json: errorBody("Required session does not exist") };
