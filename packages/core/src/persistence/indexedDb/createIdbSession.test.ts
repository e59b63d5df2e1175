import { afterEach, describe, expect, it, jest } from "@jest/globals";
import "fake-indexeddb/auto";
import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { Message } from "../../model/message.js";
import type { OutboxSend } from "../../model/outboxEntry.js";
import type { PersistenceSession } from "../Persistence.js";
import type { CacheCaps } from "./createIdbSession.js";
import { createIndexedDbPersistence } from "./createIndexedDbPersistence.js";

const dialogId = (i: number) => `65f0${i.toString(16).padStart(20, "0")}`;
const messageId = (d: number, i: number) => `66${d.toString(16).padStart(4, "0")}${i.toString(16).padStart(18, "0")}`;
const messagesOf = (d: number, count: number, from = 0): Message[] =>
  Array.from({ length: count }, (_, i) => aMessage(messageId(d, from + i), dialogId(d), (from + i + 1) * 1000));

async function open(caps: Partial<CacheCaps> = {}) {
  const indexedDB = new IDBFactory();
  const persistence = createIndexedDbPersistence({ indexedDB, IDBKeyRange, caps });
  const session = await persistence.open({ appId: 1, userId: 10 });
  const reload = async (): Promise<PersistenceSession> =>
    createIndexedDbPersistence({ indexedDB, IDBKeyRange, caps }).open({ appId: 1, userId: 10 });
  return { persistence, session, reload };
}

const transactions = () => jest.spyOn(IDBDatabase.prototype, "transaction");
const puts = () => jest.spyOn(IDBObjectStore.prototype, "put");
const putsInto = (spy: ReturnType<typeof puts>, store: string) =>
  spy.mock.contexts.filter((c) => (c as IDBObjectStore).name === store).length;

afterEach(() => {
  jest.restoreAllMocks();
});

describe("write-behind batching", () => {
  it("writes everything asked for in one tick in one transaction, not one per message", async () => {
    const { session } = await open();
    const spy = transactions();
    const writes: Array<Promise<void>> = [];
    for (let d = 0; d < 20; d++) {
      writes.push(session.putDialogs([aDialog(dialogId(d))]));
      writes.push(session.putWindow({ dialogId: dialogId(d), items: messagesOf(d, 50), hasOlder: false, viewedAt: d }));
    }
    writes.push(session.setCursor("dialogs", 1));
    await Promise.all(writes);
    expect(spy.mock.calls.filter((call) => call[1] === "readwrite")).toHaveLength(1);
    const snapshot = await session.load();
    expect(snapshot.dialogs).toHaveLength(20);
    expect(snapshot.windows.reduce((n, w) => n + w.count, 0)).toBe(1000);
  });

  it("writes a window by its changes: only new or changed messages, and deletes what left it", async () => {
    const { session, reload } = await open();
    const first = messagesOf(1, 100);
    await session.putWindow({ dialogId: dialogId(1), items: first, hasOlder: true, viewedAt: 1 });
    const spy = puts();
    const edited = { ...first[50], body: "edited" };
    const next = [...first.slice(1, 50), edited, ...first.slice(51), ...messagesOf(1, 1, 100)];
    await session.putWindow({ dialogId: dialogId(1), items: next, hasOlder: true, viewedAt: 1 });
    expect(putsInto(spy, "messages")).toBe(2); // the edit and the new message
    expect(putsInto(spy, "windows")).toBe(0); // same count, same facts
    const window = await (await reload()).loadWindow(dialogId(1));
    expect(window?.items).toHaveLength(100);
    expect(window?.items[0].id).toBe(first[1].id);
    expect(window?.items.find((m) => m.id === edited.id)?.body).toBe("edited");
  });

  it("the last write of a key in a tick wins (a dialog put then deleted is gone, with its window)", async () => {
    const { session } = await open();
    void session.putDialogs([aDialog(dialogId(1)), aDialog(dialogId(2))]);
    void session.putWindow({ dialogId: dialogId(1), items: messagesOf(1, 3), hasOlder: false, viewedAt: 0 });
    await session.deleteDialogs([dialogId(1)]);
    const snapshot = await session.load();
    expect(snapshot.dialogs.map((d) => d.id)).toEqual([dialogId(2)]);
    expect(snapshot.windows).toEqual([]);
    expect(await session.loadWindow(dialogId(1))).toBeNull();
  });
});

