import { describe, expect, it } from "@jest/globals";
import "fake-indexeddb/auto"; // idb needs the IndexedDB classes as globals, as in a browser
import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { ChatError } from "../../errors/ChatError.js";
import type { OutboxSend } from "../../model/outboxEntry.js";
import type { User } from "../../model/user.js";
import { createIndexedDbPersistence } from "./createIndexedDbPersistence.js";
import { DB_VERSION } from "./migrations.js";

const D = "65f000000000000000000001";
const alice = { appId: 1, userId: 10 };
const bob = { appId: 1, userId: 20 };

function browser() {
  const indexedDB = new IDBFactory();
  return {
    indexedDB,
    IDBKeyRange,
    persistence: () => createIndexedDbPersistence({ indexedDB, IDBKeyRange, blockedTimeoutMs: 50 }),
  };
}

const anEntry = (id: string, createdAt: number, overrides: Partial<OutboxSend> = {}): OutboxSend => ({
  id,
  kind: "send",
  dialogId: D,
  messageId: id,
  createdAt,
  state: "queued",
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  body: `text ${id}`,
  attachments: [],
  customParams: {},
  recipientId: null,
  ...overrides,
});

const aUser = (id: number): User =>
  ({
    id,
    login: `u${id}`,
    email: null,
    fullName: `User ${id}`,
    phone: null,
    website: null,
    avatar: null,
    customData: null,
    tags: [],
    externalId: null,
    timezone: null,
    isGuest: false,
    createdAt: null,
    updatedAt: null,
    lastRequestAt: null,
  }) as User;

describe("createIndexedDbPersistence", () => {
  it("creates one database per app and user, at the current schema version, with every object store", async () => {
    const env = browser();
    const session = await env.persistence().open(alice);
    await session.close();
    const databases = await env.indexedDB.databases();
    expect(databases).toEqual([{ name: "chatcube:1:10", version: DB_VERSION }]);
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = env.indexedDB.open("chatcube:1:10");
      request.onsuccess = () => resolve(request.result);
    });
    expect(Array.from(raw.objectStoreNames as unknown as ArrayLike<string>).sort()).toEqual([
      "cursors",
      "dialogs",
      "messages",
      "outbox",
      "privacy",
      "users",
      "windows",
    ]);
    expect(
      Array.from(raw.transaction("messages").objectStore("messages").indexNames as unknown as ArrayLike<string>),
    ).toEqual(["byDialogDate"]);
    raw.close();
  });

  it("keeps everything across a reload: dialogs, windows, outbox (errors as ChatError again), cursors, users, privacy", async () => {
    const env = browser();
    const first = await env.persistence().open(alice);
    const failed = aMessage("65f0000000000000000000a2", D, 2000, {
      senderId: 10,
      status: "failed",
      error: new ChatError("blocked", "blocked by peer", { condition: "service-unavailable" }),
    });
    await Promise.all([
      first.putDialogs([aDialog(D, { name: "Team", unreadCount: 3 })]),
      first.putWindow({
        dialogId: D,
        items: [aMessage("65f0000000000000000000a1", D, 1000), failed],
        hasOlder: true,
        viewedAt: 5,
      }),
      first.putOutbox(
        anEntry("65f0000000000000000000b2", 20, {
          state: "failed",
          lastError: new ChatError("server", "boom", { status: 500 }),
        }),
      ),
      first.putOutbox(anEntry("65f0000000000000000000b1", 10)),
      first.setCursor("dialogs", 123_000),
      first.putUsers([aUser(10), aUser(20)]),
      first.putPrivacy("blocklist", { items: [{ userId: 20, action: "deny" }] }),
    ]);
    await first.close();

    const second = await env.persistence().open(alice); // a new page: nothing in memory
    const snapshot = await second.load();
    expect(snapshot.dialogs).toEqual([aDialog(D, { name: "Team", unreadCount: 3 })]);
    expect(snapshot.windows).toEqual([{ dialogId: D, hasOlder: true, viewedAt: 5, count: 2 }]);
    expect(snapshot.outbox.map((e) => e.id)).toEqual(["65f0000000000000000000b1", "65f0000000000000000000b2"]);
    const lastError = snapshot.outbox[1].lastError;
    expect(lastError).toBeInstanceOf(ChatError);
    expect(lastError).toMatchObject({ code: "server", status: 500, transient: true });
    expect(snapshot.cursors).toEqual({ dialogs: 123_000 });
    expect(snapshot.users.map((u) => u.id)).toEqual([10, 20]);
    expect(snapshot.privacy).toEqual({ blocklist: { items: [{ userId: 20, action: "deny" }] } });
    const window = await second.loadWindow(D);
    expect(window?.items.map((m) => m.id)).toEqual(["65f0000000000000000000a1", "65f0000000000000000000a2"]);
    expect(window?.items[1].error).toBeInstanceOf(ChatError);
    expect(window?.items[1].error).toMatchObject({ code: "blocked", condition: "service-unavailable" });
    expect(await second.loadWindow("65f0000000000000000000ff")).toBeNull();
    await second.close();
  });

  it("two users on one browser never see each other's data; logout deletes the database unless keepData", async () => {
    const env = browser();
    const persistence = env.persistence();
    const a = await persistence.open(alice);
    await a.putDialogs([aDialog(D)]);
    const b = await persistence.open(bob);
    expect((await b.load()).dialogs).toEqual([]);
    await b.close({ deleteData: false });
    await a.close({ deleteData: true });
    expect((await env.indexedDB.databases()).map((d) => d.name)).toEqual(["chatcube:1:20"]);
    expect((await (await persistence.open(alice)).load()).dialogs).toEqual([]);
  });

  it("remembers the signed-in session per app for a reload, and forgets it", async () => {
    const env = browser();
    await env.persistence().saveSession(1, { user: aUser(10), token: "t0k3n" });
    expect(await env.persistence().loadSession(1)).toEqual({ user: aUser(10), token: "t0k3n" });
    expect(await env.persistence().loadSession(2)).toBeNull();
    await env.persistence().saveSession(1, null);
    expect(await env.persistence().loadSession(1)).toBeNull();
  });
});

