import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType, type UserRecord } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { authcid, jidOf, makeDialog, makeUser, oid, roomOf } from "../helpers/fixtures.js";
import { RawXmpp } from "../helpers/rawXmpp.js";
import { nextEvent, type Sdk, sdkClient } from "../helpers/sdk.js";

let server: RunningServer;
const open: Sdk[] = [];
const raws: RawXmpp[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const cc of open.splice(0)) await cc.chat.disconnect().catch(() => cc.chat.terminate());
  for (const raw of raws.splice(0)) await raw.close().catch(() => {});
});
afterAll(() => server.close());

async function connected(user: UserRecord): Promise<Sdk> {
  const cc = sdkClient(server);
  open.push(cc);
  await cc.chat.connect({ userId: user.id, password: "password1" });
  return cc;
}
async function raw(user: UserRecord): Promise<RawXmpp> {
  const client = await RawXmpp.login(server.chatUrl, authcid(server, user), "password1");
  raws.push(client);
  return client;
}

describe("privacy lists with the official SDK", () => {
  it("creates, names, gets, sets default, and deletes a list", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    await a.chat.privacylist.create({
      name: "DEFAULT",
      items: [{ user_id: bob.id, action: "deny", mutualBlock: true }],
    });
    await a.chat.privacylist.setAsDefault("DEFAULT");
    const names = await a.chat.privacylist.getNames();
    expect(names.default).toBe("DEFAULT");
    expect(names.names).toContain("DEFAULT");
    const list = await a.chat.privacylist.getList("DEFAULT");
    expect(list.items).toEqual([expect.objectContaining({ user_id: bob.id, action: "deny" })]);
    await expect(a.chat.privacylist.delete("DEFAULT")).rejects.toBeTruthy(); // in use as the default
    await a.chat.privacylist.setAsDefault(null);
    await a.chat.privacylist.delete("DEFAULT");
    expect((await a.chat.privacylist.getNames()).names).not.toContain("DEFAULT");
  });

  it("bounces a blocked user's 1-1 message with an error, and hides their group messages from the blocker", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const group = makeDialog(server, carol, DialogType.GROUP, [alice, bob], "Group");
    const a = await connected(alice);
    const b = await connected(bob);
    await a.chat.privacylist.create({ name: "DEFAULT", items: [{ user_id: bob.id, action: "deny" }] });
    await a.chat.privacylist.setAsDefault("DEFAULT");
    const error = nextEvent<[string, { code: number; info: string }]>(b.chat, "onMessageErrorListener");
    const id = b.chat.send(alice.id, { type: "chat" as never, body: "can you hear me?" });
    const [errorId, details] = await error;
    expect(errorId).toBe(id);
    expect(details.code).toBe(503);
    // one-way block: alice can still write to bob
    const atBob = nextEvent<[number, { body: string }]>(b.chat, "onMessageListener");
    a.chat.send(bob.id, { type: "chat" as never, body: "I can" });
    expect((await atBob)[1].body).toBe("I can");
    // in the group, carol gets bob's message, alice does not
    const c = await raw(carol);
    const aliceRaw = await raw(alice);
    const groupId = oid();
    b.chat.send(group._id, {
      id: groupId,
      type: "groupchat" as never,
      body: "group hello",
      extension: { save_to_history: 1, dialog_id: group._id },
    });
    expect((await c.next((el) => el.attrs.id === groupId)).attrs.from).toBe(`${roomOf(server, group)}/${bob.id}`);
    expect(await aliceRaw.nothing((el) => el.attrs.id === groupId, 300)).toBe(true);
  });

  it("a mutual block stops the blocker's own messages too", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    await connected(bob);
    await a.chat.privacylist.create({
      name: "DEFAULT",
      items: [{ user_id: bob.id, action: "deny", mutualBlock: true }],
    });
    await a.chat.privacylist.setAsDefault("DEFAULT");
    const error = nextEvent<[string, { code: number }]>(a.chat, "onMessageErrorListener");
    const id = a.chat.send(bob.id, { type: "chat" as never, body: "hello?" });
    expect((await error)[0]).toBe(id);
  });
});

