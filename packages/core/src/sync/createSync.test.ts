import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import { createMemoryPersistence } from "../persistence/memory/createMemoryPersistence.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import type { RestClient } from "../rest/createRestClient.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createManualClock } from "../time/createManualClock.js";
import { createSync, DIALOGS_CURSOR } from "./createSync.js";

const A = "65f0000000000000000000a0";
const B = "65f0000000000000000000b0";
const id = (n: number) => `66f0${n.toString(16).padStart(20, "0")}`;
const msg = (n: number, dialogId: string, second: number, overrides: Partial<Message> = {}) =>
  aMessage(id(n), dialogId, second * 1000, overrides);
const last = (m: Message) => ({ id: m.id, text: m.body, senderId: m.senderId, dateSent: m.dateSent });

/** A server behind a fake REST client: it filters as ConnectyCube does (`gt` in whole seconds) and logs each request. */
function fakeServer() {
  const server = {
    dialogs: [] as Dialog[],
    messages: {} as Record<string, Message[]>,
    requests: [] as string[],
    gate: null as Promise<void> | null,
  };
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const rest = {
    dialogs: {
      async listAll(updatedAfter?: number) {
        server.requests.push(
          updatedAfter === undefined ? "dialogs all" : `dialogs updated_at>${seconds(updatedAfter)}`,
        );
        if (server.gate) await server.gate;
        return server.dialogs.filter((d) => updatedAfter === undefined || seconds(d.updatedAt) > seconds(updatedAfter));
      },
      async list(options: { limit?: number }) {
        server.requests.push("dialogs count");
        return {
          items: server.dialogs.slice(0, options.limit),
          total: server.dialogs.length,
          skip: 0,
          limit: options.limit ?? 100,
        };
      },
      async get(dialogId: string) {
        return server.dialogs.find((d) => d.id === dialogId)!;
      },
    },
    messages: {
      async list(dialogId: string, options: { after?: number; limit?: number }) {
        server.requests.push(
          `messages ${dialogId === A ? "A" : "B"}${options.after === undefined ? "" : ` date_sent>${seconds(options.after)}`} limit ${options.limit}`,
        );
        const all = (server.messages[dialogId] ?? []).filter(
          (m) => options.after === undefined || seconds(m.dateSent) > seconds(options.after),
        );
        return [...all].sort((x, y) => y.dateSent - x.dateSent || (x.id < y.id ? 1 : -1)).slice(0, options.limit);
      },
    },
  } as unknown as Pick<RestClient, "dialogs" | "messages">;
  return { server, rest };
}

async function setup(options: { pageSize?: number; overlapMs?: number } = {}) {
  const { server, rest } = fakeServer();
  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const db: PersistenceSession = await createMemoryPersistence().open({ appId: 1, userId: 1 });
  const errors: unknown[] = [];
  const sync = createSync({
    rest,
    dialogs,
    messages,
    clock: createManualClock(5_000_000),
    persistence: () => db,
    pageSize: options.pageSize ?? 50,
    overlapMs: options.overlapMs,
    reportError: (e) => errors.push(e),
  });
  return { server, dialogs, messages, db, sync, errors };
}

describe("delta sync of the dialog list", () => {
  it("the first sync fetches every dialog; the next only those changed since the cursor minus the overlap", async () => {
    const t = await setup({ overlapMs: 2000 });
    t.server.dialogs = [aDialog(A, { updatedAt: 100_000 }), aDialog(B, { updatedAt: 200_000 })];
    await t.sync.run();
    expect(
      t.dialogs.list
        .get()
        .map((d) => d.id)
        .sort(),
    ).toEqual([A, B]);
    expect((await t.db.load()).cursors).toEqual({ [DIALOGS_CURSOR]: 200_000 });

    t.server.dialogs[0] = aDialog(A, { updatedAt: 300_000, name: "Renamed" });
    t.server.requests.length = 0;
    await t.sync.run();
    expect(t.server.requests).toEqual(["dialogs updated_at>198", "dialogs count"]);
    expect(t.dialogs.get(A).get()?.name).toBe("Renamed");
    expect(t.sync.state.get()).toMatchObject({ state: "synced", lastSyncedAt: 5_000_000, error: null });
  });

  it("same-second ties: a dialog changed in the cursor's second after the last sync is not missed, the repeat is dropped", async () => {
    const t = await setup({ overlapMs: 1000 });
    t.server.dialogs = [aDialog(A, { updatedAt: 10_000 })];
    await t.sync.run();
    const before = t.dialogs.get(A).get();
    t.server.dialogs.push(aDialog(B, { updatedAt: 10_000 })); // written in the same second, after our fetch
    await t.sync.run();
    expect(t.dialogs.get(B).get()).toBeDefined();
    expect(t.dialogs.get(A).get()).toBe(before); // fetched again by the overlap, same content: same object, nobody notified
  });

  it("a restored cursor starts from the cache: nothing but the delta is asked for", async () => {
    const t = await setup({ overlapMs: 0 });
    t.dialogs.apply((s) => upsertDialogs(s, [aDialog(A, { updatedAt: 50_000 })]));
    t.sync.seed(50_000);
    t.server.dialogs = [aDialog(A, { updatedAt: 50_000 })];
    await t.sync.run();
    expect(t.server.requests).toEqual(["dialogs updated_at>50", "dialogs count"]);
  });

  it("deletions: when the server's count differs from ours, the ids are reconciled and the gone dialog leaves with its window", async () => {
    const t = await setup();
    t.server.dialogs = [aDialog(A, { updatedAt: 1000 }), aDialog(B, { updatedAt: 1000 })];
    await t.sync.run();
    t.messages.receive([msg(1, B, 1)]);
    t.server.dialogs = [aDialog(A, { updatedAt: 1000 })]; // B deleted elsewhere: lists never report deletions
    t.server.requests.length = 0;
    await t.sync.run();
    expect(t.server.requests).toEqual(["dialogs updated_at>0", "dialogs count", "dialogs all"]);
    expect(t.dialogs.list.get().map((d) => d.id)).toEqual([A]);
    expect(t.messages.has(B)).toBe(false);
  });
});

