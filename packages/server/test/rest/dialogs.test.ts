import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, type Client, rejection, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
let now = Date.now();
beforeAll(async () => {
  // A clock the tests move forward, so `updated_at` comparisons never depend on timing.
  server = await startServer({ port: 0, clock: () => now });
});
afterAll(async () => {
  await server.close();
});
const tick = (ms = 2000) => (now += ms);

type U = { cc: Client; user: { id: number } };
let alice: U, bob: U, carol: U, dave: U;
beforeAll(async () => {
  [alice, bob, carol, dave] = await Promise.all(
    ["alice", "bob", "carol", "dave"].map((name) => signedIn(server, name)),
  );
});

describe("create", () => {
  test("every type; private dialogs are unique per pair; occupants as a joined string", async () => {
    const privateDialog = await alice.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [bob.user.id] });
    expect(privateDialog).toMatchObject({ type: 3, user_id: alice.user.id, xmpp_room_jid: null });
    expect(privateDialog.occupants_ids.sort()).toEqual([alice.user.id, bob.user.id].sort());
    const again = await bob.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [alice.user.id] });
    expect(again._id).toBe(privateDialog._id);
  });

  test("a private dialog is named after the other occupant for each viewer: full name, else login", async () => {
    const erin = await signedIn(server, "erin", { full_name: "Erin Example" });
    const frank = await signedIn(server, "frank");
    const dialog = await erin.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [frank.user.id] });
    expect(dialog.name).toBe(frank.login);
    const [seenByFrank] = (await frank.cc.chat.dialog.list({ _id: dialog._id })).items;
    expect(seenByFrank.name).toBe("Erin Example");
    await frank.cc.users.update({ full_name: "Frank Fictional" });
    expect((await erin.cc.chat.dialog.list({ _id: dialog._id })).items[0].name).toBe("Frank Fictional");
    expect((await erin.cc.chat.dialog.list({ name: { ctn: "fictional" } } as never)).items.map((d) => d._id)).toEqual([
      dialog._id,
    ]);
    expect((await frank.cc.chat.dialog.list({ name: "Erin Example" } as never)).items.map((d) => d._id)).toEqual([
      dialog._id,
    ]);
    await erin.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "hello Frank" });
    const pushes = await api(server, "GET", `/_dev/pushes?user_id=${frank.user.id}`);
    expect(pushes.body.items).toEqual([
      expect.objectContaining({ dialog_id: dialog._id, dialog_name: "Erin Example" }),
    ]);

    // The SDK sends occupants_ids as "202, 303"; the docs send an array.
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Group",
      occupants_ids: [bob.user.id, carol.user.id],
    });
    expect(group.occupants_ids).toEqual([alice.user.id, bob.user.id, carol.user.id]);
    expect(group.xmpp_room_jid).toBe(`${server.appId}_${group._id}@muc.${server.domain}`);
    const raw = await api(server, "POST", "/chat/Dialog.json", {
      token: tokenOf(alice.cc),
      json: { type: 2, name: "Raw", occupants_ids: [bob.user.id] },
    });
    expect(raw.status).toBe(201);

    const publicDialog = await alice.cc.chat.dialog.create({
      type: DialogType.PUBLIC,
      name: "Lobby",
      extensions: { topic: "news" },
      permissions: { allow_preview: true },
    });
    expect(publicDialog).toMatchObject({
      type: 1,
      occupants_count: 1,
      extensions: { topic: "news" },
      permissions: { allow_preview: true },
    });
    const broadcast = await alice.cc.chat.dialog.create({ type: DialogType.BROADCAST, name: "News" });
    expect(broadcast.type).toBe(4);

    const invalid = await rejection(
      alice.cc.chat.dialog.create({ type: DialogType.GROUP, name: "x", occupants_ids: [987654] }),
    );
    expect(invalid.code).toBe(422);
  });
});

