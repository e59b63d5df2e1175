import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, newClient, PASSWORD, rejection, signedIn, tokenOf, uniqueLogin } from "./helpers.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

const EXPIRED = { errors: { base: ["Required session does not exist"] } };

describe("sessions and login (SDK)", () => {
  test("signup with the auth key, then a user session with login and password", async () => {
    const cc = newClient(server);
    const login = uniqueLogin("signup");
    // No session yet: the SDK sends CB-AuthKey.
    const { user } = await cc.users.signup({ login, password: PASSWORD, full_name: "Sign Up" });
    expect(user).toMatchObject({ login, full_name: "Sign Up" });
    const session = await cc.createSession({ login, password: PASSWORD });
    expect(session.user_id).toBe(user.id);
    expect(session.user).toMatchObject({ id: user.id, login });
    expect(typeof session.token).toBe("string");
    const again = await cc.getSession();
    expect(again.token).toBe(session.token);
  });

  test("an unknown login is signed up on the fly; a wrong password is 401 Unauthorized", async () => {
    const cc = newClient(server);
    const login = uniqueLogin("fly");
    const session = await cc.createSession({ login, password: PASSWORD });
    expect(session.user?.login).toBe(login);
    const error = await rejection(newClient(server).createSession({ login, password: "wrong-password" }));
    expect(error).toEqual({ code: 401, info: { errors: { base: ["Unauthorized"] } } });
  });

  test("login upgrades an application session and logout downgrades it", async () => {
    const { login, user } = await signedIn(server, "upgrade");
    const cc = newClient(server);
    const appSession = await cc.createSession();
    expect(appSession.user_id).toBe(0);
    const loggedIn = await cc.login({ login, password: PASSWORD });
    expect(loggedIn.id).toBe(user.id);
    expect((await cc.getSession()).user_id).toBe(user.id);
    await cc.logout();
    expect((await cc.getSession()).user_id).toBe(0);
    const bad = await rejection(cc.login({ login, password: "nope-nope" }));
    expect(bad.code).toBe(401);
  });

  test("email sessions and destroySession", async () => {
    const cc = newClient(server);
    const email = `${uniqueLogin("mail")}@example.com`;
    await cc.createSession();
    await cc.users.signup({ email, password: PASSWORD });
    const session = await cc.createSession({ email, password: PASSWORD });
    expect(session.user?.email).toBe(email);
    const token = tokenOf(cc);
    await cc.destroySession();
    const after = await api(server, "GET", "/session.json", { token });
    expect(after).toMatchObject({ status: 401, body: EXPIRED });
  });

  test("guest sessions get a guest user", async () => {
    const cc = newClient(server);
    const session = await cc.createSession({ guest: "1", full_name: "Visitor" });
    expect(session.user).toMatchObject({ full_name: "Visitor", is_guest: true });
  });

  test("a wrong auth key or application id is refused", async () => {
    const wrongKey = await api(server, "POST", "/session.json", {
      json: { application_id: server.appId, auth_key: "nope" },
    });
    expect(wrongKey.status).toBe(401);
    const wrongApp = await api(server, "POST", "/session.json", {
      json: { application_id: 999, auth_key: server.authKey },
    });
    expect(wrongApp.status).toBe(422);
    const signup = await api(server, "POST", "/users.json", {
      headers: { "CB-AuthKey": "nope" },
      json: { user: { login: uniqueLogin(), password: PASSWORD } },
    });
    expect(signup.status).toBe(401);
  });

  test("signup validation answers 422 with field errors", async () => {
    const cc = newClient(server);
    const short = await rejection(cc.users.signup({ login: "ab", password: PASSWORD }));
    expect(short.code).toBe(422);
    expect(short.info).toEqual({ errors: { login: [expect.stringContaining("wrong length")] } });
    const login = uniqueLogin("dup");
    await cc.users.signup({ login, password: PASSWORD });
    const taken = await rejection(cc.users.signup({ login, password: PASSWORD }));
    expect(taken).toEqual({ code: 422, info: { errors: { login: ["has already been taken"] } } });
  });
});

