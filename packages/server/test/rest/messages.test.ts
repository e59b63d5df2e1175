import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import type { Element } from "ltx";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, type Client, rejection, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

/** What the REST side handed to the chat hub (XMPP delivery itself is tested with the XMPP server). */
let delivered: Array<{ userId: number; stanza: Element; offline?: string }> = [];
let originalDeliver: RunningServer["context"]["chat"]["deliverToUser"];
beforeEach(() => {
  delivered = [];
  originalDeliver = server.context.chat.deliverToUser;
  server.context.chat.deliverToUser = (userId, stanza, options) =>
    delivered.push({ userId, stanza, offline: options?.offline });
});
afterEach(() => {
  server.context.chat.deliverToUser = originalDeliver;
});

type U = { cc: Client; user: { id: number } };
let alice: U, bob: U, carol: U;
beforeAll(async () => {
  [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((name) => signedIn(server, name)));
});

const oid = (n: number) => `65f0a1b2c3d4e5f6${n.toString(16).padStart(8, "0")}`;

describe("create", () => {
  test("to a dialog or a recipient; custom params; idempotent _id; send_to_chat", async () => {
    const message = await alice.cc.chat.message.create({
      recipient_id: bob.user.id,
      message: "hi",
      send_to_chat: 1,
      city: "Kyiv",
      attachments: [{ type: "image", uid: "abc", size: 10 }],
      _id: oid(1),
    });
    expect(message).toMatchObject({
      _id: oid(1),
      message: "hi",
      sender_id: alice.user.id,
      recipient_id: bob.user.id,
      city: "Kyiv",
      attachments: [{ type: "image", uid: "abc", size: 10 }],
    });
    expect(typeof message.date_sent).toBe("number");
    const dialog = server.context.db.privateDialogOf(alice.user.id, bob.user.id);
    const dialogId = message.chat_dialog_id!;
    expect(dialog?._id).toBe(message.chat_dialog_id);
    expect(dialog?.last_message).toBe("hi");
    // Private: to the other occupant, stored while offline.
    expect(delivered.map((d) => [d.userId, d.offline])).toEqual([[bob.user.id, "store"]]);
    const stanza = delivered[0].stanza;
    expect(stanza.attrs).toMatchObject({ type: "chat", id: oid(1) });
    expect(stanza.getChildText("body")).toBe("hi");
    expect(stanza.getChild("extraParams")?.getChildText("dialog_id")).toBe(message.chat_dialog_id);

    // The same _id again is acknowledged, not stored or delivered twice.
    delivered = [];
    const again = await alice.cc.chat.message.create({
      chat_dialog_id: dialogId,
      message: "hi",
      send_to_chat: 1,
      _id: oid(1),
    });
    expect(again._id).toBe(oid(1));
    expect(delivered).toHaveLength(0);
    expect(server.context.db.messagesByDialog.get(dialogId)).toHaveLength(1);
    expect(
      (await rejection(bob.cc.chat.message.create({ chat_dialog_id: dialogId, message: "x", _id: oid(1) }))).code,
    ).toBe(422);
    expect((await rejection(alice.cc.chat.message.create({ chat_dialog_id: dialogId, _id: "nothex" }))).code).toBe(422);
  });

  test("a group message goes to every occupant, the sender included; outsiders can't post", async () => {
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "G",
      occupants_ids: [bob.user.id],
    });
    await bob.cc.chat.message.create({ chat_dialog_id: group._id, message: "to all", send_to_chat: 1 });
    expect(delivered.map((d) => d.userId).sort()).toEqual([alice.user.id, bob.user.id].sort());
    expect(delivered[0].stanza.attrs.type).toBe("groupchat");
    expect(
      (await rejection(carol.cc.chat.message.create({ chat_dialog_id: group._id, message: "intruder" }))).code,
    ).toBe(403);
    delivered = [];
    await bob.cc.chat.message.create({ chat_dialog_id: group._id, message: "quiet" });
    expect(delivered).toHaveLength(0);
  });
});

