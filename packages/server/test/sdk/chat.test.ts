import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType, type UserRecord } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { makeDialog, makeUser, tokenFor } from "../helpers/fixtures.js";
import { nextEvent, type Sdk, sdkClient, until } from "../helpers/sdk.js";

let server: RunningServer;
const open: Sdk[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const cc of open.splice(0)) {
    try {
      await cc.chat.disconnect();
    } catch {
      cc.chat.terminate();
    }
  }
});
afterAll(() => server.close());

async function connected(
  user: UserRecord,
  options: Parameters<typeof sdkClient>[1] & { token?: boolean } = {},
): Promise<Sdk> {
  const cc = sdkClient(server, options);
  open.push(cc);
  await cc.chat.connect({ userId: user.id, password: options.token ? tokenFor(server, user) : "password1" });
  return cc;
}

describe("official SDK chat against chatcube-server", () => {
  it("connects with the password and with a session token", async () => {
    const alice = makeUser(server, "alice");
    const a = await connected(alice);
    expect(a.chat.connectionStatus).toBe("online");
    const b = await connected(makeUser(server, "bob"), { token: true });
    expect(b.chat.connectionStatus).toBe("online");
  });

  it("sends and receives a 1-1 message saved to history", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const b = await connected(bob);
    const received = nextEvent<
      [number, { id: string; body: string; dialog_id: string; extension: Record<string, string> }]
    >(b.chat, "onMessageListener");
    const id = a.chat.send(bob.id, {
      type: "chat" as never,
      body: "hi bob",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    const [from, message] = await received;
    expect(from).toBe(alice.id);
    expect(message).toMatchObject({ id, body: "hi bob", dialog_id: dialog._id });
    expect(server.context.db.messages.get(id)?.message).toBe("hi bob");
  });

  it("sends and receives group messages and reports join/leave of occupants", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob], "Team");
    const a = await connected(alice);
    const b = await connected(bob);
    const joined = nextEvent<[string, number]>(a.chat, "onJoinOccupant");
    void a.chat.muc.join(dialog._id).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    void b.chat.muc.join(dialog._id).catch(() => {});
    expect(await joined).toEqual([dialog._id, bob.id]);
    const atBob = nextEvent<[number, { body: string; dialog_id: string }]>(b.chat, "onMessageListener");
    a.chat.send(dialog._id, {
      type: "groupchat" as never,
      body: "hello team",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    const [from, message] = await atBob;
    expect(from).toBe(alice.id);
    expect(message).toMatchObject({ body: "hello team", dialog_id: dialog._id });
  });

  it("delivers to a user who was offline when they connect", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const id = a.chat.send(bob.id, {
      type: "chat" as never,
      body: "while you were away",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    await until(() => server.context.db.messages.has(id), 2000, "the message to be stored");
    const cc = sdkClient(server);
    open.push(cc);
    const received = nextEvent<[number, { id: string; body: string; delay?: unknown }]>(cc.chat, "onMessageListener");
    await cc.chat.connect({ userId: bob.id, password: "password1" });
    const [, message] = await received;
    expect(message).toMatchObject({ id, body: "while you were away" });
  });

  it("reports delivered and read statuses to the sender", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const b = await connected(bob);
    const delivered = nextEvent<[string, string, number]>(a.chat, "onDeliveredStatusListener");
    const received = nextEvent<[number, { id: string }]>(b.chat, "onMessageListener");
    const id = a.chat.send(bob.id, {
      type: "chat" as never,
      body: "status?",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    await received;
    // SDK 6 sends <received> by itself for every incoming message with a dialog id
    expect(await delivered).toEqual([id, dialog._id, bob.id]);
    const read = nextEvent<[string, string, number]>(a.chat, "onReadStatusListener");
    b.chat.sendReadStatus({ messageId: id, userId: alice.id, dialogId: dialog._id });
    expect(await read).toEqual([id, dialog._id, bob.id]);
    const stored = server.context.db.messages.get(id)!;
    expect(stored.delivered_ids).toContain(bob.id);
    expect(stored.read_ids).toContain(bob.id);
  });

  it("relays typing start and stop", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    const b = await connected(bob);
    const start = nextEvent<[boolean, number, string | null]>(b.chat, "onMessageTypingListener");
    a.chat.sendIsTypingStatus(bob.id);
    expect((await start).slice(0, 2)).toEqual([true, alice.id]);
    const stop = nextEvent<[boolean, number, string | null]>(b.chat, "onMessageTypingListener");
    a.chat.sendIsStopTypingStatus(bob.id);
    expect((await stop).slice(0, 2)).toEqual([false, alice.id]);
  });

  it("relays edits and deletes made through chat and applies them to history", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const b = await connected(bob);
    const received = nextEvent<[number, { id: string }]>(b.chat, "onMessageListener");
    const id = a.chat.send(bob.id, {
      type: "chat" as never,
      body: "draft",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    await received;
    const updated = nextEvent<[string, boolean, string, string, number]>(b.chat, "onMessageUpdateListener");
    a.chat.editMessage({ to: bob.id, dialogId: dialog._id, body: "final", originMessageId: id, last: true });
    expect(await updated).toEqual(expect.arrayContaining([id, true, "final", dialog._id, alice.id]));
    expect(server.context.db.messages.get(id)?.message).toBe("final");
    const deleted = nextEvent<[string, string, number]>(b.chat, "onMessageDeleteListener");
    a.chat.deleteMessage({ to: String(bob.id), dialogId: dialog._id, messageId: id });
    expect(await deleted).toEqual([id, dialog._id, alice.id]);
    expect(server.context.db.messages.has(id)).toBe(false);
  });

  it("fires the 'sent' callback with stream management on", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice, { streamManagement: true });
    // connect() resolves before <enabled/> arrives; the SDK only tracks messages sent after it
    await until(() => (a.chat.streamManagement as unknown as { enabled: boolean }).enabled, 2000, "SM to be enabled");
    const sent = nextEvent<[unknown, { id?: string } | null]>(a.chat, "onSentMessageCallback");
    const id = a.chat.send(bob.id, {
      type: "chat" as never,
      body: "ack me",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    const [lost, ok] = await sent;
    expect(lost).toBeNull();
    expect(ok?.id).toBe(id);
  });

  it("sends and receives system messages", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    const b = await connected(bob);
    const system = nextEvent<[{ userId: number; body: string; extension: Record<string, string> }]>(
      b.chat,
      "onSystemMessageListener",
    );
    a.chat.sendSystemMessage(bob.id, { body: "dialog/NEW_DIALOG", extension: { dialogId: "abc" } });
    const [message] = await system;
    expect(message).toMatchObject({ userId: alice.id, body: "dialog/NEW_DIALOG", extension: { dialogId: "abc" } });
  });

  it("answers last activity", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    await expect(a.chat.getLastUserActivity(bob.id)).rejects.toBeTruthy(); // never online
    const b = await connected(bob);
    expect(await a.chat.getLastUserActivity(bob.id)).toMatchObject({ userId: bob.id, seconds: 0 });
    await b.chat.disconnect();
    const result = await a.chat.getLastUserActivity(bob.id);
    expect(result.seconds).toBeGreaterThanOrEqual(0);
  });

  it("reconnects by itself after the server drops its socket", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const b = await connected(bob);
    const disconnected = nextEvent<[]>(b.chat, "onDisconnectedListener");
    const reconnected = nextEvent<[]>(b.chat, "onReconnectListener", 10_000);
    server.dropConnections(bob.id);
    await disconnected;
    await reconnected;
    const received = nextEvent<[number, { body: string }]>(b.chat, "onMessageListener");
    a.chat.send(bob.id, {
      type: "chat" as never,
      body: "you're back",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    expect((await received)[1].body).toBe("you're back");
  });
});