describe("list", () => {
  test("updated_at[gt], filters, sort, paging and count", async () => {
    const viewer = await signedIn(server, "lister");
    const other = await signedIn(server, "lister2");
    tick();
    const first = await viewer.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "First",
      occupants_ids: [other.user.id],
      extensions: { color: "red" },
    });
    tick();
    const second = await viewer.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Second",
      occupants_ids: [other.user.id],
    });
    tick();
    const third = await viewer.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [other.user.id] });

    const all = await viewer.cc.chat.dialog.list();
    expect(all.items.map((d) => d._id)).toEqual([third._id, second._id, first._id]);
    expect(all).toMatchObject({ total_entries: 3, skip: 0, limit: 100 });

    // Stored times keep their milliseconds, so a bound in whole seconds never misses a change: take the next second.
    const since = Math.floor(Date.parse(second.updated_at) / 1000) + 1;
    const delta = await viewer.cc.chat.dialog.list({ updated_at: { gt: String(since) } });
    expect(delta.items.map((d) => d._id)).toEqual([third._id]);
    const isoDelta = await api(
      server,
      "GET",
      `/chat/Dialog.json?updated_at[gt]=${encodeURIComponent(first.updated_at)}`,
      { token: tokenOf(viewer.cc) },
    );
    expect(isoDelta.body.items.map((d: { _id: string }) => d._id).sort()).toEqual([second._id, third._id].sort());

    const groups = await viewer.cc.chat.dialog.list({ type: { in: [DialogType.GROUP] }, sort_asc: "created_at" });
    expect(groups.items.map((d) => d._id)).toEqual([first._id, second._id]);
    const byName = await viewer.cc.chat.dialog.list({ name: { ctn: "sec" } });
    expect(byName.items.map((d) => d._id)).toEqual([second._id]);
    const byExtension = await api(server, "GET", "/chat/Dialog.json?extensions[color]=red", {
      token: tokenOf(viewer.cc),
    });
    expect(byExtension.body.items.map((d: { _id: string }) => d._id)).toEqual([first._id]);
    const notPrivate = await viewer.cc.chat.dialog.list({ type: { ne: DialogType.PRIVATE }, sort_desc: "date_sent" });
    expect(notPrivate.items.map((d) => d._id)).toEqual([second._id, first._id]);

    const page = await viewer.cc.chat.dialog.list({ limit: 1, skip: 1 });
    expect(page).toMatchObject({ total_entries: 3, limit: 1, skip: 1 });
    expect(page.items.map((d) => d._id)).toEqual([second._id]);
    const count = await api(server, "GET", "/chat/Dialog.json?count=1", { token: tokenOf(viewer.cc) });
    expect(count.body).toEqual({ items_count: 3 });
    const bad = await api(server, "GET", "/chat/Dialog.json?limit=abc", { token: tokenOf(viewer.cc) });
    expect(bad).toMatchObject({ status: 422, body: { errors: { limit: ["must be an integer"] } } });
  });

  test("public dialogs the user has not joined are found by _id only", async () => {
    const owner = await signedIn(server, "pubowner");
    const stranger = await signedIn(server, "stranger");
    const lobby = await owner.cc.chat.dialog.create({ type: DialogType.PUBLIC, name: "Open" });
    expect((await stranger.cc.chat.dialog.list()).items).toHaveLength(0);
    const found = await stranger.cc.chat.dialog.list({ _id: lobby._id });
    expect(found.items.map((d) => d._id)).toEqual([lobby._id]);
  });
});

