import { type RunningServer, startServer } from "@chatcube/server";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { isChatError } from "../../src/errors/ChatError.js";
import { DialogType } from "../../src/model/dialog.js";
import { objectId } from "../../src/model/ids.js";
import type { User } from "../../src/model/user.js";
import { createRestClient, type RestClient, type RestClientOptions } from "../../src/rest/createRestClient.js";

const PASSWORD = "password123";
let server: RunningServer;
let now = Date.UTC(2024, 4, 1, 12, 0, 0);
/** Moves the server's clock; 2 s by default, so whole-second `updated_at` / `date_sent` bounds never tie. */
const tick = (ms = 2000) => (now += ms);

interface Account {
  rest: RestClient;
  user: User;
  /** The current token (the app's own session store). */
  token(): string | null;
}

let seq = 0;
/** Signs a new user up (CB-AuthKey) and opens their session, as an app would. */
async function account(target: RunningServer, name: string, extra: Partial<RestClientOptions> = {}): Promise<Account> {
  const login = `${name}_${process.pid}_${++seq}`;
  let token: string | null = null;
  let userId: number | null = null;
  const rest = createRestClient({
    apiUrl: target.apiUrl,
    appId: target.appId,
    authKey: target.authKey,
    getToken: () => token,
    getUserId: () => userId,
    retryDelay: () => 0,
    loadRarelyUsed: () => import("../../src/rest/rarelyUsedRestApis.js"),
    ...extra,
    onSessionExpired: async () => {
      const renewed = await rest.session.create({ login, password: PASSWORD });
      token = renewed.token;
      await extra.onSessionExpired?.();
      return renewed.token;
    },
  });
  const signedUp = await rest.users.signup({ login, password: PASSWORD, fullName: name });
  const session = await rest.session.create({ login, password: PASSWORD });
  expect(session.userId).toBe(signedUp.id);
  token = session.token;
  userId = session.userId;
  return { rest, user: session.user!, token: () => token };
}

let alice: Account, bob: Account, carol: Account;
beforeAll(async () => {
  server = await startServer({ port: 0, clock: () => now });
  alice = await account(server, "alice");
  bob = await account(server, "bob");
  carol = await account(server, "carol");
});
afterAll(async () => {
  await server.close();
});

describe("signup and session", () => {
  it("signs up, opens a user session and reads users", async () => {
    expect(alice.user).toMatchObject({ fullName: "alice", isGuest: false });
    expect((await alice.rest.session.get()).userId).toBe(alice.user.id);
    expect((await bob.rest.users.get(alice.user.id)).login).toBe(alice.user.login);
    const many = await alice.rest.users.getMany([bob.user.id, carol.user.id, 999_999]);
    expect(many.map((u) => u.id).sort()).toEqual([bob.user.id, carol.user.id].sort());
    expect((await carol.rest.users.update({ fullName: "Carol C.", tags: ["x", "y"] })).tags).toEqual(["x", "y"]);
  });

  it("a taken login and a wrong password are errors a program can switch on", async () => {
    const fresh = createRestClient({
      apiUrl: server.apiUrl,
      appId: server.appId,
      authKey: server.authKey,
      getToken: () => null,
      loadRarelyUsed: () => import("../../src/rest/rarelyUsedRestApis.js"),
    });
    const taken = await fresh.users.signup({ login: alice.user.login!, password: PASSWORD }).catch((e: unknown) => e);
    expect(isChatError(taken, "validation")).toBe(true);
    const wrong = await fresh.session
      .create({ login: alice.user.login!, password: "not-the-password" })
      .catch((e: unknown) => e);
    expect(isChatError(wrong, "unauthorized")).toBe(true);
  });
});