describe("history", () => {
  test("date_sent filters, sort, paging, count, mark_as_read", async () => {
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "History",
      occupants_ids: [bob.user.id, carol.user.id],
    });
    const base = 1_700_000_000;
    for (let i = 0; i < 5; i++) {
      await alice.cc.chat.message.create({
        chat_dialog_id: group._id,
        message: `m${i}`,
        date_sent: base + i * 10,
        _id: oid(100 + i),
      });
    }
    const page = await bob.cc.chat.message.list({
      chat_dialog_id: group._id,
      date_sent: { lt: base + 40 },
      sort_desc: "date_sent",
      limit: 2,
      skip: 1,
      mark_as_read: 0,
    });
    expect(page.items.map((m) => m.message)).toEqual(["m2", "m1"]);
    expect(page).toMatchObject({ limit: 2, skip: 1 });
    const ascending = await bob.cc.chat.message.list({
      chat_dialog_id: group._id,
      date_sent: { gte: base + 20 },
      mark_as_read: 0,
    });
    expect(ascending.items.map((m) => m.message)).toEqual(["m2", "m3", "m4"]);
    const count = await api(server, "GET", `/chat/Message.json?chat_dialog_id=${group._id}&count=1`, {
      token: tokenOf(bob.cc),
    });
    expect(count.body).toEqual({ items_count: 5 });

    expect((await bob.cc.chat.message.unreadCount({ chat_dialog_ids: [group._id] }))[group._id]).toBe(5);
    // Reading (without mark_as_read=0) marks what was returned read.
    const read = await bob.cc.chat.message.list({ chat_dialog_id: group._id, limit: 2 });
    expect(read.items.every((m) => m.read_ids?.includes(bob.user.id))).toBe(true);
    expect(await bob.cc.chat.message.unreadCount({ chat_dialog_ids: [group._id] })).toEqual({
      total: 3,
      [group._id]: 3,
    });
    const byIds = await api(
      server,
      "GET",
      `/chat/Message.json?chat_dialog_id=${group._id}&_id[in]=${oid(100)},${oid(104)}&mark_as_read=0`,
      { token: tokenOf(bob.cc) },
    );
    expect(byIds.body.items.map((m: { message: string }) => m.message)).toEqual(["m0", "m4"]);
  });

  test("outsiders can't read history, unless previewing a dialog that allows it", async () => {
    const open = await alice.cc.chat.dialog.create({
      type: DialogType.PUBLIC,
      name: "Preview",
      permissions: { allow_preview: true },
    });
    const closed = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Closed",
      occupants_ids: [bob.user.id],
    });
    for (let i = 0; i < 25; i++) await alice.cc.chat.message.create({ chat_dialog_id: open._id, message: `p${i}` });
    const preview = await carol.cc.chat.message.list({ chat_dialog_id: open._id, preview: 1 });
    expect(preview.items).toHaveLength(20);
    expect(preview.items[19].message).toBe("p24");
    expect(server.context.db.messagesByDialog.get(open._id)?.some((m) => m.read_ids.includes(carol.user.id))).toBe(
      false,
    );
    expect((await rejection(carol.cc.chat.message.list({ chat_dialog_id: closed._id }))).code).toBe(403);
    expect((await rejection(carol.cc.chat.message.list({ chat_dialog_id: closed._id, preview: 1 }))).code).toBe(403);
    expect((await rejection(carol.cc.chat.message.list({}))).code).toBe(422);
  });
});

