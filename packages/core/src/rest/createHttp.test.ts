import {
  createFakeFetch,
  errorBody,
  type FakeReply,
  SESSION_EXPIRED_REPLY,
} from "@chatcube/test-utils/core/createFakeFetch.js";
import { describe, expect, it, jest } from "@jest/globals";
import { ChatError } from "../errors/ChatError.js";
import { createHttp, type HttpOptions, SDK_HEADER } from "./createHttp.js";

const API = "http://api.test";

function setup(script: FakeReply[], options: Partial<HttpOptions> = {}) {
  const fake = createFakeFetch(...script);
  const http = createHttp({
    apiUrl: API,
    authKey: "KEY",
    getToken: () => "T1",
    fetch: fake.fetch,
    retryDelay: () => 0,
    ...options,
  });
  return { http, requests: fake.requests, fake };
}

async function failure(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error("expected a rejection");
}

describe("createHttp: requests on the wire", () => {
  it("GET: .json path, bracket query, CB-SDK and CB-Token headers, form content type", async () => {
    const { http, requests } = setup([{ json: { items: [] } }]);
    const body = await http.request({
      method: "GET",
      path: "chat/Dialog",
      params: { limit: 100, updated_at: { gt: 1700000000 } },
    });
    expect(body).toEqual({ items: [] });
    expect(requests[0]).toMatchObject({
      method: "GET",
      path: "/chat/Dialog.json",
      query: "limit=100&updated_at[gt]=1700000000",
      body: "",
    });
    expect(requests[0].headers).toMatchObject({
      "cb-sdk": SDK_HEADER,
      "cb-token": "T1",
      "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
    });
    expect(requests[0].headers["cb-authkey"]).toBeUndefined();
  });

  it("asks getToken() at request time and sends no CB-Token when there is none", async () => {
    let token: string | null = "A";
    const { http, requests } = setup([{ json: {} }, { json: {} }], { getToken: async () => token });
    await http.request({ method: "GET", path: "session" });
    token = null;
    await http.request({ method: "GET", path: "session" });
    expect(requests[0].headers["cb-token"]).toBe("A");
    expect(requests[1].headers["cb-token"]).toBeUndefined();
  });

  it("POST/PUT send JSON; signup-style requests send CB-AuthKey instead of CB-Token", async () => {
    const { http, requests } = setup([{ status: 201, json: { user: { id: 1 } } }, { json: {} }]);
    await http.request({ method: "POST", path: "users", auth: "authKey", body: { user: { login: "al" } } });
    await http.request({ method: "PUT", path: "chat/Message", body: { read: 1, chat_dialog_id: "D" } });
    expect(requests[0].headers).toMatchObject({
      "cb-authkey": "KEY",
      "content-type": "application/json;charset=utf-8",
    });
    expect(requests[0].headers["cb-token"]).toBeUndefined();
    expect(JSON.parse(requests[0].body)).toEqual({ user: { login: "al" } });
    expect(requests[1]).toMatchObject({ method: "PUT", path: "/chat/Message.json" });
    expect(JSON.parse(requests[1].body)).toEqual({ read: 1, chat_dialog_id: "D" });
  });

  it("DELETE sends its parameters as an x-www-form-urlencoded body, not a query", async () => {
    const { http, requests } = setup([{ status: 200, text: "" }]);
    const body = await http.request({ method: "DELETE", path: "chat/Dialog/abc", params: { force: 1 } });
    expect(body).toBeUndefined();
    expect(requests[0]).toMatchObject({ method: "DELETE", path: "/chat/Dialog/abc.json", query: "", body: "force=1" });
    expect(requests[0].headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=UTF-8");
  });

  it("keeps a path prefix of apiUrl", async () => {
    const { http, requests } = setup([{ json: {} }], { apiUrl: "http://api.test/v1/" });
    await http.request({ method: "GET", path: "session", auth: "none" });
    expect(requests[0].path).toBe("/v1/session.json");
    expect(requests[0].headers["cb-token"]).toBeUndefined();
  });

  it("a 2xx body that is not JSON is a protocol error; expect: none ignores the body", async () => {
    const { http } = setup([{ text: "<html>oops</html>" }, { text: "OK" }]);
    const error = await failure(http.request({ method: "GET", path: "chat/Dialog" }));
    expect(error.code).toBe("protocol");
    expect(error.details?.body).toBe("<html>oops</html>");
    await expect(http.request({ method: "PUT", path: "chat/Message", expect: "none" })).resolves.toBeUndefined();
  });
});

describe("createHttp: errors", () => {
  it("maps HTTP errors through chatErrorFromHttp", async () => {
    const { http } = setup([
      { status: 422, json: { errors: { name: ["can't be blank"] } } },
      { status: 404, json: errorBody("Dialog not found") },
      { status: 403, text: "no" },
    ]);
    const invalid = await failure(http.request({ method: "POST", path: "chat/Dialog", body: {} }));
    expect(invalid).toMatchObject({
      code: "validation",
      status: 422,
      details: { fields: { name: ["can't be blank"] } },
    });
    const missing = await failure(http.request({ method: "GET", path: "chat/Dialog/x" }));
    expect(missing).toMatchObject({ code: "not-found", status: 404, message: "Dialog not found" });
    expect(await failure(http.request({ method: "GET", path: "x" }))).toMatchObject({
      code: "forbidden",
      message: "no",
    });
  });

  it("a failed fetch is a network error, retried for idempotent methods", async () => {
    const { http, requests } = setup([
      new TypeError("fetch failed"),
      new TypeError("fetch failed"),
      new TypeError("fetch failed"),
    ]);
    const error = await failure(http.request({ method: "GET", path: "chat/Dialog" }));
    expect(error.code).toBe("network");
    expect(requests).toHaveLength(3);
  });

  it("a timeout is a timeout error", async () => {
    const { http } = setup(["hang"], { timeoutMs: 30 });
    expect((await failure(http.request({ method: "GET", path: "chat/Dialog" }))).code).toBe("timeout");
  });
});

describe("createHttp: retries", () => {
  it("retries GET/PUT/DELETE on 429 and 5xx, then succeeds", async () => {
    const { http, requests } = setup([
      { status: 503, json: errorBody("busy") },
      { status: 429, headers: { "Retry-After": "0" }, json: errorBody("slow down") },
      { json: { ok: 1 } },
      { status: 500, text: "" },
      { json: {} },
    ]);
    await expect(http.request({ method: "GET", path: "chat/Dialog" })).resolves.toEqual({ ok: 1 });
    await http.request({ method: "DELETE", path: "chat/Message/a", params: { force: 1 } });
    expect(requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "DELETE", "DELETE"]);
    expect(requests[4].body).toBe("force=1");
  });

  it("gives up after `retries` with the last error, and never retries a 4xx", async () => {
    const { http, requests } = setup(
      [
        { status: 502, text: "" },
        { status: 502, text: "" },
        { status: 400, json: errorBody("bad") },
      ],
      { retries: 1 },
    );
    expect(await failure(http.request({ method: "GET", path: "a" }))).toMatchObject({ code: "server", status: 502 });
    expect(await failure(http.request({ method: "GET", path: "b" }))).toMatchObject({
      code: "validation",
      status: 400,
    });
    expect(requests).toHaveLength(3);
  });

  it("retries a POST only when marked idempotent", async () => {
    const { http, requests } = setup([
      { status: 503, text: "" },
      { status: 503, text: "" },
      { status: 201, json: { _id: "m" } },
    ]);
    expect((await failure(http.request({ method: "POST", path: "chat/Dialog", body: {} }))).code).toBe("server");
    await expect(
      http.request({ method: "POST", path: "chat/Message", body: { _id: "m" }, idempotent: true }),
    ).resolves.toEqual({ _id: "m" });
    expect(requests.map((r) => r.path)).toEqual(["/chat/Dialog.json", "/chat/Message.json", "/chat/Message.json"]);
  });

  it("waits retryDelay(attempt) between attempts", async () => {
    const retryDelay = jest.fn((attempt: number) => attempt);
    const { http } = setup([{ status: 500, text: "" }, { status: 500, text: "" }, { json: {} }], { retryDelay });
    await http.request({ method: "GET", path: "a" });
    expect(retryDelay.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2]);
  });
});

