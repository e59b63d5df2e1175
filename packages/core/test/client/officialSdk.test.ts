import { type RunningServer, startServer } from "@chatcube/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { type ChatClient, DialogType } from "../../src/index.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { closeSdks, nextSdkEvent, type Sdk, sdkOnline } from "../helpers/officialSdk.js";

/** A chatcube client and an official `connectycube` SDK client talking to each other: the same protocol both ways. */

let server: RunningServer;
const clients: ChatClient[] = [];
const sdks: Sdk[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await closeSdks(sdks);
});
afterAll(() => server.close());

async function pair() {
  const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
  const alice = await onlineClient(server, aliceUser);
  clients.push(alice);
  const bob = await sdkOnline(server, bobUser, sdks);
  const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
  return { alice, bob, aliceUser, bobUser, dialog };
}

describe("chatcube ↔ official SDK", () => {
  it("chatcube → SDK: message, delivered and read markers, typing, edit, delete", async () => {
    const { alice, bob, aliceUser, bobUser, dialog } = await pair();
    const received = nextSdkEvent<[number, { id: string; body: string; dialog_id: string }]>(
      bob.chat,
      "onMessageListener",
    );
    const message = await alice.messages.send(dialog.id, { body: "hi from chatcube" });
    const [from, got] = await received;
    expect(from).toBe(aliceUser.id);
    expect(got).toMatchObject({ id: message.id, body: "hi from chatcube", dialog_id: dialog.id });
    const thread = alice.messages.forDialog(dialog.id);
    await valueOf(
      thread,
      (w) => w.items.find((m) => m.id === message.id)?.status === "delivered",
      "the SDK's automatic delivered marker",
    );
    bob.chat.sendReadStatus({ messageId: message.id, userId: aliceUser.id, dialogId: dialog.id });
    await valueOf(thread, (w) => w.items.find((m) => m.id === message.id)?.status === "read", "the SDK's read marker");

    const typing = nextSdkEvent<[boolean, number, string | null]>(bob.chat, "onMessageTypingListener");
    alice.typing.start(dialog.id);
    expect((await typing).slice(0, 2)).toEqual([true, aliceUser.id]);
    const stopped = nextSdkEvent<[boolean, number, string | null]>(bob.chat, "onMessageTypingListener");
    alice.typing.stop(dialog.id);
    expect((await stopped)[0]).toBe(false);

    const updated = nextSdkEvent<[string, boolean, string, string, number]>(bob.chat, "onMessageUpdateListener");
    await alice.messages.edit(dialog.id, message.id, "hi (edited)");
    expect(await updated).toEqual(expect.arrayContaining([message.id, "hi (edited)", dialog.id, aliceUser.id]));
    const deleted = nextSdkEvent<[string, string, number]>(bob.chat, "onMessageDeleteListener");
    await alice.messages.remove(dialog.id, [message.id], { force: true });
    expect(await deleted).toEqual([message.id, dialog.id, aliceUser.id]);
    await valueOf(alice.outbox, (o) => o.length === 0, "the outbox to drain");
    const history = await bob.chat.message.list({ chat_dialog_id: dialog.id, mark_as_read: 0 } as never);
    expect((history as { items: unknown[] }).items).toEqual([]);
    void bobUser;
  });

  it("SDK → chatcube: message, delivered and read markers back, typing, edit, delete", async () => {
    const { alice, bob, aliceUser, bobUser, dialog } = await pair();
    const thread = alice.messages.forDialog(dialog.id);
    thread.subscribe(() => {});
    const delivered = nextSdkEvent<[string, string, number]>(bob.chat, "onDeliveredStatusListener");
    const id = bob.chat.send(aliceUser.id, {
      type: "chat" as never,
      body: "hi from the SDK",
      extension: { save_to_history: 1, dialog_id: dialog.id },
    });
    await valueOf(thread, (w) => w.items.some((m) => m.id === id && m.body === "hi from the SDK"), "the SDK's message");
    expect(await delivered).toEqual([id, dialog.id, aliceUser.id]);
    expect(alice.unread.get().byDialog[dialog.id]).toBe(1);
    const read = nextSdkEvent<[string, string, number]>(bob.chat, "onReadStatusListener");
    await alice.messages.markRead(dialog.id);
    expect(await read).toEqual([id, dialog.id, aliceUser.id]);

    bob.chat.sendIsTypingStatus(aliceUser.id);
    await valueOf(alice.typing.forDialog(dialog.id), (ids) => ids.includes(bobUser.id), "the SDK typing");
    bob.chat.sendIsStopTypingStatus(aliceUser.id);
    await valueOf(alice.typing.forDialog(dialog.id), (ids) => ids.length === 0, "the SDK stopped typing");

    bob.chat.editMessage({
      to: aliceUser.id,
      dialogId: dialog.id,
      body: "edited by the SDK",
      originMessageId: id,
      last: true,
    });
    await valueOf(thread, (w) => w.items.find((m) => m.id === id)?.body === "edited by the SDK", "the SDK's edit");
    bob.chat.deleteMessage({ to: String(aliceUser.id), dialogId: dialog.id, messageId: id });
    await valueOf(thread, (w) => !w.items.some((m) => m.id === id), "the SDK's delete");
  });
});