describe("update and delete", () => {
  test("read, delivered, edit by the sender only, mark all read", async () => {
    const dialog = await alice.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [carol.user.id] });
    const one = await alice.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "one" });
    const two = await alice.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "two" });
    const three = await alice.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "three" });
    await carol.cc.chat.message.update(one._id, { chat_dialog_id: dialog._id, delivered: 1 });
    expect(server.context.db.messages.get(one._id)?.delivered_ids).toContain(carol.user.id);
    await carol.cc.chat.message.update(`${one._id},${two._id}`, { chat_dialog_id: dialog._id, read: 1 });
    expect(await carol.cc.chat.message.unreadCount()).toMatchObject({ [dialog._id]: 1 });

    await alice.cc.chat.message.update(three._id, { chat_dialog_id: dialog._id, message: "three!" });
    expect(server.context.db.messages.get(three._id)?.message).toBe("three!");
    expect(server.context.db.dialogs.get(dialog._id)?.last_message).toBe("three!");
    expect(
      (await rejection(carol.cc.chat.message.update(three._id, { chat_dialog_id: dialog._id, message: "nope" }))).code,
    ).toBe(403);

    // An empty id is PUT /chat/Message.json: the whole dialog.
    await carol.cc.chat.message.update("", { chat_dialog_id: dialog._id, read: 1 });
    expect(await carol.cc.chat.message.unreadCount({ chat_dialog_ids: dialog._id })).toEqual({
      total: 0,
      [dialog._id]: 0,
    });
    const list = await alice.cc.chat.dialog.list({ _id: dialog._id });
    expect(list.items[0].last_message_status).toBe("read");
    // Outsiders: 403 for a dialog they are not in (as for dialogs), 404 for what does not exist.
    expect((await rejection(bob.cc.chat.message.update(one._id, { chat_dialog_id: dialog._id, read: 1 }))).code).toBe(
      403,
    );
    expect((await rejection(bob.cc.chat.message.update(one._id, { read: 1 }))).code).toBe(403);
    expect((await rejection(carol.cc.chat.message.update(oid(424242), { read: 1 }))).code).toBe(404);
  });

  test("delete for self, and for everyone by the sender or an admin", async () => {
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Del",
      occupants_ids: [bob.user.id, carol.user.id],
    });
    const a = await bob.cc.chat.message.create({ chat_dialog_id: group._id, message: "a" });
    const b = await bob.cc.chat.message.create({ chat_dialog_id: group._id, message: "b" });
    const c = await carol.cc.chat.message.create({ chat_dialog_id: group._id, message: "c" });

    const mine = JSON.parse((await carol.cc.chat.message.delete(a._id)) as unknown as string);
    expect(mine).toEqual({
      SuccessfullyDeleted: { ids: [a._id] },
      NotFound: { ids: [] },
      WrongPermissions: { ids: [] },
    });
    expect((await carol.cc.chat.message.list({ chat_dialog_id: group._id })).items.map((m) => m._id)).toEqual([
      b._id,
      c._id,
    ]);
    expect((await bob.cc.chat.message.list({ chat_dialog_id: group._id })).items).toHaveLength(3);

    delivered = [];
    const outsider = await signedIn(server, "outsider");
    const notTheirs = JSON.parse((await outsider.cc.chat.message.delete(b._id)) as unknown as string);
    expect(notTheirs.WrongPermissions.ids).toEqual([b._id]);
    const forced = JSON.parse(
      (await carol.cc.chat.message.delete([b._id, c._id, oid(999)], { force: 1 })) as unknown as string,
    );
    expect(forced).toEqual({
      SuccessfullyDeleted: { ids: [c._id] },
      NotFound: { ids: [oid(999)] },
      WrongPermissions: { ids: [b._id] },
    });
    expect(delivered.map((d) => d.userId).sort()).toEqual([alice.user.id, bob.user.id, carol.user.id].sort());
    expect(delivered[0].stanza.getChild("remove")?.attrs.id).toBe(c._id);

    // The owner may delete anyone's message for everyone; force also comes from the form body.
    const byOwner = await api(server, "DELETE", `/chat/Message/${b._id}.json`, {
      token: tokenOf(alice.cc),
      body: "force=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
    });
    expect(byOwner.body.SuccessfullyDeleted.ids).toEqual([b._id]);
    expect(server.context.db.messages.has(b._id)).toBe(false);
  });
});

