import ky, { type KyInstance, type Options } from "ky";
import { ChatError } from "../errors/ChatError.js";
import { isSessionExpired } from "../errors/isSessionExpired.js";
import { toChatError } from "../errors/toChatError.js";
import { encodeQuery } from "./dto/encodeQuery.js";
import { restErrorFrom } from "./restErrorFrom.js";
import type { FetchLike, Http, RestBodyRequest, RestRequest } from "./restRequest.js";

/** What `createHttp` needs. */
export interface HttpOptions {
  /** REST base URL, e.g. `https://api.connectycube.com` or `http://127.0.0.1:5280`. */
  apiUrl: string;
  /** The application's auth key, sent as `CB-AuthKey` by signup. */
  authKey: string;
  /** The current session token, asked before every attempt; null/undefined sends no `CB-Token`. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Called (once for any number of concurrent failures) when the session expired; may return the new token. */
  onSessionExpired?: () => string | null | undefined | void | Promise<string | null | undefined | void>;
  /** Injected `fetch` (tests, SSR). Default: the global one. */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds. Default 15 000. */
  timeoutMs?: number;
  /** Retries of an idempotent request after a 408/429/5xx answer or a network failure. Default 2. */
  retries?: number;
  /** Delay before retry number `attempt` (1, 2, …) in milliseconds. Default: 300 ms doubling, ≤ 10 s, with jitter. */
  retryDelay?: (attempt: number) => number;
  /**
   * The sign-in a request is made in (any value; compared with `===`). An answer that comes back once it has changed
   * (the user signed out, or another signed in) is refused with `ChatError("cancelled")`, whatever it was: nothing of
   * the previous user's lands in the next one's stores.
   */
  scope?: () => unknown;
}

/** The value of `CB-SDK` on every request. */
export const SDK_HEADER = "chatcube";
/** Content types of docs/protocol.md §2. */
const JSON_TYPE = "application/json;charset=utf-8";
const FORM_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";
/** Statuses worth another try (429 and 503 honour `Retry-After`, capped at `MAX_RETRY_AFTER_MS`). */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const MAX_RETRY_AFTER_MS = 10_000;

/** The default backoff: 300 ms, 600 ms, 1.2 s… capped at 10 s, each between half and the full value. */
function defaultRetryDelay(attempt: number): number {
  const full = Math.min(300 * 2 ** (attempt - 1), 10_000);
  return full / 2 + (Math.random() * full) / 2;
}

/**
 * Creates the REST transport (docs/protocol.md §2): a ky instance with `prefixUrl` = apiUrl, `.json` paths, `CB-SDK`,
 * `CB-Token` (asked from `getToken()` at request time) or `CB-AuthKey`, JSON bodies for POST/PUT, GET query and
 * DELETE form body via `encodeQuery`. Failures become `ChatError`s: `timeout`, `network`, the HTTP mapping of
 * `chatErrorFromHttp`, or `protocol` for a body that is not JSON. GET/PUT/DELETE (and POSTs marked `idempotent`)
 * are retried with backoff on 408/429/5xx and network failures. A 401 "Required session does not exist" calls
 * `onSessionExpired()` once and retries the request once with the token it returns (or `getToken()` again).
 */
export function createHttp(options: HttpOptions): Http {
  const retries = options.retries ?? 2;
  const instance: KyInstance = ky.create({
    prefixUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 15_000,
    throwHttpErrors: true,
    headers: { "CB-SDK": SDK_HEADER },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let renewal: Promise<string | null> | null = null;

  /** One renewal shared by every request that meets the expired session while it runs. */
  const renew = (): Promise<string | null> => {
    renewal ??= (async () => {
      try {
        return (await options.onSessionExpired?.()) ?? null;
      } finally {
        renewal = null;
      }
    })();
    return renewal;
  };

  /** Sends one logical request (ky retries included); `sent.token` records the last token it carried. */
  const send = async (
    request: RestRequest,
    token: string | undefined,
    sent: { token?: string | null } = {},
  ): Promise<unknown> => {
    const auth = request.auth ?? "token";
    const headers: Record<string, string> = {};
    let url = `${request.path}.json`;
    let body: string | undefined;
    if (hasJsonBody(request)) {
      headers["Content-Type"] = JSON_TYPE;
      body = JSON.stringify(request.body ?? {});
    } else {
      headers["Content-Type"] = FORM_TYPE;
      const params = typeof request.params === "string" ? request.params : encodeQuery(request.params ?? {});
      if (request.method === "GET" && params !== "") url += `?${params}`;
      if (request.method === "DELETE" && params !== "") body = params;
    }
    if (auth === "authKey") headers["CB-AuthKey"] = options.authKey;
    const retryable = request.method !== "POST" || (hasJsonBody(request) && request.idempotent === true);
    const kyOptions: Options = {
      method: request.method,
      headers,
      body,
      retry: {
        limit: retryable ? retries : 0,
        methods: retryable ? [request.method.toLowerCase()] : [],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: [429, 503],
        maxRetryAfter: MAX_RETRY_AFTER_MS,
        delay: options.retryDelay ?? defaultRetryDelay,
      },
      hooks: {
        beforeRequest: [
          async (req) => {
            if (auth !== "token") return;
            const current = token ?? (await readToken(options));
            sent.token = current;
            if (current) req.headers.set("CB-Token", current);
            else req.headers.delete("CB-Token");
          },
        ],
      },
    };
    let response: Response;
    try {
      response = await instance(url, kyOptions);
    } catch (error) {
      throw await restErrorFrom(error);
    }
    if (request.expect === "none") {
      await response.arrayBuffer().catch(() => undefined); // drained, so the connection can be reused
      return undefined;
    }
    return readJson(response, request);
  };

  /** One logical request, its session renewal included. */
  const attempt = async (request: RestRequest): Promise<unknown> => {
    const sent: { token?: string | null } = {};
    try {
      return await send(request, request.token, sent);
    } catch (error) {
      const canRenew =
        (request.auth ?? "token") === "token" && request.renewSession !== false && options.onSessionExpired;
      if (!canRenew || !isSessionExpired(error)) throw error;
      // Another request renewed the session while this one was on the wire: retry with that token, no renewal.
      const current = request.token === undefined && !renewal ? await readToken(options) : null;
      if (current && current !== sent.token) return send(request, current);
      let renewed: string | null;
      try {
        renewed = await renew();
      } catch (renewError) {
        throw toChatError(renewError, "unauthorized");
      }
      return send(request, renewed ?? undefined);
    }
  };

  return {
    async request(request) {
      const scope = options.scope?.();
      const stale = () => options.scope !== undefined && options.scope() !== scope;
      const outcome = await attempt(request).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if (stale()) throw new ChatError("cancelled", `Signed out while ${request.method} /${request.path} was answered`);
      if ("error" in outcome) throw outcome.error;
      return outcome.value;
    },
  };
}

function hasJsonBody(request: RestRequest): request is RestBodyRequest {
  return request.method === "POST" || request.method === "PUT";
}

async function readToken(options: HttpOptions): Promise<string | null | undefined> {
  try {
    return await options.getToken();
  } catch (error) {
    throw toChatError(error, "unauthorized");
  }
}

/** The parsed body of a 2xx answer: undefined when empty, a `protocol` error when it is not JSON. */
async function readJson(response: Response, request: RestRequest): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toChatError(error, "network");
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ChatError(
      "protocol",
      `${request.method} /${request.path}.json answered ${response.status} with a body that is not JSON`,
      {
        status: response.status,
        details: { body: text.slice(0, 500) },
        cause: error,
      },
    );
  }
}
