import { describe, expect, it } from "@jest/globals";
import { createFakeFetch, type FakeReply } from "../testing/createFakeFetch.js";
import { fetchWithRetry, HttpStatusError, RequestTimeoutError, type RetryPolicy } from "./fetchWithRetry.js";

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  limit: 2,
  statusCodes: [429, 503],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 10_000,
  delay: () => 0,
  ...overrides,
});

function run(script: FakeReply[], retry = policy(), timeoutMs = 1_000) {
  const fake = createFakeFetch(...script);
  const done = fetchWithRetry(fake.fetch, {
    url: "http://api.test/chat/Dialog.json",
    method: "GET",
    headers: { "CB-SDK": "chatcube" },
    timeoutMs,
    retry,
    beforeAttempt: (headers) => headers.set("CB-Token", `T${fake.requests.length + 1}`),
  });
  return { done, requests: fake.requests };
}

describe("fetchWithRetry", () => {
  it("runs beforeAttempt on fresh headers for every attempt", async () => {
    const { done, requests } = run([{ status: 503, json: {} }, { json: { ok: true } }]);
    expect((await done).status).toBe(200);
    expect(requests.map((r) => r.headers["cb-token"])).toEqual(["T1", "T2"]);
    expect(requests[1].headers["cb-sdk"]).toBe("chatcube");
  });

  it("rejects a status it does not retry at once, and the last retryable one after `limit` retries", async () => {
    const refused = run([{ status: 404, json: {} }]);
    await expect(refused.done).rejects.toBeInstanceOf(HttpStatusError);
    expect(refused.requests).toHaveLength(1);
    const busy = run([
      { status: 503, json: {} },
      { status: 503, json: {} },
      { status: 503, json: {} },
    ]);
    const error = (await busy.done.catch((e: unknown) => e)) as HttpStatusError;
    expect(error.response.status).toBe(503);
    expect(busy.requests).toHaveLength(3);
  });

  it("never retries a timeout (the server may have done the work)", async () => {
    const { done, requests } = run(["hang", { json: {} }], policy(), 20);
    await expect(done).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(requests).toHaveLength(1);
  });

  it("waits what Retry-After says, capped at maxRetryAfter, and retries a failed fetch", async () => {
    const waits: number[] = [];
    const started = Date.now();
    const capped = run(
      [{ status: 429, headers: { "Retry-After": "3600" }, json: {} }, new TypeError("fetch failed"), { json: {} }],
      policy({ maxRetryAfter: 30, delay: (attempt) => (waits.push(attempt), 0) }),
    );
    expect((await capped.done).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(waits).toEqual([2]); // the 429 waited Retry-After; the failed fetch used delay(2)
  });
});
