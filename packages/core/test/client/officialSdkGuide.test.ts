import { type RunningServer, startServer } from "@chatcube/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { type ChatClient, DialogType } from "../../src/index.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { closeSdks, nextSdkEvent, type Sdk, sdkOnline } from "../helpers/officialSdk.js";

/** The messaging-guide features between a chatcube client and an official `connectycube` SDK client. */

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
  return { alice, bob, aliceUser, bobUser };
}

describe("chatcube ↔ official SDK: the rest of the messaging guide", () => {
  it("the SDK user blocks the chatcube user: the chatcube user's 1-1 send ends failed with code `blocked`", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await bob.chat.privacylist.create({ name: "DEFAULT", items: [{ user_id: aliceUser.id, action: "deny" }] } as never);
    await bob.chat.privacylist.setAsDefault("DEFAULT");
    const message = await alice.messages.send(dialog.id, { body: "are you there?" });
    const failed = await valueOf(
      alice.messages.forDialog(dialog.id),
      (w) => w.items.find((m) => m.id === message.id)?.status === "failed",
      "the send to fail",
    );
    expect(failed.items.find((m) => m.id === message.id)?.error).toMatchObject({ code: "blocked" });
    expect(alice.outbox.get()).toEqual([
      expect.objectContaining({
        messageId: message.id,
        state: "failed",
        lastError: expect.objectContaining({ code: "blocked" }),
      }),
    ]);
  });

  it("the chatcube user's block list is one the SDK reads back, and it stops the SDK user's messages", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    await alice.privacy.block(bobUser.id, { mutual: false });
    const error = nextSdkEvent<[string, { code: number }]>(bob.chat, "onMessageErrorListener");
    const id = bob.chat.send(aliceUser.id, { type: "chat" as never, body: "hello?" });
    expect(await error).toEqual([id, expect.objectContaining({ code: 503 })]);
    const aliceSdk = await sdkOnline(server, aliceUser, sdks);
    const list = await aliceSdk.chat.privacylist.getList("DEFAULT");
    expect(list.items).toEqual([expect.objectContaining({ user_id: bobUser.id, action: "deny" })]);
    expect((await aliceSdk.chat.privacylist.getNames()).default).toBe("DEFAULT");
  });

  it("reactions both ways", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    const group = await alice.dialogs.create({ type: DialogType.GROUP, name: "React", occupantIds: [bobUser.id] });
    const message = await alice.messages.send(group.id, { body: "react" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");
    await bob.chat.message.addReaction(message.id, "🔥");
    const byId = () =>
      alice.messages
        .forDialog(group.id)
        .get()
        .items.find((m) => m.id === message.id);
    await valueOf(
      alice.messages.forDialog(group.id),
      () => byId()?.reactions.total["🔥"] === 1,
      "the SDK's reaction in chatcube's store",
    );
    const pushed = nextSdkEvent<[string, number, string, string | undefined, string | undefined]>(
      bob.chat,
      "onMessageReactionsListener",
    );
    await alice.messages.react(group.id, message.id, "👍");
    expect(await pushed).toEqual([message.id, aliceUser.id, group.id, "👍", undefined]);
    expect(await bob.chat.message.listReactions(message.id)).toEqual({ "🔥": [bobUser.id], "👍": [aliceUser.id] });
  });

  it("system messages both ways", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    const atSdk = nextSdkEvent<[{ userId: number; body: string; extension: Record<string, string> }]>(
      bob.chat,
      "onSystemMessageListener",
    );
    await alice.system.send(bobUser.id, { body: "ping", params: { n: 1 } });
    expect((await atSdk)[0]).toMatchObject({ userId: aliceUser.id, body: "ping", extension: { n: "1" } });
    bob.chat.sendSystemMessage(aliceUser.id, { body: "pong", extension: { n: "2" } });
    const recent = await valueOf(alice.system.recent, (list) => list.length === 1, "chatcube's recent system messages");
    expect(recent[0]).toMatchObject({ senderId: bobUser.id, body: "pong", params: { n: "2" } });
  });

  it("last activity both ways: chatcube streams the SDK user's online state; the SDK asks chatcube's", async () => {
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const alice = await onlineClient(server, aliceUser);
    clients.push(alice);
    const bobActivity = alice.lastActivity.forUser(bobUser.id);
    bobActivity.subscribe(() => {});
    await valueOf(bobActivity, (s) => s.error?.code === "not-found", "never online");
    const bob = await sdkOnline(server, bobUser, sdks);
    await valueOf(bobActivity, (s) => s.online === true, "the SDK user online");
    expect(await bob.chat.getLastUserActivity(aliceUser.id)).toMatchObject({ userId: aliceUser.id, seconds: 0 });
    await bob.chat.disconnect();
    await valueOf(bobActivity, (s) => s.online === false && s.error === null, "the SDK user offline");
  });

  it("a file sent by chatcube arrives as an attachment the SDK downloads through privateUrl", async () => {
    const { alice, bob, bobUser } = await pair();
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const received = nextSdkEvent<
      [number, { id: string; extension: { attachments?: Array<{ uid: string; type: string }> } }]
    >(bob.chat, "onMessageListener");
    const message = await alice.messages.send(dialog.id, {
      body: "a file",
      files: [{ file: Buffer.from("file body"), name: "note.txt", contentType: "text/plain" }],
    });
    const [, got] = await received;
    expect(got.id).toBe(message.id);
    const uid = got.extension.attachments?.[0]?.uid ?? "";
    expect(got.extension.attachments?.[0]).toMatchObject({ type: "file" });
    const download = await fetch(bob.storage.privateUrl(uid));
    expect(await download.text()).toBe("file body");
  });
});