describe("dialogs", () => {
  it("create, list since a time, update, get and remove", async () => {
    const untouched = await alice.rest.dialogs.create({
      type: DialogType.GROUP,
      name: "Untouched",
      occupantIds: [bob.user.id],
    });
    const team = await alice.rest.dialogs.create({
      type: DialogType.GROUP,
      name: "Team",
      occupantIds: [bob.user.id],
      extensions: {},
    });
    expect(team).toMatchObject({ type: DialogType.GROUP, ownerId: alice.user.id, name: "Team" });
    expect(team.occupantIds.sort()).toEqual([alice.user.id, bob.user.id].sort());
    const all = await bob.rest.dialogs.list();
    expect(all.items.map((d) => d.id)).toEqual(expect.arrayContaining([untouched.id, team.id]));

    tick();
    const cursor = now;
    tick();
    const renamed = await alice.rest.dialogs.update(team.id, {
      name: "Team 2",
      addOccupantIds: [carol.user.id],
      addAdminIds: [bob.user.id],
    });
    expect(renamed).toMatchObject({ name: "Team 2", adminIds: [bob.user.id] });
    expect(renamed.updatedAt).toBeGreaterThan(cursor);

    const since = await bob.rest.dialogs.list({ updatedAfter: cursor });
    expect(since.items.map((d) => d.id)).toEqual([team.id]);
    expect(since.total).toBe(1);
    expect((await carol.rest.dialogs.listAll(cursor)).map((d) => d.id)).toEqual([team.id]);
    expect((await carol.rest.dialogs.get(team.id)).name).toBe("Team 2");

    tick();
    await alice.rest.dialogs.update(team.id, { removeOccupantIds: [carol.user.id] });
    expect(isChatError(await carol.rest.dialogs.get(team.id).catch((e: unknown) => e), "not-found")).toBe(true);

    expect(await bob.rest.dialogs.remove(team.id, { force: true })).toEqual({
      deleted: [],
      notFound: [],
      forbidden: [team.id],
    });
    expect(await alice.rest.dialogs.remove([team.id, untouched.id], { force: true })).toEqual({
      deleted: [team.id, untouched.id],
      notFound: [],
      forbidden: [],
    });
    expect(await alice.rest.dialogs.remove(team.id)).toEqual({ deleted: [], notFound: [team.id], forbidden: [] });
  });

  it("listAll pages through more than 100 dialogs", async () => {
    tick();
    const cursor = now;
    tick();
    const created = [];
    for (let i = 0; i < 105; i++)
      created.push(await carol.rest.dialogs.create({ type: DialogType.GROUP, name: `Bulk ${i}`, occupantIds: [] }));
    const all = await carol.rest.dialogs.listAll(cursor);
    expect(new Set(all.map((d) => d.id))).toEqual(new Set(created.map((d) => d.id)));
  });

  it("public dialogs: subscribe, occupants, notifications, unsubscribe", async () => {
    const lobby = await alice.rest.dialogs.create({ type: DialogType.PUBLIC, name: "Lobby", occupantIds: [] });
    expect((await bob.rest.dialogs.subscribe(lobby.id)).occupantIds).toContain(bob.user.id);
    expect((await bob.rest.dialogs.occupants(lobby.id)).map((u) => u.id).sort()).toEqual(
      [alice.user.id, bob.user.id].sort(),
    );
    expect(await bob.rest.dialogs.notifications.get(lobby.id)).toBe(true);
    expect(await bob.rest.dialogs.notifications.set(lobby.id, false)).toBe(false);
    expect(await bob.rest.dialogs.notifications.get(lobby.id)).toBe(false);
    await bob.rest.dialogs.unsubscribe(lobby.id);
    expect((await alice.rest.dialogs.get(lobby.id)).occupantIds).toEqual([alice.user.id]);
  });
});

