// Test-only helper (imported by *.test.ts, never by the library): a REST client over a scripted fetch.
import { ChatError } from "../../../core/src/errors/ChatError.js";
import { createRestClient, type RestClient, type RestClientOptions } from "../../../core/src/rest/createRestClient.js";
import { createFakeFetch, type FakeReply, type RecordedRequest } from "./createFakeFetch.js";

/** The client, the requests it made and the list items it rejected. */
export interface TestRestClient {
  rest: RestClient;
  requests: RecordedRequest[];
  rejected: ChatError[];
}

/** The options of a test REST client for user 101 (token `T`, app 1, key `KEY`) over `fetch`; retries wait 0 ms. */
export function testRestOptions(fetch: RestClientOptions["fetch"]): RestClientOptions {
  return {
    apiUrl: "http://api.test",
    appId: 1,
    authKey: "KEY",
    getToken: () => "T",
    getUserId: () => 101,
    fetch,
    retryDelay: () => 0,
    loadRarelyUsed: () => import("../../../core/src/rest/rarelyUsedRestApis.js"),
  };
}

/** A REST client for user 101 (token `T`, app 1, key `KEY`) whose fetch answers with `script`; retries wait 0 ms. */
export function createTestRestClient(script: FakeReply[], options: Partial<RestClientOptions> = {}): TestRestClient {
  const fake = createFakeFetch(...script);
  const rejected: ChatError[] = [];
  const rest = createRestClient({
    ...testRestOptions(fake.fetch),
    onRejected: (errors) => rejected.push(...errors),
    ...options,
  });
  return { rest, requests: fake.requests, rejected };
}

/** The ChatError a promise rejects with; throws if it resolves or rejects with anything else. */
export async function chatErrorOf(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChatError) return error;
    throw new Error(`expected a ChatError, got ${String(error)}`);
  }
  throw new Error("expected a rejection, but the promise resolved");
}
