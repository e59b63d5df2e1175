import type { FetchLike } from "./restRequest.js";

/** An answer outside 2xx; `restErrorFrom` maps it through `chatErrorFromHttp`. */
export class HttpStatusError extends Error {
  override name = "HTTPError";
  constructor(
    readonly response: Response,
    readonly method: string,
  ) {
    super(`Request failed with status code ${response.status}: ${method} ${response.url}`);
  }
}

/** No answer within the per-attempt timeout. */
export class RequestTimeoutError extends Error {
  override name = "TimeoutError";
}

/** When a request is tried again. */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  limit: number;
  /** Statuses worth another try. */
  statusCodes: readonly number[];
  /** Statuses whose `Retry-After` sets the wait, capped at `maxRetryAfter`. */
  afterStatusCodes: readonly number[];
  maxRetryAfter: number;
  /** The wait before retry number `attempt` (1, 2, …) otherwise. */
  delay(attempt: number): number;
}

/** One logical request: what goes on the wire, and what to do before each attempt (e.g. set the token). */
export interface RetriedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  beforeAttempt?: (headers: Headers) => void | Promise<void>;
}

/**
 * `fetch` with a per-attempt timeout and retries (docs/protocol.md §2): a 2xx answer resolves; an answer in
 * `statusCodes` or a failed fetch (a `TypeError`, a reset) is tried again up to `limit` times, after `Retry-After`
 * (for `afterStatusCodes`) or `delay(attempt)`; any other answer rejects with `HttpStatusError`, a timeout with
 * `RequestTimeoutError` (never retried: the server may have done the work).
 */
export async function fetchWithRetry(fetchImpl: FetchLike, request: RetriedRequest): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(request.headers);
    await request.beforeAttempt?.(headers);
    const last = attempt >= request.retry.limit;
    let wait: number;
    try {
      const response = await fetchOnce(fetchImpl, request, headers);
      if (response.ok) return response;
      if (last || !request.retry.statusCodes.includes(response.status)) {
        throw new HttpStatusError(response, request.method);
      }
      wait = retryAfter(response, request.retry) ?? request.retry.delay(attempt + 1);
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      if (last || error instanceof HttpStatusError || error instanceof RequestTimeoutError) throw error;
      wait = request.retry.delay(attempt + 1);
    }
    await new Promise((resolve) => globalThis.setTimeout(resolve, wait));
  }
}

async function fetchOnce(fetchImpl: FetchLike, request: RetriedRequest, headers: Headers): Promise<Response> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = globalThis.setTimeout(() => {
      const error = new RequestTimeoutError(`Request timed out: ${request.method} ${request.url}`);
      reject(error);
      controller.abort(error);
    }, request.timeoutMs);
  });
  try {
    const init = { method: request.method, headers, body: request.body, signal: controller.signal };
    return await Promise.race([fetchImpl(new Request(request.url, init)), timeout]);
  } finally {
    globalThis.clearTimeout(timer);
  }
}

/** The wait `Retry-After` asks for (seconds, a date, or a timestamp), capped; undefined when it does not apply. */
function retryAfter(response: Response, retry: RetryPolicy): number | undefined {
  const header = response.headers.get("Retry-After");
  if (header === null || !retry.afterStatusCodes.includes(response.status)) return undefined;
  let after = Number(header) * 1000;
  if (Number.isNaN(after)) after = Date.parse(header) - Date.now();
  else if (after >= Date.parse("2024-01-01")) after -= Date.now();
  if (Number.isNaN(after)) return undefined;
  return Math.max(0, Math.min(after, retry.maxRetryAfter));
}
