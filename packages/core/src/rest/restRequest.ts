import type { QueryParams } from "./dto/encodeQuery.js";

/** A `fetch` implementation: the global one, a test fake, or a framework's SSR wrapper. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** How a request proves who it is: the session token (`CB-Token`), the app key (`CB-AuthKey`, signup) or nothing. */
export type RestAuth = "token" | "authKey" | "none";

/** Fields every REST request has. */
interface RestRequestBase {
  /** Resource path without the leading slash and without `.json`, e.g. `chat/Dialog/5f0c…`; `.json` is appended. */
  path: string;
  /** Default `token`. */
  auth?: RestAuth;
  /** Use this token instead of asking `getToken()` (e.g. right after the session was created). */
  token?: string;
  /** Renew an expired session through `onSessionExpired` and retry once (default true for `token` auth). */
  renewSession?: boolean;
  /** `none` skips reading the body (endpoints that answer 200 with nothing useful). Default `json`. */
  expect?: "json" | "none";
}

/** A GET or DELETE: parameters go in the query (GET) or in an x-www-form-urlencoded body (DELETE). */
export interface RestParamsRequest extends RestRequestBase {
  method: "GET" | "DELETE";
  /** Encoded with `encodeQuery`; a string is taken as already encoded. */
  params?: QueryParams | string;
}

/** A POST or PUT with a JSON body. */
export interface RestBodyRequest extends RestRequestBase {
  method: "POST" | "PUT";
  /** The JSON body. */
  body?: Readonly<Record<string, unknown>>;
  /**
   * POST only: the request may be retried like a PUT because repeating it changes nothing (a message with a
   * client-generated `_id`, a session, a subscription). PUT is always retried.
   */
  idempotent?: boolean;
}

/** One REST call as the resource groups describe it to `Http`. */
export type RestRequest = RestParamsRequest | RestBodyRequest;

/** The fetch-backed transport every resource group uses. */
export interface Http {
  /** Sends a request; resolves with the parsed JSON body (undefined when empty), rejects with a `ChatError`. */
  request(request: RestRequest): Promise<unknown>;
}