describe("update", () => {
  test("name and occupants by the owner; admins and pinned messages; leaving", async () => {
    const group = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Team",
      occupants_ids: [bob.user.id],
    });
    tick();
    const renamed = await alice.cc.chat.dialog.update(group._id, {
      name: "Team 2",
      description: "d",
      push_all: { occupants_ids: [carol.user.id, dave.user.id] },
    });
    expect(renamed).toMatchObject({ name: "Team 2", description: "d" });
    expect(renamed.occupants_ids).toEqual([alice.user.id, bob.user.id, carol.user.id, dave.user.id]);
    expect(Date.parse(renamed.updated_at)).toBeGreaterThan(Date.parse(group.updated_at));

    // Only the owner changes admins; admins then edit like the owner.
    expect((await rejection(bob.cc.chat.dialog.addAdmins(group._id, [carol.user.id]))).code).toBe(403);
    const withAdmin = await alice.cc.chat.dialog.addAdmins(group._id, [bob.user.id]);
    expect(withAdmin.admins_ids).toEqual([bob.user.id]);
    const byAdmin = await bob.cc.chat.dialog.update(group._id, {
      pull_all: { occupants_ids: [dave.user.id] },
      photo: "p.png",
    });
    expect(byAdmin.occupants_ids).not.toContain(dave.user.id);
    expect(byAdmin.photo).toBe("p.png");
    expect((await rejection(carol.cc.chat.dialog.update(group._id, { name: "Nope" }))).code).toBe(403);
    expect(
      (await rejection(bob.cc.chat.dialog.update(group._id, { pull_all: { occupants_ids: [alice.user.id] } }))).code,
    ).toBe(403);

    const message = await alice.cc.chat.message.create({ chat_dialog_id: group._id, message: "pin me" });
    const pinned = await bob.cc.chat.dialog.update(group._id, { push_all: { pinned_messages_ids: [message._id] } });
    expect(pinned.pinned_messages_ids).toEqual([message._id]);
    const unpinned = await alice.cc.chat.dialog.update(group._id, {
      pull_all: { pinned_messages_ids: [message._id] },
      extensions: { a: "1" },
    });
    expect(unpinned).toMatchObject({ pinned_messages_ids: [], extensions: { a: "1" } });
    const cleared = await api(server, "PUT", `/chat/Dialog/${group._id}.json`, {
      token: tokenOf(alice.cc),
      json: { extensions: null },
    });
    expect(cleared.body.extensions).toBeNull();

    const notOccupant = await rejection(
      alice.cc.chat.dialog.update(group._id, { push_all: { admins_ids: [dave.user.id] } }),
    );
    expect(notOccupant.code).toBe(422);
    const removed = await alice.cc.chat.dialog.removeAdmins(group._id, [bob.user.id]);
    expect(removed.admins_ids).toEqual([]);

    // Any occupant may leave.
    const left = await carol.cc.chat.dialog.update(group._id, { pull_all: { occupants_ids: [carol.user.id] } });
    expect(left.occupants_ids).not.toContain(carol.user.id);
  });

  test("private dialogs keep their occupants; non-occupants can't update", async () => {
    const privateDialog = await carol.cc.chat.dialog.create({
      type: DialogType.PRIVATE,
      occupants_ids: [dave.user.id],
    });
    expect(
      (
        await rejection(
          carol.cc.chat.dialog.update(privateDialog._id, { push_all: { occupants_ids: [alice.user.id] } }),
        )
      ).code,
    ).toBe(403);
    expect((await rejection(alice.cc.chat.dialog.update(privateDialog._id, { description: "x" }))).code).toBe(403);
    const missing = await rejection(alice.cc.chat.dialog.update("0123456789abcdef01234567", { description: "x" }));
    expect(missing.code).toBe(404);
  });
});

