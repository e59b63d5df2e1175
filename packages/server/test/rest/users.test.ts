import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, rejection, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe("users", () => {
  test("get by id, update self, not others", async () => {
    const alice = await signedIn(server, "alice", { full_name: "Alice A" });
    const bob = await signedIn(server, "bob");
    const fetched = await api(server, "GET", `/users/${alice.user.id}.json`, { token: tokenOf(bob.cc) });
    expect(fetched).toMatchObject({ status: 200, body: { user: { id: alice.user.id, full_name: "Alice A" } } });
    expect(fetched.body.user.password).toBeUndefined();

    const { user } = await alice.cc.users.update({
      full_name: "Alice Updated",
      custom_data: '{"a":1}',
      tag_list: ["x", "y"],
    });
    expect(user).toMatchObject({ id: alice.user.id, full_name: "Alice Updated", custom_data: '{"a":1}' });

    const other = await api(server, "PUT", `/users/${alice.user.id}.json`, {
      token: tokenOf(bob.cc),
      json: { user: { full_name: "Hacked" } },
    });
    expect(other.status).toBe(403);
    expect((await api(server, "GET", `/users/999999.json`, { token: tokenOf(bob.cc) })).status).toBe(404);
  });

  test("changing the password needs the old one", async () => {
    const carol = await signedIn(server, "carol");
    const wrong = await rejection(carol.cc.users.update({ password: "new-password-1", old_password: "nope" }));
    expect(wrong.code).toBe(422);
    await carol.cc.users.update({ password: "new-password-1", old_password: "password123" });
    const session = await carol.cc.createSession({ login: carol.login, password: "new-password-1" });
    expect(session.user_id).toBe(carol.user.id);
  });

  test("v2 list: id[in][], login, full_name[start_with], paging, sorting", async () => {
    const a = await signedIn(server, "v2", { full_name: "Zed Alpha" });
    const b = await signedIn(server, "v2", { full_name: "Zed Beta" });
    const c = await signedIn(server, "v2", { full_name: "Other" });
    const ids = [a.user.id, b.user.id, c.user.id];

    const byIds = await a.cc.users.getV2({ id: { in: ids } });
    expect(byIds.items.map((u) => u.id)).toEqual(ids);
    expect(byIds).toMatchObject({ total_entries: 3, skip: 0, limit: 100 });

    const byLogin = await a.cc.users.getV2({ login: b.login });
    expect(byLogin.items.map((u) => u.id)).toEqual([b.user.id]);

    const byName = await a.cc.users.getV2({ full_name: { start_with: "zed" }, sort_desc: "id" } as never);
    expect(byName.items.map((u) => u.id)).toEqual([b.user.id, a.user.id]);

    const paged = await a.cc.users.getV2({ id: { in: ids }, limit: 2, offset: 2 });
    expect(paged.items.map((u) => u.id)).toEqual([c.user.id]);
    expect(paged.total_entries).toBe(3);

    const since = await a.cc.users.getV2({
      id: { in: ids },
      created_at: { gte: Math.floor(Date.now() / 1000) - 60 },
    } as never);
    expect(since.items).toHaveLength(3);
  });

  test("legacy list, by_login and external lookups", async () => {
    const d = await signedIn(server, "legacy", { full_name: "Legacy Person", external_user_id: 777123 });
    const list = await d.cc.users.get({ filter: { field: "id", param: "in", value: [d.user.id] } });
    expect(list).toMatchObject({ current_page: 1, total_entries: 1, items: [{ user: { id: d.user.id } }] });
    const byLogin = await d.cc.users.get({ login: d.login });
    expect(byLogin).toMatchObject({ user: { id: d.user.id } });
    const byName = await api(server, "GET", "/users/by_full_name.json?full_name=legacy%20pers", {
      token: tokenOf(d.cc),
    });
    expect(byName.body.items.map((i: { user: { id: number } }) => i.user.id)).toContain(d.user.id);
    const external = await api(server, "GET", "/users/external/777123.json", { token: tokenOf(d.cc) });
    expect(external.body.user.id).toBe(d.user.id);
  });

  test("online list and count come from the chat hub", async () => {
    const e = await signedIn(server, "online");
    const hub = server.context.chat;
    const original = hub.isOnline;
    hub.isOnline = (id) => id === e.user.id;
    try {
      expect(await e.cc.users.getOnlineCount()).toEqual({ count: 1 });
      const online = await e.cc.users.listOnline();
      expect(online.users.map((u) => u.id)).toEqual([e.user.id]);
    } finally {
      hub.isOnline = original;
    }
  });

  test("password reset answers 200 and delete removes only yourself", async () => {
    const f = await signedIn(server, "gone");
    const g = await signedIn(server, "stays");
    await f.cc.users.resetPassword("someone@example.com");
    const other = await api(server, "DELETE", `/users/${g.user.id}.json`, { token: tokenOf(f.cc) });
    expect(other.status).toBe(403);
    await f.cc.users.delete();
    const gone = await api(server, "GET", `/users/${f.user.id}.json`, { token: tokenOf(g.cc) });
    expect(gone.status).toBe(404);
  });
});