describe("catching up loaded windows", () => {
  async function withWindow(t: Awaited<ReturnType<typeof setup>>, items: Message[]) {
    const newest = items[items.length - 1];
    t.server.dialogs = [
      aDialog(A, { updatedAt: 1000, lastMessage: last(newest) }),
      aDialog(B, { updatedAt: 1000, lastMessage: last(msg(90, B, 3)) }),
    ];
    t.server.messages[A] = [...items];
    await t.sync.run();
    t.messages.receive(items);
    t.messages.receive([msg(90, B, 3)]);
    t.server.requests.length = 0;
  }

  it("only windows of changed dialogs are fetched, from the watermark's second (same-second messages merge once)", async () => {
    const t = await setup({ overlapMs: 0 });
    await withWindow(t, [msg(1, A, 1), msg(2, A, 2)]);
    const newer = [msg(3, A, 2), msg(4, A, 3)]; // one in the same second as our newest
    t.server.messages[A].push(...newer);
    t.server.dialogs[0] = aDialog(A, { updatedAt: 5000, lastMessage: last(newer[1]) });
    await t.sync.run();
    expect(t.server.requests).toEqual(["dialogs updated_at>1", "dialogs count", "messages A date_sent>1 limit 51"]);
    expect(
      t.messages
        .window(A)
        .get()
        .items.map((m) => m.id),
    ).toEqual([id(1), id(2), id(3), id(4)]);
    expect(t.messages.window(A).get().detached).toBe(false);
  });

  it("a gap larger than one page detaches the window: the newest page replaces it, pending messages stay", async () => {
    const t = await setup({ pageSize: 3, overlapMs: 0 });
    await withWindow(t, [msg(1, A, 1), msg(2, A, 2)]);
    t.messages.receive([msg(50, A, 2.5, { status: "pending", senderId: 1 })]);
    const missed = [10, 11, 12, 13, 14].map((n) => msg(n, A, n));
    t.server.messages[A].push(...missed);
    t.server.dialogs[0] = aDialog(A, { updatedAt: 9000, lastMessage: last(missed[4]) });
    await t.sync.run();
    const window = t.messages.window(A).get();
    expect(window.detached).toBe(true);
    expect(window.hasOlder).toBe(true);
    expect(window.items.map((m) => m.id)).toEqual([id(11), id(12), id(13), id(14), id(50)]); // a page (3) plus the known ones of the watermark's second, then what is pending
  });

  it("watermarks are taken before anything new arrives: a live message after the reconnect does not hide the gap", async () => {
    const t = await setup({ overlapMs: 0 });
    await withWindow(t, [msg(1, A, 1)]);
    const missed = msg(2, A, 2);
    const live = msg(3, A, 3);
    t.server.messages[A].push(missed, live);
    t.server.dialogs[0] = aDialog(A, { updatedAt: 5000, lastMessage: last(live) });
    let open!: () => void;
    t.server.gate = new Promise<void>((resolve) => (open = resolve));
    const running = t.sync.run();
    t.messages.receive([live]); // arrives over XMPP while the dialog list is being fetched
    open();
    await running;
    expect(
      t.messages
        .window(A)
        .get()
        .items.map((m) => m.id),
    ).toEqual([id(1), id(2), id(3)]);
  });

  it("catchUp (a window restored from the cache) waits for a running sync and starts from the cached watermark", async () => {
    const t = await setup({ overlapMs: 0 });
    t.server.dialogs = [aDialog(A, { updatedAt: 1000, lastMessage: last(msg(3, A, 3)) })];
    t.server.messages[A] = [msg(1, A, 1), msg(2, A, 2), msg(3, A, 3)];
    let open!: () => void;
    t.server.gate = new Promise<void>((resolve) => (open = resolve));
    const running = t.sync.run();
    t.messages.receive([msg(1, A, 1)]); // restored from the cache
    const catchingUp = t.sync.catchUp(A, 1000);
    open();
    await Promise.all([running, catchingUp]);
    expect(
      t.messages
        .window(A)
        .get()
        .items.map((m) => m.id),
    ).toEqual([id(1), id(2), id(3)]);
    expect(t.server.requests.filter((r) => r.startsWith("messages"))).toEqual(["messages A date_sent>0 limit 51"]);
  });

  it("a full resync reconciles the newest page: messages deleted elsewhere leave the window", async () => {
    const t = await setup({ overlapMs: 0 });
    await withWindow(t, [msg(1, A, 1), msg(2, A, 2), msg(3, A, 3)]);
    t.server.messages[A] = [msg(1, A, 1), msg(3, A, 3)]; // message 2 was deleted while we were away
    await t.sync.run({ full: true });
    expect(
      t.messages
        .window(A)
        .get()
        .items.map((m) => m.id),
    ).toEqual([id(1), id(3)]);
    expect(t.server.requests).toContain("dialogs all");
  });
});