describe("degraded mode: the client keeps working in memory and says why", () => {
  it("no IndexedDB at all (SSR): memory, status degraded", async () => {
    const global = globalThis as { indexedDB?: IDBFactory };
    const saved = global.indexedDB;
    delete global.indexedDB; // as under SSR
    const persistence = createIndexedDbPersistence();
    const statuses: string[] = [];
    persistence.status.subscribe((s) => statuses.push(s.status));
    const session = await persistence.open(alice);
    await session.putDialogs([aDialog(D)]);
    expect((await session.load()).dialogs).toHaveLength(1);
    expect(statuses).toEqual(["ok", "degraded"]);
    expect(persistence.status.get().reason).toMatch(/not available/);
    global.indexedDB = saved;
  });

  it("open fails (private mode): memory, with the browser's reason", async () => {
    const factory = {
      open: () => {
        throw new DOMException(
          "A mutation operation was attempted on a database that did not allow mutations.",
          "InvalidStateError",
        );
      },
    } as unknown as IDBFactory;
    const persistence = createIndexedDbPersistence({ indexedDB: factory, IDBKeyRange });
    const session = await persistence.open(alice);
    await session.putOutbox(anEntry("65f0000000000000000000b1", 1));
    expect((await session.load()).outbox).toHaveLength(1);
    expect(persistence.status.get()).toEqual({
      status: "degraded",
      reason: expect.stringMatching(/InvalidStateError/),
    });
  });

  it("an upgrade blocked by another tab holding the old version: memory after the timeout", async () => {
    const env = browser();
    const oldTab = await new Promise<IDBDatabase>((resolve) => {
      const request = env.indexedDB.open("chatcube:1:10", 1); // an old version of the app, which ignores versionchange
      request.onupgradeneeded = () => request.result.createObjectStore("dialogs", { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
    });
    const persistence = env.persistence();
    const session = await persistence.open(alice);
    expect(persistence.status.get()).toEqual({
      status: "degraded",
      reason: expect.stringMatching(/blocked by another tab/),
    });
    await session.putDialogs([aDialog(D)]);
    expect((await session.load()).dialogs).toHaveLength(1);
    oldTab.close();
  });

  it("another tab upgrading later: this tab closes its connection and goes on in memory", async () => {
    const env = browser();
    const persistence = env.persistence();
    const session = await persistence.open(alice);
    expect(persistence.status.get().status).toBe("ok");
    await new Promise<void>((resolve) => {
      const request = env.indexedDB.open("chatcube:1:10", DB_VERSION + 1); // a newer app version in another tab
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    expect(persistence.status.get()).toEqual({ status: "degraded", reason: expect.stringMatching(/newer version/) });
    await expect(session.putDialogs([aDialog(D)])).resolves.toBeUndefined();
  });
});