describe("delete", () => {
  test("for self and with force, one or several ids", async () => {
    const owner = await signedIn(server, "delowner");
    const member = await signedIn(server, "delmember");
    const one = await owner.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "One",
      occupants_ids: [member.user.id],
    });
    const two = await owner.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Two",
      occupants_ids: [member.user.id],
    });
    const pair = await owner.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [member.user.id] });

    // The member leaves a group without force, and hides the private dialog.
    expect(await member.cc.chat.dialog.delete(one._id)).toBe("");
    await member.cc.chat.dialog.delete(pair._id);
    const memberList = await member.cc.chat.dialog.list();
    expect(memberList.items.map((d) => d._id)).toEqual([two._id]);
    expect((await owner.cc.chat.dialog.list({ _id: one._id })).items[0].occupants_ids).toEqual([owner.user.id]);

    // Force by a non-owner: WrongPermissions; several ids answer a summary.
    const summary = await member.cc.chat.dialog.delete([two._id, "0123456789abcdef01234567"], { force: 1 });
    expect(summary).toEqual({
      SuccessfullyDeleted: { ids: [] },
      NotFound: { ids: ["0123456789abcdef01234567"] },
      WrongPermissions: { ids: [two._id] },
    });
    const single = await rejection(member.cc.chat.dialog.delete(two._id, { force: 1 }));
    expect(single.code).toBe(403);

    // The owner deletes for everyone; force is read from the form body.
    const forced = await api(server, "DELETE", `/chat/Dialog/${two._id}.json`, {
      token: tokenOf(owner.cc),
      body: "force=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
    });
    expect(forced.status).toBe(200);
    expect(server.context.db.dialogs.has(two._id)).toBe(false);
    const both = await owner.cc.chat.dialog.delete([one._id, pair._id], { force: 1 });
    expect(both).toMatchObject({ SuccessfullyDeleted: { ids: [one._id, pair._id] } });
  });

  test("clear history: for self, or for everyone by the owner", async () => {
    const owner = await signedIn(server, "clrowner");
    const member = await signedIn(server, "clrmember");
    const dialog = await owner.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Clr",
      occupants_ids: [member.user.id],
    });
    await owner.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "one" });
    await member.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "two" });
    await member.cc.chat.dialog.clearHistory(dialog._id);
    expect((await member.cc.chat.message.list({ chat_dialog_id: dialog._id })).items).toHaveLength(0);
    expect((await owner.cc.chat.message.list({ chat_dialog_id: dialog._id })).items).toHaveLength(2);
    const notOwner = await api(server, "DELETE", `/chat/Dialog/clearHistory/${dialog._id}.json?force=1`, {
      token: tokenOf(member.cc),
    });
    expect(notOwner.status).toBe(403);
    const byOwner = await api(server, "DELETE", `/chat/Dialog/clearHistory/${dialog._id}.json`, {
      token: tokenOf(owner.cc),
      body: "force=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(byOwner.status).toBe(200);
    expect(server.context.db.messagesByDialog.get(dialog._id)).toHaveLength(0);
  });
});

describe("public dialogs, occupants, notifications", () => {
  test("subscribe, list occupants, unsubscribe", async () => {
    const owner = await signedIn(server, "subowner");
    const fan = await signedIn(server, "fan");
    const lobby = await owner.cc.chat.dialog.create({ type: DialogType.PUBLIC, name: "Fans" });
    const joined = await fan.cc.chat.dialog.subscribe(lobby._id);
    expect(joined.occupants_ids).toEqual([owner.user.id, fan.user.id]);
    const occupants = await fan.cc.chat.dialog.getPublicOccupants(lobby._id, { limit: 1, skip: 1 });
    expect(occupants.items.map((u) => u.id)).toEqual([fan.user.id]);
    await fan.cc.chat.dialog.unsubscribe(lobby._id);
    expect(server.context.db.dialogs.get(lobby._id)?.occupants_ids).toEqual([owner.user.id]);
    const group = await owner.cc.chat.dialog.create({ type: DialogType.GROUP, name: "Closed", occupants_ids: [] });
    expect((await rejection(fan.cc.chat.dialog.subscribe(group._id))).code).toBe(403);
    expect((await rejection(fan.cc.chat.dialog.getPublicOccupants(group._id))).code).toBe(403);
  });

  test("notification settings per user", async () => {
    const dialog = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Mute",
      occupants_ids: [bob.user.id],
    });
    expect(await bob.cc.chat.dialog.getNotificationsSettings(dialog._id)).toEqual({ notifications: { enabled: 1 } });
    expect(await bob.cc.chat.dialog.updateNotificationsSettings(dialog._id, false)).toEqual({
      notifications: { enabled: 0 },
    });
    expect(await bob.cc.chat.dialog.getNotificationsSettings(dialog._id)).toEqual({ notifications: { enabled: 0 } });
    expect(await alice.cc.chat.dialog.getNotificationsSettings(dialog._id)).toEqual({ notifications: { enabled: 1 } });
    expect((await rejection(carol.cc.chat.dialog.getNotificationsSettings(dialog._id))).code).toBe(403);
  });
});
