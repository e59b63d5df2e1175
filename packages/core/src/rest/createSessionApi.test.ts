import { errorBody, SESSION_EXPIRED_REPLY } from "@chatcube/test-utils/core/createFakeFetch.js";
import { chatErrorOf, createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it, jest } from "@jest/globals";

const SESSION = {
  id: 9,
  application_id: 1,
  token: "NEWTOKEN",
  nonce: 0,
  ts: 1_700_000_000,
  created_at: "2023-11-14T22:13:20.000Z",
};

describe("session.create", () => {
  it("POSTs application_id, auth_key and the user, with no CB-Token, and maps the session", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 201, json: { session: { ...SESSION, user_id: 101, user: wireUser(101) } } },
    ]);
    const session = await rest.session.create({ login: "user101", password: "password1" });
    expect(requests[0]).toMatchObject({ method: "POST", path: "/session.json" });
    expect(requests[0].headers["cb-token"]).toBeUndefined();
    expect(requests[0].headers["cb-authkey"]).toBeUndefined();
    expect(requests[0].headers["cb-sdk"]).toBe("chatcube");
    expect(JSON.parse(requests[0].body)).toEqual({
      application_id: 1,
      auth_key: "KEY",
      user: { login: "user101", password: "password1" },
    });
    expect(session).toMatchObject({
      token: "NEWTOKEN",
      userId: 101,
      user: { id: 101, login: "user101", fullName: "User 101" },
    });
  });

  it("an application session has no user", async () => {
    const { rest, requests } = createTestRestClient([{ status: 201, json: { session: { ...SESSION, user_id: 0 } } }]);
    expect(await rest.session.create()).toEqual({ token: "NEWTOKEN", userId: null, user: null });
    expect(JSON.parse(requests[0].body)).toEqual({ application_id: 1, auth_key: "KEY" });
  });

  it("fetches the user with the new token when the answer does not embed it", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 201, json: { session: { ...SESSION, user_id: 101 } } },
      { json: { user: wireUser(101) } },
    ]);
    const session = await rest.session.create({ email: "a@b.c", password: "password1" });
    expect(session.user?.id).toBe(101);
    expect(requests[1]).toMatchObject({ method: "GET", path: "/users/101.json" });
    expect(requests[1].headers["cb-token"]).toBe("NEWTOKEN");
  });

  it("is retried on 5xx (a lost answer only leaves an unused token)", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 503, text: "" },
      { status: 201, json: { session: { ...SESSION, user_id: 0 } } },
    ]);
    await rest.session.create();
    expect(requests).toHaveLength(2);
  });

  it("a wrong password is unauthorized; a session without token is a protocol error", async () => {
    const { rest } = createTestRestClient([
      { status: 401, json: errorBody("Unauthorized") },
      { status: 201, json: { session: { user_id: 1 } } },
    ]);
    expect(await chatErrorOf(rest.session.create({ login: "x", password: "y" }))).toMatchObject({
      code: "unauthorized",
      status: 401,
    });
    expect((await chatErrorOf(rest.session.create())).code).toBe("protocol");
  });
});

describe("session.get / destroy", () => {
  it("get reads the current session with CB-Token", async () => {
    const { rest, requests } = createTestRestClient([
      { json: { session: { ...SESSION, user_id: 101, user: wireUser(101) } } },
    ]);
    expect((await rest.session.get()).userId).toBe(101);
    expect(requests[0]).toMatchObject({ method: "GET", path: "/session.json" });
    expect(requests[0].headers["cb-token"]).toBe("T");
  });

  it("destroy DELETEs the session; an expired one counts as destroyed and is not renewed", async () => {
    const onSessionExpired = jest.fn(async () => "T2");
    const { rest, requests } = createTestRestClient([{ status: 200, text: "" }, SESSION_EXPIRED_REPLY], {
      onSessionExpired,
    });
    await rest.session.destroy();
    await rest.session.destroy();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /session.json", "DELETE /session.json"]);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
