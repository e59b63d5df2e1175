import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { jidOf, makeDialog, makeUser, oid, roomOf } from "../helpers/fixtures.js";
import { RawXmpp, text } from "../helpers/rawXmpp.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

const login = (user: { id: number }, options?: Parameters<typeof RawXmpp.login>[3]) =>
  RawXmpp.login(server.chatUrl, `${user.id}-${server.appId}`, "password1", options);
const extra = (dialogId: string, more = "") =>
  `<extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${dialogId}</dialog_id>${more}</extraParams>`;

describe("1-1 chat", () => {
  it("stores a save_to_history message, stamps date_sent, updates the dialog and delivers it from the sender's full JID", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice);
    const b = await login(bob);
    const id = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>hello</body>${extra(dialog._id, "<city>Kyiv</city>")}</message>`,
    );
    const got = await b.next("message");
    expect(got.attrs).toMatchObject({ from: a.jid, type: "chat", id, to: b.jid });
    expect(text(got, "body")).toBe("hello");
    expect(text(got, "extraParams", "dialog_id")).toBe(dialog._id);
    expect(Number(text(got, "extraParams", "date_sent"))).toBeGreaterThan(1_700_000_000);
    const stored = server.context.db.messages.get(id)!;
    expect(stored).toMatchObject({
      message: "hello",
      sender_id: alice.id,
      recipient_id: bob.id,
      custom: { city: "Kyiv" },
    });
    expect(dialog).toMatchObject({ last_message: "hello", last_message_id: id, last_message_user_id: alice.id });
    await Promise.all([a.close(), b.close()]);
  });

  it("creates the private dialog on the first message when none is named", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const a = await login(alice);
    const id = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>first</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history></extraParams></message>`,
    );
    a.send(`<iq type="get" id="sync"><ping xmlns="urn:xmpp:ping"/></iq>`);
    await a.next((el) => el.attrs.id === "sync");
    const dialog = server.context.db.privateDialogOf(alice.id, bob.id);
    expect(dialog?.last_message_id).toBe(id);
    await a.close();
  });

  it("keeps messages for an offline user and delivers them with <delay> after initial presence", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice);
    const ids = [oid(), oid()];
    for (const id of ids)
      a.send(
        `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>${id}</body>${extra(dialog._id)}</message>`,
      );
    a.send(`<iq type="get" id="sync"><ping xmlns="urn:xmpp:ping"/></iq>`);
    await a.next((el) => el.attrs.id === "sync");
    const b = await login(bob);
    expect(await b.nothing("message")).toBe(true); // nothing before initial presence
    b.send(`<presence/>`);
    const first = await b.next("message");
    const second = await b.next("message");
    expect([first.attrs.id, second.attrs.id]).toEqual(ids);
    expect(first.getChild("delay", "urn:xmpp:delay")?.attrs.stamp).toBeTruthy();
    await Promise.all([a.close(), b.close()]);
  });

  it("keeps a message that arrives between bind and initial presence behind the stored ones", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice);
    const ids = [oid(), oid(), oid()];
    const sendOne = (id: string) =>
      a.send(
        `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>${id}</body>${extra(dialog._id)}</message>`,
      );
    const sync = async () => {
      a.send(`<iq type="get" id="sync"><ping xmlns="urn:xmpp:ping"/></iq>`);
      await a.next((el) => el.attrs.id === "sync");
    };
    sendOne(ids[0]);
    sendOne(ids[1]);
    await sync();
    const b = await login(bob); // bound, not yet available
    sendOne(ids[2]);
    await sync();
    b.send(`<presence/>`);
    const got = [await b.next("message"), await b.next("message"), await b.next("message")];
    expect(got.map((m) => m.attrs.id)).toEqual(ids);
    expect(await b.nothing("message")).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("acknowledges a message whose id it already holds without storing or delivering it again", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice, { sm: true });
    const b = await login(bob);
    const id = oid();
    const stanza = `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>once</body>${extra(dialog._id)}</message>`;
    a.send(stanza);
    a.send(`<r xmlns="urn:xmpp:sm:3"/>`);
    expect((await a.next("a")).attrs.h).toBe("1");
    a.send(stanza);
    a.send(`<r xmlns="urn:xmpp:sm:3"/>`);
    expect((await a.next("a")).attrs.h).toBe("2");
    await b.next("message");
    expect(await b.nothing("message")).toBe(true);
    expect(server.context.db.messagesByDialog.get(dialog._id)!.filter((m) => m._id === id)).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it("relays markers and records them in delivered_ids / read_ids and the sender's last_message_status", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice);
    const b = await login(bob);
    const id = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>mark me</body>${extra(dialog._id)}</message>`,
    );
    await b.next("message");
    b.send(
      `<message to="${jidOf(server, alice)}" type="chat" id="${oid()}"><received xmlns="urn:xmpp:chat-markers:0" id="${id}"/><extraParams xmlns="jabber:client"><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    const received = await a.next((el) => !!el.getChild("received"));
    expect(received.attrs.from).toBe(b.jid);
    expect(server.context.db.messages.get(id)!.delivered_ids).toContain(bob.id);
    b.send(
      `<message to="${jidOf(server, alice)}" type="chat" id="${oid()}"><displayed xmlns="urn:xmpp:chat-markers:0" id="${id}"/><extraParams xmlns="jabber:client"><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    await a.next((el) => !!el.getChild("displayed"));
    expect(server.context.db.messages.get(id)!.read_ids).toContain(bob.id);
    await Promise.all([a.close(), b.close()]);
  });

  it("relays chat states without storing them, and applies corrections and removals to history", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const a = await login(alice);
    const b = await login(bob);
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
    expect((await b.next("message")).getChild("composing")).toBeTruthy();
    const id = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>tpyo</body>${extra(dialog._id)}</message>`,
    );
    await b.next((el) => el.attrs.id === id);
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${oid()}"><body>typo</body><replace xmlns="urn:xmpp:message-correct:0" id="${id}" last="true"/><extraParams xmlns="jabber:client"><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    expect(text(await b.next((el) => !!el.getChild("replace")), "body")).toBe("typo");
    expect(server.context.db.messages.get(id)!.message).toBe("typo");
    // bob may not rewrite alice's message
    b.send(
      `<message to="${jidOf(server, alice)}" type="chat" id="${oid()}"><body>hacked</body><replace xmlns="urn:xmpp:message-correct:0" id="${id}"/><extraParams xmlns="jabber:client"><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    await a.next((el) => !!el.getChild("replace"));
    expect(server.context.db.messages.get(id)!.message).toBe("typo");
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${oid()}"><remove xmlns="urn:xmpp:message-delete:0" id="${id}"/><extraParams xmlns="jabber:client"><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    await b.next((el) => !!el.getChild("remove"));
    expect(server.context.db.messages.has(id)).toBe(false);
    expect(dialog.last_message_id).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });

  it("sends carbons of outgoing messages to the sender's other resources", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const phone = await login(alice, { resource: "phone" });
    const laptop = await login(alice, { resource: "laptop" });
    laptop.send(`<iq type="set" id="c1"><enable xmlns="urn:xmpp:carbons:2"/></iq>`);
    await laptop.next((el) => el.attrs.id === "c1");
    phone.send(`<message to="${jidOf(server, bob)}" type="chat" id="${oid()}"><body>from my phone</body></message>`);
    const carbon = await laptop.next("message");
    const inner = carbon.getChild("sent", "urn:xmpp:carbons:2")?.getChild("forwarded")?.getChild("message");
    expect(text(inner!, "body")).toBe("from my phone");
    await Promise.all([phone.close(), laptop.close()]);
  });

  it("refuses a dialog_id the sender does not belong to", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const mallory = makeUser(server, "mallory");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const m = await login(mallory);
    const id = oid();
    m.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>intrude</body>${extra(dialog._id)}</message>`,
    );
    const error = await m.next("message");
    expect(error.attrs).toMatchObject({ type: "error", id });
    expect(server.context.db.messages.has(id)).toBe(false);
    await m.close();
  });
});

