import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { makeDialog, makeUser } from "../helpers/fixtures.js";
import { nextEvent, type Sdk, sdkClient, until } from "../helpers/sdk.js";

/** REST calls whose effects reach the other occupants over XMPP, both sides driven by the official SDK. */
let server: RunningServer;
const open: Sdk[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const cc of open.splice(0)) await cc.chat.disconnect().catch(() => cc.chat.terminate());
});
afterAll(() => server.close());

async function signedIn(login: string): Promise<Sdk> {
  const cc = sdkClient(server);
  open.push(cc);
  const session = await cc.createSession({ login, password: "password1" });
  await cc.chat.connect({ userId: session.user_id, password: "password1" });
  return cc;
}

describe("REST → chat", () => {
  it("delivers a REST message created with send_to_chat, and pushes reactions and force-deletes to occupants", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob], "Team");
    const a = await signedIn(alice.login!);
    const b = await signedIn(bob.login!);
    const received = nextEvent<[number, { id: string; body: string; dialog_id: string }]>(b.chat, "onMessageListener");
    const created = await a.chat.message.create({
      chat_dialog_id: dialog._id,
      message: "via REST",
      send_to_chat: 1,
    } as never);
    const [from, message] = await received;
    expect(from).toBe(alice.id);
    expect(message).toMatchObject({ id: created._id, body: "via REST", dialog_id: dialog._id });

    const reaction = nextEvent<[string, number, string, string, string]>(b.chat, "onMessageReactionsListener");
    await a.chat.message.addReaction(created._id, "👍");
    const [messageId, userId, dialogId, add] = await reaction;
    expect([messageId, userId, dialogId, add]).toEqual([created._id, alice.id, dialog._id, "👍"]);
    expect(await b.chat.message.listReactions(created._id)).toEqual({ "👍": [alice.id] });

    const deleted = nextEvent<[string, string, number]>(b.chat, "onMessageDeleteListener");
    await a.chat.message.delete(created._id, { force: 1 });
    expect(await deleted).toEqual([created._id, dialog._id, alice.id]);
  });

  it("sends a system message through REST", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await signedIn(alice.login!);
    const b = await signedIn(bob.login!);
    const system = nextEvent<[{ body: string | null; extension: Record<string, string> }]>(
      b.chat,
      "onSystemMessageListener",
    );
    await a.chat.message.createSystem({ recipientId: bob.id, param1: "value1" } as never);
    const [message] = await system;
    expect(message.extension).toMatchObject({ param1: "value1" });
  });

  it("records a push for an occupant who is offline or inactive, not for a silent message", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob, carol], "Team");
    const a = await signedIn(alice.login!);
    const c = await signedIn(carol.login!);
    c.chat.markInactive();
    await new Promise((r) => setTimeout(r, 100));
    const loud = a.chat.send(dialog._id, {
      type: "groupchat" as never,
      body: "ping",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    a.chat.send(dialog._id, {
      type: "groupchat" as never,
      body: "quiet",
      extension: { save_to_history: 1, dialog_id: dialog._id, silent: 1 },
    });
    await until(
      () =>
        server.context.db.messages.size > 0 &&
        [...server.context.db.messages.values()].filter((m) => m.chat_dialog_id === dialog._id).length === 2,
    );
    const pushes = async (userId: number) =>
      (
        (await (await fetch(`${server.apiUrl}/_dev/pushes?user_id=${userId}`)).json()) as {
          items: Array<{ message_id: string }>;
        }
      ).items.map((p) => p.message_id);
    expect(await pushes(bob.id)).toEqual([loud]); // offline
    expect(await pushes(carol.id)).toEqual([loud]); // connected but inactive
    expect(await pushes(alice.id)).toEqual([]); // the sender
  });

  it("records each activity change and read marker a client sends (client signals)", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await signedIn(alice.login!);
    const signals = () => server.context.db.clientSignals.filter((s) => s.user_id === alice.id);
    a.chat.markInactive();
    a.chat.markActive();
    a.chat.sendReadStatus({ messageId: "5f1a0000000000000000abcd", userId: bob.id, dialogId: dialog._id });
    await until(() => signals().length === 3);
    expect(signals().map((s) => [s.kind, s.message_id])).toEqual([
      ["inactive", null],
      ["active", null],
      ["displayed", "5f1a0000000000000000abcd"],
    ]);
  });
});