describe("last activity subscription with the official SDK", () => {
  it("pushes when a subscribed user comes online and goes offline", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await connected(alice);
    a.chat.subscribeToUserLastActivityStatus(bob.id);
    await new Promise((r) => setTimeout(r, 100));
    const online = nextEvent<[number, number]>(a.chat, "onLastUserActivityListener");
    const b = await raw(bob);
    expect(await online).toEqual([bob.id, 0]);
    const offline = nextEvent<[number, number]>(a.chat, "onLastUserActivityListener");
    await b.close();
    expect((await offline)[0]).toBe(bob.id);
  });
});

describe("contacts (roster) and presence", () => {
  it("adds, confirms, renames and removes a contact, with presence flowing between contacts", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const a = await raw(alice);
    const b = await raw(bob);
    a.send(`<presence/>`);
    b.send(`<presence/>`);
    a.send(
      `<iq type="set" id="add"><query xmlns="jabber:iq:roster"><item jid="${jidOf(server, bob)}" name="Bob"/></query></iq>`,
    );
    await a.next((el) => el.attrs.id === "add");
    a.send(`<presence to="${jidOf(server, bob)}" type="subscribe"/>`);
    const request = await b.next((el) => el.name === "presence" && el.attrs.type === "subscribe");
    expect(request.attrs.from).toBe(jidOf(server, alice));
    b.send(`<presence to="${jidOf(server, alice)}" type="subscribed"/>`);
    await a.next((el) => el.name === "presence" && el.attrs.type === "subscribed");
    const bobsPresence = await a.next(
      (el) => el.name === "presence" && !el.attrs.type && el.attrs.from?.startsWith(jidOf(server, bob)),
    );
    expect(bobsPresence).toBeTruthy();
    a.send(`<iq type="get" id="get"><query xmlns="jabber:iq:roster"/></iq>`);
    const items = (await a.next((el) => el.attrs.id === "get")).getChild("query")!.getChildren("item");
    expect(items.map((i) => i.attrs)).toEqual([
      expect.objectContaining({ jid: jidOf(server, bob), name: "Bob", subscription: "to" }),
    ]);
    a.send(
      `<iq type="set" id="rm"><query xmlns="jabber:iq:roster"><item jid="${jidOf(server, bob)}" subscription="remove"/></query></iq>`,
    );
    await a.next((el) => el.attrs.id === "rm" && el.attrs.type === "result");
    expect(server.context.db.rosterOf(alice.id).size).toBe(0);
  });

  it("refuses the 301st contact", async () => {
    const alice = makeUser(server, "alice");
    const roster = server.context.db.rosterOf(alice.id);
    for (let i = 0; i < 300; i++)
      roster.set(100_000 + i, { userId: 100_000 + i, name: null, subscription: "none", ask: false });
    const extra = makeUser(server, "extra");
    const a = await raw(alice);
    a.send(
      `<iq type="set" id="full"><query xmlns="jabber:iq:roster"><item jid="${jidOf(server, extra)}"/></query></iq>`,
    );
    const error = await a.next((el) => el.attrs.id === "full");
    expect(error.attrs.type).toBe("error");
    expect(error.getChild("error")?.getChildText("text")).toMatch(/300/);
    // asking, or approving a request, would add one too: refused in the open
    a.send(`<presence id="ask" to="${jidOf(server, extra)}" type="subscribe"/>`);
    const refused = await a.next((el) => el.name === "presence" && el.attrs.id === "ask");
    expect(refused.attrs.type).toBe("error");
    expect(refused.getChild("error")?.getChildText("text")).toMatch(/300/);
    const e = await raw(extra);
    e.send(`<presence to="${jidOf(server, alice)}" type="subscribe"/>`);
    await a.next((el) => el.name === "presence" && el.attrs.type === "subscribe");
    a.send(`<presence id="yes" to="${jidOf(server, extra)}" type="subscribed"/>`);
    expect((await a.next((el) => el.name === "presence" && el.attrs.id === "yes")).attrs.type).toBe("error");
    expect(roster.size).toBe(300);
  });
});