describe("bounded size", () => {
  it("keeps the newest messages of a dialog up to the per-dialog cap (older history then loads from the server)", async () => {
    const { session } = await open({ messagesPerDialog: 10 });
    await session.putWindow({ dialogId: dialogId(1), items: messagesOf(1, 25), hasOlder: false, viewedAt: 0 });
    const window = await session.loadWindow(dialogId(1));
    expect(window?.items.map((m) => m.dateSent)).toEqual(messagesOf(1, 10, 15).map((m) => m.dateSent));
    expect(window?.hasOlder).toBe(true);
  });

  it("evicts the least recently viewed windows past the total cap, never one with pending outbox work", async () => {
    const { session } = await open({ messagesPerDialog: 10, totalMessages: 25 });
    const pending: OutboxSend = {
      id: messageId(1, 99),
      kind: "send",
      dialogId: dialogId(1),
      messageId: messageId(1, 99),
      createdAt: 1,
      state: "queued",
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      body: "hi",
      attachments: [],
      customParams: {},
      recipientId: null,
    };
    await session.putOutbox(pending);
    for (let d = 1; d <= 4; d++)
      await session.putWindow({ dialogId: dialogId(d), items: messagesOf(d, 10), hasOlder: false, viewedAt: d * 100 });
    // 40 messages > 25: dialog 1 is the least recently viewed but has pending work; 2 then goes, then 3? 40-10=30, 30-10=20.
    const cached = (await session.load()).windows.map((w) => w.dialogId).sort();
    expect(cached).toEqual([dialogId(1), dialogId(4)]);
    expect((await session.load()).outbox).toHaveLength(1);

    // An evicted window is not written back by the next change, only once viewed again.
    await session.putWindow({ dialogId: dialogId(2), items: messagesOf(2, 11), hasOlder: false, viewedAt: 200 });
    expect(await session.loadWindow(dialogId(2))).toBeNull();
    await session.putWindow({ dialogId: dialogId(2), items: messagesOf(2, 11), hasOlder: false, viewedAt: 900 });
    expect((await session.loadWindow(dialogId(2)))?.items).toHaveLength(10);
    expect((await session.load()).windows.map((w) => w.dialogId).sort()).toEqual([dialogId(1), dialogId(2)]);
  });
});

describe("quota exceeded", () => {
  const quotaError = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

  it("evicts the oldest cached windows first and retries; the outbox entry is written", async () => {
    const { session, persistence } = await open();
    for (let d = 1; d <= 4; d++)
      await session.putWindow({ dialogId: dialogId(d), items: messagesOf(d, 10), hasOlder: false, viewedAt: d });
    const original = IDBObjectStore.prototype.put;
    let failures = 1;
    jest.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore["put"]>
    ) {
      if (this.name === "outbox" && failures-- > 0) throw quotaError();
      return original.apply(this, args);
    });
    const entry: OutboxSend = {
      id: messageId(9, 1),
      kind: "send",
      dialogId: dialogId(9),
      messageId: messageId(9, 1),
      createdAt: 1,
      state: "queued",
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      body: "hi",
      attachments: [],
      customParams: {},
      recipientId: null,
    };
    await session.putOutbox(entry);
    const snapshot = await session.load();
    expect(snapshot.outbox.map((e) => e.id)).toEqual([entry.id]);
    expect(snapshot.windows.map((w) => w.dialogId).sort()).toEqual([dialogId(3), dialogId(4)]); // half the messages, oldest viewed first
    expect(persistence.status.get().status).toBe("ok");
  });

  it("when eviction does not help: degraded, writes resolve (the client goes on in memory)", async () => {
    const { session, persistence } = await open();
    await session.putWindow({ dialogId: dialogId(1), items: messagesOf(1, 10), hasOlder: false, viewedAt: 1 });
    jest.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw quotaError();
    });
    await expect(session.putDialogs([aDialog(dialogId(1))])).resolves.toBeUndefined();
    expect(persistence.status.get()).toEqual({ status: "degraded", reason: expect.stringMatching(/quota/) });
    await expect(session.putDialogs([aDialog(dialogId(2))])).resolves.toBeUndefined();
  });
});