describe("unread, reactions, system messages", () => {
  test("unread counts accept joined ids, dialogs_ids[] and no ids", async () => {
    const d1 = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "U1",
      occupants_ids: [carol.user.id],
    });
    const d2 = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "U2",
      occupants_ids: [carol.user.id],
    });
    await alice.cc.chat.message.create({ chat_dialog_id: d1._id, message: "x" });
    await alice.cc.chat.message.create({ chat_dialog_id: d2._id, message: "y" });
    await alice.cc.chat.message.create({ chat_dialog_id: d2._id, message: "z" });
    expect(await carol.cc.chat.message.unreadCount({ chat_dialog_ids: [d1._id, d2._id] })).toEqual({
      total: 3,
      [d1._id]: 1,
      [d2._id]: 2,
    });
    const docsStyle = await api(server, "GET", `/chat/Message/unread.json?dialogs_ids[]=${d2._id}`, {
      token: tokenOf(carol.cc),
    });
    expect(docsStyle.body).toEqual({ total: 2, [d2._id]: 2 });
    const all = await carol.cc.chat.message.unreadCount();
    expect(all[d1._id]).toBe(1);
    expect(all.total).toBeGreaterThanOrEqual(3);
  });

  test("reactions: add, replace, remove, list; occupants are told", async () => {
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "R",
      occupants_ids: [bob.user.id],
    });
    const message = await alice.cc.chat.message.create({ chat_dialog_id: group._id, message: "react to me" });
    await bob.cc.chat.message.addReaction(message._id, "👍");
    await alice.cc.chat.message.addReaction(message._id, "👍");
    expect(await alice.cc.chat.message.listReactions(message._id)).toEqual({ "👍": [bob.user.id, alice.user.id] });
    expect(delivered.map((d) => d.userId).sort()).toEqual(
      [alice.user.id, alice.user.id, bob.user.id, bob.user.id].sort(),
    );
    const reactions = delivered[0].stanza.getChild("reactions");
    expect(reactions?.attrs).toMatchObject({ user_id: String(bob.user.id), message_id: message._id });

    await bob.cc.chat.message.updateReaction(message._id, "🎉", "👍");
    await alice.cc.chat.message.removeReaction(message._id, "👍");
    expect(await bob.cc.chat.message.listReactions(message._id)).toEqual({ "🎉": [bob.user.id] });
    const history = await bob.cc.chat.message.list({ chat_dialog_id: group._id, mark_as_read: 0 });
    expect(history.items[0].reactions).toEqual({ own: ["🎉"], total: { "🎉": 1 } });
    expect((await rejection(carol.cc.chat.message.addReaction(message._id, "👍"))).code).toBe(403);
    expect((await rejection(carol.cc.chat.message.listReactions(oid(424243)))).code).toBe(404);
    expect((await rejection(bob.cc.chat.message.updateReaction(message._id))).code).toBe(422);
  });

  test("pushes for offline occupants show up at /_dev/pushes (no auth)", async () => {
    const dialog = await alice.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [carol.user.id] });
    const message = await alice.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "are you there?" });
    const pushes = await api(server, "GET", `/_dev/pushes?user_id=${carol.user.id}`);
    expect(pushes.status).toBe(200);
    expect(pushes.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: carol.user.id, message_id: message._id, body: "are you there?" }),
      ]),
    );
    expect(
      (await api(server, "GET", `/_dev/pushes?user_id=${alice.user.id}`)).body.items.some(
        (p: { message_id: string }) => p.message_id === message._id,
      ),
    ).toBe(false);
  });

  test("system messages go to the recipient only", async () => {
    const answer = await alice.cc.chat.message.createSystem({ recipientId: bob.user.id, action: "ping", count: 2 });
    expect(answer).toMatchObject({ recipientId: bob.user.id, extensionParams: { action: "ping", count: "2" } });
    expect(answer.messageId).toMatch(/^[0-9a-f]{24}$/);
    expect(delivered.map((d) => d.userId)).toEqual([bob.user.id]);
    const stanza = delivered[0].stanza;
    expect(stanza.attrs).toMatchObject({ type: "headline", id: answer.messageId });
    expect(stanza.getChild("extraParams")?.getChildText("moduleIdentifier")).toBe("SystemNotifications");
    expect((await rejection(alice.cc.chat.message.createSystem({ recipientId: 987654 }))).code).toBe(422);
  });
});

describe("order", () => {
  test("history breaks date_sent ties by arrival at the server, not by _id, in both directions", async () => {
    // Ids descending within one second, as random low bits may well be.
    const ids = [9, 7, 5, 3, 1].map((n) => oid(0x7000 + n));
    const at = Math.floor(Date.now() / 1000);
    for (const _id of ids)
      await carol.cc.chat.message.create({ recipient_id: bob.user.id, message: _id, _id, date_sent: at });
    const dialogId = server.context.db.privateDialogOf(carol.user.id, bob.user.id)!._id;
    const asc = await bob.cc.chat.message.list({ chat_dialog_id: dialogId, mark_as_read: 0 });
    expect(asc.items.map((m: { _id: string }) => m._id)).toEqual(ids);
    const desc = await bob.cc.chat.message.list({ chat_dialog_id: dialogId, sort_desc: "date_sent", mark_as_read: 0 });
    expect(desc.items.map((m: { _id: string }) => m._id)).toEqual([...ids].reverse());
    expect(JSON.stringify(desc.items)).not.toContain('"seq"'); // the arrival number never reaches the wire
  });
});