describe("tokens", () => {
  test("no token, an unknown token and an expired token answer 401 with the exact body", async () => {
    expect(await api(server, "GET", "/chat/Dialog.json")).toMatchObject({ status: 401, body: EXPIRED });
    expect(await api(server, "GET", "/chat/Dialog.json", { token: "deadbeef" })).toMatchObject({
      status: 401,
      body: EXPIRED,
    });

    let now = Date.now();
    const short = await startServer({ port: 0, sessionTtlMs: 1000, clock: () => now });
    try {
      const { cc } = await signedIn(short, "ttl");
      const token = tokenOf(cc);
      now += 900;
      const ok = await api(short, "GET", "/chat/Dialog.json", { token });
      expect(ok.status).toBe(200);
      // Each request extends the token: 900 ms later it still lives although 1800 ms passed since login.
      now += 900;
      const extended = await api(short, "GET", "/chat/Dialog.json", { token });
      expect(extended.status).toBe(200);
      expect(Date.parse(extended.headers.get("cb-token-expirationdate") ?? "")).toBe(now + 1000);
      now += 1001;
      expect(await api(short, "GET", "/chat/Dialog.json", { token })).toMatchObject({ status: 401, body: EXPIRED });
      // The SDK reports it the same way (and would call on.sessionExpired).
      const error = await rejection(cc.chat.dialog.list());
      expect(error).toEqual({ code: 401, info: EXPIRED });
    } finally {
      await short.close();
    }
  });

  test("an application session can't use user endpoints", async () => {
    const cc = newClient(server);
    await cc.createSession();
    const error = await rejection(cc.chat.dialog.list());
    expect(error.code).toBe(401);
    expect(error.info).not.toEqual(EXPIRED);
  });
});

describe("session signatures", () => {
  test("with an auth secret, a signature must match; without one it is optional", async () => {
    const secret = "s3cret";
    const signed = await startServer({ port: 0, authSecret: secret });
    try {
      const login = uniqueLogin("sig");
      const params = {
        application_id: signed.appId,
        auth_key: signed.authKey,
        nonce: 42,
        timestamp: Math.floor(Date.now() / 1000),
        user: { login, password: PASSWORD },
      };
      const text = `application_id=${params.application_id}&auth_key=${params.auth_key}&nonce=42&timestamp=${params.timestamp}&user[login]=${login}&user[password]=${PASSWORD}`;
      const signature = createHmac("sha1", secret).update(text).digest("hex");
      const ok = await api(signed, "POST", "/session.json", { json: { ...params, signature } });
      expect(ok.status).toBe(201);
      const bad = await api(signed, "POST", "/session.json", { json: { ...params, signature: "0".repeat(40) } });
      expect(bad).toMatchObject({ status: 422, body: { errors: { signature: ["is invalid"] } } });
      const unsigned = await api(signed, "POST", "/session.json", {
        json: { application_id: signed.appId, auth_key: signed.authKey },
      });
      expect(unsigned.status).toBe(201);
    } finally {
      await signed.close();
    }
  });
});

describe("transport", () => {
  test("CORS preflight and headers", async () => {
    const response = await fetch(`${server.apiUrl}/chat/Dialog.json`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "cb-token, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const name of ["cb-token", "cb-authkey", "cb-sdk", "content-type", "connectycube-rest-api-version"])
      expect(allowed).toContain(name);
    const normal = await api(server, "GET", "/");
    expect(normal.headers.get("access-control-allow-origin")).toBe("*");
    expect(normal.body).toMatchObject({ name: "chatcube-server" });
  });

  test("bad JSON is 400, an unknown route 404, an oversized body 413", async () => {
    const { cc } = await signedIn(server, "transport");
    const token = tokenOf(cc);
    const bad = await api(server, "POST", "/chat/Dialog.json", {
      token,
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.base[0]).toMatch(/JSON/);
    const missing = await api(server, "GET", "/nothing/here.json", { token });
    expect(missing.status).toBe(404);
    expect(missing.body.errors.base).toHaveLength(1);
    const huge = await api(server, "POST", "/chat/Dialog.json", {
      token,
      json: { name: "x".repeat(1024 * 1024 + 10), type: 2 },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.errors.base).toHaveLength(1);
  });
});