describe("createHttp: session expiry", () => {
  it("calls onSessionExpired once and retries once with the token it returns", async () => {
    const onSessionExpired = jest.fn(async () => "T2");
    const { http, requests } = setup([SESSION_EXPIRED_REPLY, { json: { items: [] } }], { onSessionExpired });
    await expect(http.request({ method: "GET", path: "chat/Dialog" })).resolves.toEqual({ items: [] });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers["cb-token"])).toEqual(["T1", "T2"]);
  });

  it("asks getToken() again when onSessionExpired returns nothing", async () => {
    let token = "old";
    const { http, requests } = setup([SESSION_EXPIRED_REPLY, { json: {} }], {
      getToken: () => token,
      onSessionExpired: () => {
        token = "new";
      },
    });
    await http.request({ method: "POST", path: "chat/Dialog", body: { type: 2 } });
    expect(requests.map((r) => r.headers["cb-token"])).toEqual(["old", "new"]);
    expect(requests[1].body).toBe(requests[0].body);
  });

  it("shares one renewal between concurrent requests", async () => {
    let release: (token: string) => void = () => {};
    const onSessionExpired = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const { http, requests } = setup(
      [SESSION_EXPIRED_REPLY, SESSION_EXPIRED_REPLY, { json: { n: 1 } }, { json: { n: 2 } }],
      { onSessionExpired },
    );
    const both = Promise.all([http.request({ method: "GET", path: "a" }), http.request({ method: "GET", path: "b" })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release("T2");
    expect(await both).toHaveLength(2);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(requests.slice(2).map((r) => r.headers["cb-token"])).toEqual(["T2", "T2"]);
  });

  it("retries with the current token, without renewing, when another request already replaced the expired one", async () => {
    const onSessionExpired = jest.fn(async () => "T3");
    const tokens = ["T1", "T2"];
    const { http, requests } = setup([SESSION_EXPIRED_REPLY, { json: {} }], {
      onSessionExpired,
      getToken: () => tokens.shift() ?? "T2",
    });
    await http.request({ method: "GET", path: "a" });
    expect(requests.map((r) => r.headers["cb-token"])).toEqual(["T1", "T2"]);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it("retries only once: a second expiry is the caller's error", async () => {
    const onSessionExpired = jest.fn(async () => "T2");
    const { http, requests } = setup([SESSION_EXPIRED_REPLY, SESSION_EXPIRED_REPLY], { onSessionExpired });
    const error = await failure(http.request({ method: "GET", path: "a" }));
    expect(error).toMatchObject({ code: "unauthorized", status: 401, details: { sessionExpired: true } });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it("does not renew for another 401, for authKey requests, or when told not to", async () => {
    const onSessionExpired = jest.fn(async () => "T2");
    const { http } = setup(
      [{ status: 401, json: errorBody("Forbidden. Need user.") }, SESSION_EXPIRED_REPLY, SESSION_EXPIRED_REPLY],
      { onSessionExpired },
    );
    expect((await failure(http.request({ method: "GET", path: "a" }))).details?.sessionExpired).toBeUndefined();
    expect((await failure(http.request({ method: "POST", path: "users", auth: "authKey", body: {} }))).code).toBe(
      "unauthorized",
    );
    expect((await failure(http.request({ method: "DELETE", path: "session", renewSession: false }))).code).toBe(
      "unauthorized",
    );
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it("a failing renewal rejects with its own error", async () => {
    const { http } = setup([SESSION_EXPIRED_REPLY], {
      onSessionExpired: async () => {
        throw new ChatError("unauthorized", "bad password");
      },
    });
    expect(await failure(http.request({ method: "GET", path: "a" }))).toMatchObject({
      code: "unauthorized",
      message: "bad password",
    });
  });
});

describe("createHttp: the sign-in a request belongs to", () => {
  it("an answer that comes back after a sign-out is refused as cancelled, a success or a failure alike", async () => {
    let signIn = 1;
    const fake = createFakeFetch(
      { json: { items: ["the previous user's"] } },
      { status: 404, json: errorBody("gone") },
    );
    const http = createHttp({
      apiUrl: API,
      authKey: "KEY",
      getToken: () => "T1",
      retryDelay: () => 0,
      scope: () => signIn,
      fetch: async (input, init) => {
        const answer = await fake.fetch(input, init);
        signIn++; // signed out (and maybe in as someone else) while the answer was on its way
        return answer;
      },
    });
    for (const path of ["chat/Dialog", "chat/Dialog/x"]) {
      const error = await failure(http.request({ method: "GET", path }));
      expect(error.code).toBe("cancelled");
      expect(error.message).toContain(path);
    }
    expect(fake.requests).toHaveLength(2); // refused, not retried
  });

  it("a request made and answered in one sign-in is untouched", async () => {
    const { http } = setup([{ json: { ok: true } }], { scope: () => 1 });
    expect(await http.request({ method: "GET", path: "chat/Dialog" })).toEqual({ ok: true });
  });
});
