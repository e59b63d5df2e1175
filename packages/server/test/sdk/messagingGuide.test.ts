import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType, type UserRecord } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { makeDialog, makeUser } from "../helpers/fixtures.js";
import { nextEvent, type Sdk, sdkClient, until } from "../helpers/sdk.js";

/** The rest of the messaging guide (issue 5) as the official SDK drives it: privacy updates, what a block hides,
 *  reaction pushes for replace and remove, muted dialogs and chat alerts, public dialogs. */
let server: RunningServer;
const open: Sdk[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const cc of open.splice(0)) await cc.chat.disconnect().catch(() => cc.chat.terminate());
});
afterAll(() => server.close());

async function connected(user: UserRecord): Promise<Sdk> {
  const cc = sdkClient(server);
  open.push(cc);
  await cc.createSession({ login: user.login!, password: "password1" });
  await cc.chat.connect({ userId: user.id, password: "password1" });
  return cc;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pushesFor = async (userId: number): Promise<string[]> =>
  (
    (await (await fetch(`${server.apiUrl}/_dev/pushes?user_id=${userId}`)).json()) as {
      items: Array<{ message_id: string }>;
    }
  ).items.map((p) => p.message_id);

describe("privacy lists: the SDK's update and what a block hides", () => {
  it("update (get, merge, create) adds and lifts users while the list stays the default in force", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const a = await connected(alice);
    const b = await connected(bob);
    const c = await connected(carol);
    await a.chat.privacylist.create({ name: "DEFAULT", items: [{ user_id: bob.id, action: "deny" }] } as never);
    await a.chat.privacylist.setAsDefault("DEFAULT");
    await a.chat.privacylist.update({
      name: "DEFAULT",
      items: [
        { user_id: carol.id, action: "deny" },
        { user_id: bob.id, action: "allow" },
      ],
    } as never);
    const list = await a.chat.privacylist.getList("DEFAULT");
    expect(list.items).toEqual([expect.objectContaining({ user_id: carol.id, action: "deny" })]);
    expect((await a.chat.privacylist.getNames()).default).toBe("DEFAULT");

    const bounced = nextEvent<[string, { code: number }]>(c.chat, "onMessageErrorListener");
    const id = c.chat.send(alice.id, { type: "chat" as never, body: "blocked now" });
    expect((await bounced)[0]).toBe(id);
    const atAlice = nextEvent<[number, { body: string }]>(a.chat, "onMessageListener");
    b.chat.send(alice.id, { type: "chat" as never, body: "lifted" });
    expect((await atAlice)[1].body).toBe("lifted");
  });

  it("a one-way block hides the blocker's last activity from the blocked user, and their status pushes", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    const b = await connected(bob);
    expect(await b.chat.getLastUserActivity(alice.id)).toMatchObject({ userId: alice.id, seconds: 0 });
    await a.chat.privacylist.create({ name: "DEFAULT", items: [{ user_id: bob.id, action: "deny" }] } as never);
    await a.chat.privacylist.setAsDefault("DEFAULT");
    await expect(b.chat.getLastUserActivity(alice.id)).rejects.toBeTruthy();
    b.chat.subscribeToUserLastActivityStatus(alice.id);
    await sleep(100);
    let pushed = false;
    b.chat.onLastUserActivityListener = () => {
      pushed = true;
    };
    await a.chat.disconnect();
    await sleep(300);
    expect(pushed).toBe(false);
  });
});

describe("reactions: replace and remove reach the occupants", () => {
  it("updateReaction pushes the add and the remove; removeReaction pushes the remove", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await connected(alice);
    const b = await connected(bob);
    const message = await a.chat.message.create({
      chat_dialog_id: dialog._id,
      message: "react",
      send_to_chat: 1,
    } as never);
    await a.chat.message.addReaction(message._id, "👍");
    await sleep(100);
    const replaced = nextEvent<[string, number, string, string | undefined, string | undefined]>(
      b.chat,
      "onMessageReactionsListener",
    );
    await a.chat.message.updateReaction(message._id, "🎉", "👍");
    expect(await replaced).toEqual([message._id, alice.id, dialog._id, "🎉", "👍"]);
    const removed = nextEvent<[string, number, string, string | undefined, string | undefined]>(
      b.chat,
      "onMessageReactionsListener",
    );
    await a.chat.message.removeReaction(message._id, "🎉");
    expect(await removed).toEqual([message._id, alice.id, dialog._id, undefined, "🎉"]);
    expect(await b.chat.message.listReactions(message._id)).toEqual({});
  });
});

describe("notifications and chat alerts", () => {
  it("no push record for an occupant who turned the dialog's notifications off", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob, carol], "Muted");
    const a = await connected(alice);
    const b = await connected(bob);
    await b.chat.dialog.updateNotificationsSettings(dialog._id, false);
    await b.chat.disconnect();
    const id = a.chat.send(dialog._id, {
      type: "groupchat" as never,
      body: "anyone?",
      extension: { save_to_history: 1, dialog_id: dialog._id },
    });
    await until(() => server.context.db.messages.has(id));
    expect(await pushesFor(bob.id)).toEqual([]); // muted
    expect(await pushesFor(carol.id)).toEqual([id]); // offline, not muted
  });
});

describe("public dialogs with the official SDK", () => {
  it("subscribe, page the occupants, admins by the owner, unsubscribe", async () => {
    const [owner, fan, other] = [makeUser(server, "owner"), makeUser(server, "fan"), makeUser(server, "other")];
    const o = await connected(owner);
    const f = await connected(fan);
    const x = await connected(other);
    const lobby = await o.chat.dialog.create({ type: DialogType.PUBLIC, name: "Lobby" } as never);
    await f.chat.dialog.subscribe(lobby._id);
    await x.chat.dialog.subscribe(lobby._id);
    const first = await f.chat.dialog.getPublicOccupants(lobby._id, { limit: 2, skip: 0 });
    const second = await f.chat.dialog.getPublicOccupants(lobby._id, { limit: 2, skip: 2 });
    expect([...first.items, ...second.items].map((u: { id: number }) => u.id)).toEqual([owner.id, fan.id, other.id]);
    const withAdmin = await o.chat.dialog.addAdmins(lobby._id, [fan.id]);
    expect(withAdmin.admins_ids).toEqual([fan.id]);
    await expect(f.chat.dialog.addAdmins(lobby._id, [other.id])).rejects.toMatchObject({ code: 403 });
    await x.chat.dialog.unsubscribe(lobby._id);
    expect(server.context.db.dialogs.get(lobby._id)?.occupants_ids).toEqual([owner.id, fan.id]);
  });
});
