import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { OutboxSend } from "../model/outboxEntry.js";
import { createWriteBehind } from "../persistence/createWriteBehind.js";
import { createMemoryPersistence } from "../persistence/memory/createMemoryPersistence.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import { createOutboxWork } from "../sync/outboxWork.js";
import { createManualClock } from "../time/createManualClock.js";
import { createHydrator } from "./hydrate.js";

const dialogId = (i: number) => `65f0${i.toString(16).padStart(20, "0")}`;
const messageId = (d: number, i: number) => `66${d.toString(16).padStart(4, "0")}${i.toString(16).padStart(18, "0")}`;

async function cache(windows: number, perWindow: number) {
  const db = await createMemoryPersistence().open({ appId: 1, userId: 1 });
  await db.putDialogs(Array.from({ length: windows }, (_, d) => aDialog(dialogId(d), { unreadCount: d % 2 })));
  for (let d = 0; d < windows; d++) {
    await db.putWindow({
      dialogId: dialogId(d),
      items: Array.from({ length: perWindow }, (_, i) => aMessage(messageId(d, i), dialogId(d), (i + 1) * 1000)),
      hasOlder: true,
      viewedAt: d,
    });
  }
  await db.setCursor("dialogs", 77_000);
  return db;
}

function client(db: PersistenceSession, eagerMessages: number) {
  const clock = createManualClock(1);
  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const outbox = createOutbox({
    transport: {},
    messages,
    persistence: () => db,
    isOnline: () => false,
    reportError: () => {},
    work: createOutboxWork({
      transport: { send: async () => {}, sendTracked: async () => {} },
      rest: {} as never,
      jid: { appId: 1, domain: "localhost" },
      clock,
      recipientOf: () => null,
    }),
  });
  const writeBehind = createWriteBehind({ dialogs, messages, session: () => db, clock, reportError: () => {} });
  const restored: string[] = [];
  const hydrator = createHydrator({
    db: () => db,
    dialogs,
    messages,
    outbox,
    writeBehind,
    eagerMessages,
    onRestored: (id) => restored.push(id),
  });
  return { dialogs, messages, outbox, hydrator, restored };
}

describe("hydrate", () => {
  it("publishes the dialog list, unread counts and cursor from the cache; restores the most recently viewed windows within the budget", async () => {
    const db = await cache(10, 20);
    const c = client(db, 50);
    const published: number[] = [];
    c.dialogs.list.subscribe((list) => published.push(list.length));
    const { cursor, windows } = await c.hydrator.hydrate();
    expect(published).toEqual([0, 10]);
    expect(c.dialogs.unread.get().total).toBe(5);
    expect(cursor).toBe(77_000);
    await windows;
    expect(c.restored).toEqual([dialogId(9), dialogId(8)]); // 2 × 20 within 50 messages, most recently viewed first
    expect(c.messages.window(dialogId(9)).get()).toMatchObject({ hasOlder: true, detached: false });
    expect(c.messages.has(dialogId(0))).toBe(false);

    // Others come back when opened, once.
    expect(await c.hydrator.restoreWindow(dialogId(0))).toBe(true);
    expect(await c.hydrator.restoreWindow(dialogId(0))).toBe(true);
    expect(c.messages.window(dialogId(0)).get().items).toHaveLength(20);
    expect(await c.hydrator.restoreWindow("65f0ffffffffffffffffffff")).toBe(false);
  });

  it("restores the pending outbox and, first of all, the windows it concerns (their messages show as pending)", async () => {
    const db = await cache(3, 2);
    const pending = aMessage(messageId(0, 9), dialogId(0), 9000, { status: "pending", senderId: 1 });
    const entry: OutboxSend = {
      id: pending.id,
      kind: "send",
      dialogId: dialogId(0),
      messageId: pending.id,
      createdAt: 9000,
      state: "in-flight",
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
      body: pending.body,
      attachments: [],
      customParams: {},
      recipientId: null,
    };
    await db.putWindow({
      dialogId: dialogId(0),
      items: [...(await db.loadWindow(dialogId(0)))!.items, pending],
      hasOlder: false,
      viewedAt: 0,
    });
    await db.putOutbox(entry);
    const c = client(db, 0);
    await c.hydrator.hydrate();
    expect(c.outbox.entries.get()).toEqual([{ ...entry, state: "queued" }]); // in flight at the reload: sent again
    expect(c.messages.window(dialogId(0)).get().items.at(-1)).toMatchObject({ id: pending.id, status: "pending" });
    expect(c.restored).toEqual([dialogId(0)]);
  });

  it("a live message that came before the restore is kept, and the cached history joins it", async () => {
    const db = await cache(1, 3);
    const c = client(db, 0);
    await c.hydrator.hydrate();
    c.messages.receive([aMessage(messageId(0, 50), dialogId(0), 60_000)]);
    await c.hydrator.restoreWindow(dialogId(0));
    expect(
      c.messages
        .window(dialogId(0))
        .get()
        .items.map((m) => m.dateSent),
    ).toEqual([1000, 2000, 3000, 60_000]);
  });
});

describe("hydrate, racing the UI", () => {
  it("a dialog opened from the list as soon as it is published still comes back from the cache", async () => {
    const db = await cache(3, 4);
    const c = client(db, 0);
    let early: Promise<boolean> | null = null;
    c.dialogs.list.subscribe((list) => {
      if (list.length && !early) early = c.hydrator.restoreWindow(dialogId(1)); // the rest of the cache is not read yet
    });
    await c.hydrator.hydrate();
    expect(await early).toBe(true);
    expect(c.messages.window(dialogId(1)).get().items).toHaveLength(4);
  });
});
