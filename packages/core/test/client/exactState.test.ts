import { describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/index.js";
import { createTestUser, type TestUser } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";
import { type Sdk, sdkOnline } from "../helpers/officialSdk.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

/**
 * State stays exact through the transitions chatcube exists for (offline delivery, blips, same-second bursts),
 * with the official SDK as the peer: one message is counted once and shown once, in the order it was sent.
 */

const fx = serverPerFile();

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

async function pair(options: Parameters<typeof onlineClient>[2] = {}) {
  const [aliceUser, bobUser] = [await createTestUser(fx.server, "alice"), await createTestUser(fx.server, "bob")];
  const alice = await onlineClient(fx.server, aliceUser, options);
  fx.clients.push(alice);
  const bob = await sdkOnline(fx.server, bobUser, fx.sdks);
  const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
  return { alice, bob, aliceUser, bobUser, dialog };
}

/** `count` messages from the SDK, stored in history; resolves with their ids in send order. */
function sdkSend(bob: Sdk, to: number, dialogId: string, count: number, prefix = "m"): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      bob.chat.send(to, {
        type: "chat" as never,
        body: `${prefix}${i}`,
        extension: { save_to_history: 1, dialog_id: dialogId },
      }),
    );
  }
  return ids;
}

/** The server's unread count of a dialog for a user, over REST as that user. */
async function serverUnread(user: TestUser, dialogId: string): Promise<number> {
  const sdk = await sdkOnline(fx.server, user, fx.sdks);
  const counts = (await sdk.chat.message.unreadCount({ chat_dialog_ids: [dialogId] } as never)) as Record<
    string,
    number
  >;
  return counts[dialogId] ?? 0;
}