describe("group chat", () => {
  it("delivers to every occupant whether or not they joined, echoes to the sender, and stores it", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob, carol], "Team");
    const a = await login(alice);
    const b = await login(bob);
    const c = await login(carol);
    a.send(
      `<presence to="${roomOf(server, dialog)}/${alice.id}" id="j1"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`,
    );
    const self = await a.next((el) => el.name === "presence" && el.attrs.id === "j1");
    expect(self.getChild("x")?.getChild("status")?.attrs.code).toBe("110");
    const id = oid();
    a.send(
      `<message to="${roomOf(server, dialog)}" type="groupchat" id="${id}"><body>hi all</body>${extra(dialog._id)}</message>`,
    );
    for (const client of [a, b, c]) {
      const got = await client.next((el) => el.name === "message" && el.attrs.id === id);
      expect(got.attrs).toMatchObject({ type: "groupchat", from: `${roomOf(server, dialog)}/${alice.id}` });
    }
    expect(server.context.db.messages.get(id)?.recipient_id).toBe(0);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it("tells joined occupants about joins and leaves and lists them with disco#items", async () => {
    const [alice, bob] = [makeUser(server, "alice"), makeUser(server, "bob")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob], "Team");
    const a = await login(alice);
    const b = await login(bob);
    a.send(
      `<presence to="${roomOf(server, dialog)}/${alice.id}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
    );
    await a.next("presence");
    b.send(`<presence to="${roomOf(server, dialog)}/${bob.id}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    const joined = await a.next("presence");
    expect(joined.attrs.from).toBe(`${roomOf(server, dialog)}/${bob.id}`);
    a.send(
      `<iq type="get" to="${roomOf(server, dialog)}" id="d1"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>`,
    );
    const items = (await a.next((el) => el.attrs.id === "d1"))
      .getChild("query")!
      .getChildren("item")
      .map((i) => i.attrs.jid);
    expect(items.sort()).toEqual(
      [`${roomOf(server, dialog)}/${alice.id}`, `${roomOf(server, dialog)}/${bob.id}`].sort(),
    );
    b.send(`<presence type="unavailable" to="${roomOf(server, dialog)}/${bob.id}"/>`);
    const left = await a.next((el) => el.name === "presence" && el.attrs.type === "unavailable");
    expect(left.attrs.from).toBe(`${roomOf(server, dialog)}/${bob.id}`);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses group messages and joins from non-occupants", async () => {
    const [alice, bob, mallory] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "mallory")];
    const dialog = makeDialog(server, alice, DialogType.GROUP, [bob], "Team");
    const m = await login(mallory);
    const id = oid();
    m.send(
      `<message to="${roomOf(server, dialog)}" type="groupchat" id="${id}"><body>let me in</body>${extra(dialog._id)}</message>`,
    );
    const error = await m.next("message");
    expect(error.attrs.type).toBe("error");
    expect(error.getChild("error")?.getChild("forbidden")).toBeTruthy();
    m.send(
      `<presence to="${roomOf(server, dialog)}/${mallory.id}" id="j"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
    );
    expect((await m.next("presence")).attrs.type).toBe("error");
    expect(server.context.db.messages.has(id)).toBe(false);
    await m.close();
  });
});