describe("messages", () => {
  it("create, page back with before, catch up with after, idempotent resend", async () => {
    const chat = await alice.rest.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bob.user.id] });
    const sent = [];
    for (let i = 1; i <= 5; i++) {
      tick(1000);
      sent.push(await alice.rest.messages.create({ dialogId: chat.id, body: `m${i}`, custom: { n: String(i) } }));
    }
    expect(sent[0]).toMatchObject({
      body: "m1",
      senderId: alice.user.id,
      recipientId: bob.user.id,
      status: "sent",
      customParams: { n: "1" },
    });

    const newest = await bob.rest.messages.list(chat.id, { limit: 2 });
    expect(newest.map((m) => m.body)).toEqual(["m5", "m4"]);
    const older = await bob.rest.messages.list(chat.id, { before: newest[1].dateSent, limit: 2 });
    expect(older.map((m) => m.body)).toEqual(["m3", "m2"]);
    const newer = await bob.rest.messages.list(chat.id, { after: older[1].dateSent, sort: "asc" });
    expect(newer.map((m) => m.body)).toEqual(["m3", "m4", "m5"]);

    const again = await alice.rest.messages.create({ id: sent[4].id, dialogId: chat.id, body: "m5" });
    expect(again.id).toBe(sent[4].id);
    expect(await alice.rest.messages.list(chat.id)).toHaveLength(5);
  });

  it("unread counts, markAllRead and statuses relative to each user", async () => {
    const chat = await bob.rest.dialogs.create({ type: DialogType.GROUP, name: "Reads", occupantIds: [alice.user.id] });
    const id = objectId(now);
    tick(1000);
    await bob.rest.messages.create({ id, dialogId: chat.id, body: "one" });
    tick(1000);
    await bob.rest.messages.create({ dialogId: chat.id, body: "two" });

    expect((await alice.rest.messages.unread([chat.id])).byDialog).toEqual({ [chat.id]: 2 });
    expect((await alice.rest.messages.list(chat.id)).map((m) => m.status)).toEqual(["sent", "sent"]);
    expect((await alice.rest.messages.unread([chat.id])).total).toBe(2); // listing did not mark read (mark_as_read=0)

    await alice.rest.messages.update(id, { dialogId: chat.id, delivered: true });
    expect((await bob.rest.messages.list(chat.id)).map((m) => m.status)).toEqual(["sent", "delivered"]);
    await alice.rest.messages.markAllRead(chat.id);
    expect(await alice.rest.messages.unread([chat.id])).toEqual({ total: 0, byDialog: { [chat.id]: 0 } });
    expect((await bob.rest.messages.list(chat.id)).map((m) => m.status)).toEqual(["read", "read"]);
    expect((await alice.rest.messages.list(chat.id)).map((m) => m.status)).toEqual(["read", "read"]);
  });

  it("edit, reactions and remove", async () => {
    const chat = await alice.rest.dialogs.create({ type: DialogType.GROUP, name: "Edits", occupantIds: [bob.user.id] });
    tick(1000);
    const mine = await alice.rest.messages.create({ dialogId: chat.id, body: "typo" });
    const theirs = await bob.rest.messages.create({ dialogId: chat.id, body: "hello" });
    await alice.rest.messages.update(mine.id, { dialogId: chat.id, body: "fixed" });
    await bob.rest.messages.reactions.add(mine.id, "👍");
    await alice.rest.messages.reactions.update(mine.id, { add: "🔥" });
    expect(await alice.rest.messages.reactions.list(mine.id)).toEqual({ "👍": [bob.user.id], "🔥": [alice.user.id] });
    const [edited] = (await alice.rest.messages.list(chat.id)).filter((m) => m.id === mine.id);
    expect(edited).toMatchObject({ body: "fixed", reactions: { own: ["🔥"], total: { "👍": 1, "🔥": 1 } } });

    expect(await bob.rest.messages.remove([mine.id], { force: true })).toEqual({
      deleted: [],
      notFound: [],
      forbidden: [mine.id],
    });
    expect(await alice.rest.messages.remove([mine.id, theirs.id], { force: true })).toEqual({
      deleted: [mine.id, theirs.id],
      notFound: [],
      forbidden: [],
    });
    expect(await alice.rest.messages.remove(mine.id)).toEqual({ deleted: [], notFound: [mine.id], forbidden: [] });
    expect(await bob.rest.messages.list(chat.id)).toEqual([]);
  });
});

describe("search", () => {
  it("finds messages and dialogs by text", async () => {
    const chat = await carol.rest.dialogs.create({
      type: DialogType.GROUP,
      name: "Haystack room",
      occupantIds: [alice.user.id],
    });
    tick(1000);
    await alice.rest.messages.create({ dialogId: chat.id, body: "a needle in the haystack" });
    const found = await carol.rest.search("needle", { dialogIds: [chat.id] });
    expect(found.messages.map((m) => m.body)).toEqual(["a needle in the haystack"]);
    expect(found.users.map((u) => u.id)).toContain(alice.user.id);
    const rooms = await carol.rest.search("Haystack", { startDate: now + 60_000, endDate: now - 60_000, limit: 5 });
    expect(rooms.dialogs.map((d) => d.id)).toEqual([chat.id]);
    expect(isChatError(await carol.rest.search("hay").catch((e: unknown) => e), "validation")).toBe(true);
  });
});

describe("session expiry", () => {
  it("renews an expired session through onSessionExpired and retries the request once", async () => {
    const short = await startServer({ port: 0, sessionTtlMs: 200 });
    try {
      let renewals = 0;
      const dana = await account(short, "dana", { onSessionExpired: () => void renewals++ });
      await dana.rest.dialogs.create({ type: DialogType.GROUP, name: "Kept", occupantIds: [] });
      const before = dana.token();
      renewals = 0; // counted from here: a slow machine may already have renewed once above
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [list, unread] = await Promise.all([dana.rest.dialogs.list(), dana.rest.messages.unread()]);
      expect(list.items.map((d) => d.name)).toEqual(["Kept"]);
      expect(unread.total).toBe(0);
      expect(renewals).toBe(1);
      expect(dana.token()).not.toBe(before);
    } finally {
      await short.close();
    }
  });
});