describe("exact state through transitions (official SDK as the peer)", () => {
  it("counts a message delivered from offline storage once: on reconnect and on a fresh sign-in", async () => {
    const { alice, bob, aliceUser, bobUser, dialog } = await pair();
    await alice.connection.disconnect();
    const ids = sdkSend(bob, aliceUser.id, dialog.id, 60);
    const history = async () =>
      ((await bob.chat.message.list({ chat_dialog_id: dialog.id, limit: 100 } as never)) as { items: unknown[] }).items
        .length;
    for (let i = 0; i < 100 && (await history()) < 60; i++) await settle(50);
    await alice.connection.connect();
    await valueOf(alice.dialogs.get(dialog.id), (d) => d?.lastMessage?.id === ids[59], "the last offline message");
    await valueOf(alice.sync, (s) => s.state === "synced", "sync");
    await settle();
    expect(await serverUnread(aliceUser, dialog.id)).toBe(60);
    expect(alice.unread.get().byDialog[dialog.id]).toBe(60);
    expect(alice.unread.get().total).toBe(60);

    // A fresh sign-in elsewhere (nothing cached): the same 60, whatever order sync and offline delivery take.
    await alice.connection.disconnect();
    sdkSend(bob, aliceUser.id, dialog.id, 5, "later");
    await settle(200);
    const fresh = newClient(fx.server);
    fx.clients.push(fresh);
    await fresh.auth.login({ login: aliceUser.login, password: aliceUser.password });
    await valueOf(fresh.connection, (c) => c.status === "online", "online");
    await valueOf(fresh.sync, (s) => s.state === "synced", "sync");
    await settle();
    expect(fresh.unread.get().byDialog[dialog.id]).toBe(65);
    void bobUser;
  });

  it("a reconnect and a resume both count the replayed and synced messages once", async () => {
    const { alice, bob, aliceUser, dialog } = await pair();
    sdkSend(bob, aliceUser.id, dialog.id, 3, "before");
    await valueOf(alice.unread, (u) => u.byDialog[dialog.id] === 3, "3 unread");
    fx.server.dropConnections(aliceUser.id);
    sdkSend(bob, aliceUser.id, dialog.id, 4, "during");
    await valueOf(alice.connection, (c) => c.status !== "online", "the drop");
    await valueOf(alice.connection, (c) => c.status === "online", "back online");
    await valueOf(alice.sync, (s) => s.state === "synced", "sync");
    await settle();
    expect(alice.unread.get().byDialog[dialog.id]).toBe(7);
    expect(await serverUnread(aliceUser, dialog.id)).toBe(7);
  });

  it("a read queued offline marks exactly what was seen; the count afterwards is the server's", async () => {
    const { alice, bob, aliceUser, dialog } = await pair();
    const thread = alice.messages.forDialog(dialog.id);
    thread.subscribe(() => {});
    const [seen] = sdkSend(bob, aliceUser.id, dialog.id, 1, "seen");
    await valueOf(thread, (w) => w.items.some((m) => m.id === seen), "the first message");
    await alice.connection.disconnect();
    await alice.messages.markRead(dialog.id); // queued: offline
    expect(alice.unread.get().byDialog[dialog.id] ?? 0).toBe(0);
    const later = sdkSend(bob, aliceUser.id, dialog.id, 2, "later");
    await settle(200);
    await alice.connection.connect();
    await valueOf(alice.outbox, (o) => o.length === 0, "the read to go out");
    await valueOf(alice.unread, (u) => u.byDialog[dialog.id] === 2, "the two later messages unread");
    await settle();
    expect(alice.unread.get().byDialog[dialog.id]).toBe(2);
    expect(await serverUnread(aliceUser, dialog.id)).toBe(2);
    const history = (await bob.chat.message.list({ chat_dialog_id: dialog.id, limit: 10 } as never)) as {
      items: Array<{ _id: string; read_ids: number[] }>;
    };
    expect(history.items.map((m) => [m._id, m.read_ids.includes(aliceUser.id)])).toEqual([
      [seen, true],
      [later[0], false],
      [later[1], false],
    ]);
  });

  it("converges on reads made elsewhere over REST: on reconnect, and while online within the refresh interval", async () => {
    const { alice, bob, aliceUser, dialog } = await pair({ unreadRefreshMs: 300 });
    sdkSend(bob, aliceUser.id, dialog.id, 3);
    await valueOf(alice.unread, (u) => u.byDialog[dialog.id] === 3, "3 unread");
    // Alice's other device reads the dialog over REST: nothing is pushed to this one.
    const elsewhere = await sdkOnline(fx.server, aliceUser, fx.sdks);
    await elsewhere.chat.message.update(null as never, { chat_dialog_id: dialog.id, read: 1 } as never);
    await valueOf(alice.unread, (u) => (u.byDialog[dialog.id] ?? 0) === 0, "the read made elsewhere", 3000);

    sdkSend(bob, aliceUser.id, dialog.id, 2, "again");
    await valueOf(alice.unread, (u) => u.byDialog[dialog.id] === 2, "2 unread");
    await alice.connection.disconnect();
    await elsewhere.chat.message.update(null as never, { chat_dialog_id: dialog.id, read: 1 } as never);
    await alice.connection.connect();
    await valueOf(
      alice.unread,
      (u) => (u.byDialog[dialog.id] ?? 0) === 0,
      "the read made elsewhere, after a reconnect",
    );
  });

  it("keeps same-second bursts in send order: live, in history, after a reload of the window, and under the window cap", async () => {
    const { alice, bob, aliceUser, dialog } = await pair({ windowCap: 4 });
    const thread = alice.messages.forDialog(dialog.id);
    const stop = thread.subscribe(() => {});
    await valueOf(thread, (w) => !w.loadingOlder, "the first page");
    const ids: string[] = [];
    for (let round = 0; round < 3; round++) {
      ids.push(...sdkSend(bob, aliceUser.id, dialog.id, 5, `r${round}-`));
      await settle(20);
    }
    const newest = ids[ids.length - 1];
    await valueOf(thread, (w) => w.items.some((m) => m.id === newest), "the burst");
    expect(thread.get().items.map((m) => m.id)).toEqual(ids.slice(-4));
    expect(alice.dialogs.get(dialog.id).get()?.lastMessage?.id).toBe(newest);
    const history = (await bob.chat.message.list({
      chat_dialog_id: dialog.id,
      sort_asc: "date_sent",
      limit: 100,
    } as never)) as { items: Array<{ _id: string }> };
    expect(history.items.map((m) => m._id)).toEqual(ids);
    const desc = (await bob.chat.message.list({
      chat_dialog_id: dialog.id,
      sort_desc: "date_sent",
      limit: 100,
    } as never)) as { items: Array<{ _id: string }> };
    expect(desc.items.map((m) => m._id)).toEqual([...ids].reverse());
    stop();

    // A fresh client pages the same history in: the order the server gives.
    const other = await onlineClient(fx.server, aliceUser, { pageSize: 6 });
    fx.clients.push(other);
    const window = other.messages.forDialog(dialog.id);
    window.subscribe(() => {});
    await valueOf(window, (w) => w.items.length >= 6 && !w.loadingOlder, "a page");
    while (window.get().hasOlder) await window.loadOlder();
    expect(window.get().items.map((m) => m.id)).toEqual(ids);
  });

  it("after a resumed blip, changes made over REST meanwhile arrive (a delta sync runs)", async () => {
    const { alice, aliceUser, bobUser, dialog } = await pair();
    const carol = await createTestUser(fx.server, "carol");
    const group = await alice.dialogs.create({ type: DialogType.GROUP, occupantIds: [bobUser.id], name: "before" });
    const bobRest = fx.sdks[0];
    const aliceElsewhere = await sdkOnline(fx.server, aliceUser, fx.sdks);
    fx.server.dropConnections(aliceUser.id);
    // While this stream is down: alice renames the group on another device and bob creates a dialog with her, both
    // over REST with no chat message.
    await aliceElsewhere.chat.dialog.update(group.id, { name: "after" } as never);
    const created = (await bobRest.chat.dialog.create({
      type: 2,
      occupants_ids: [aliceUser.id, carol.id],
      name: "made by REST",
    } as never)) as { _id: string };
    await valueOf(alice.connection, (c) => c.status === "online", "back online");
    await valueOf(alice.dialogs.get(group.id), (d) => d?.name === "after", "the rename");
    await valueOf(alice.dialogs.get(created._id), (d) => d !== undefined, "the dialog made by REST");
    void dialog;
  });
});
