import { describe, expect, it } from "@jest/globals";
import { type ChatClient, DialogType } from "../../src/index.js";
import { createTestUser, type TestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

const fixture = serverPerFile();
const { clients } = fixture;

async function online(user: TestUser): Promise<ChatClient> {
  const client = await onlineClient(fixture.server, user);
  clients.push(client);
  return client;
}

async function pair() {
  const [aliceUser, bobUser] = [
    await createTestUser(fixture.server, "alice"),
    await createTestUser(fixture.server, "bob"),
  ];
  const [alice, bob] = [await online(aliceUser), await online(bobUser)];
  return { alice, bob, aliceUser, bobUser };
}

const statusOf = (client: ChatClient, dialogId: string, messageId: string) =>
  client.messages
    .forDialog(dialogId)
    .get()
    .items.find((m) => m.id === messageId)?.status;

describe("client.privacy against the real server", () => {
  it("a mutual block stops 1-1 messages both ways with `blocked`; unblock lets them through again", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await valueOf(bob.dialogs.list, (l) => l.some((d) => d.id === dialog.id), "bob's dialog");
    await valueOf(alice.privacy, (s) => s.loaded, "alice's lists read on connect");

    await alice.privacy.block(bobUser.id);
    expect(alice.privacy.get()).toMatchObject({
      defaultName: "DEFAULT",
      lists: { DEFAULT: [{ userId: bobUser.id, action: "deny", mutual: true }] },
    });
    expect(alice.privacy.get().blocked.has(bobUser.id)).toBe(true);

    const fromBob = await bob.messages.send(dialog.id, { body: "can you hear me?" });
    const bounced = await valueOf(
      bob.messages.forDialog(dialog.id),
      (w) => w.items.find((m) => m.id === fromBob.id)?.status === "failed",
      "bob's message to fail",
    );
    expect(bounced.items.find((m) => m.id === fromBob.id)?.error).toMatchObject({ code: "blocked" });
    const fromAlice = await alice.messages.send(dialog.id, { body: "nor can I write" });
    await valueOf(
      alice.messages.forDialog(dialog.id),
      (w) => w.items.find((m) => m.id === fromAlice.id)?.status === "failed",
      "alice's own message to fail (mutual)",
    );

    await alice.privacy.unblock(bobUser.id);
    expect(alice.privacy.get()).toMatchObject({ defaultName: null, lists: {} });
    const again = await bob.messages.send(dialog.id, { body: "and now?" });
    await valueOf(
      alice.messages.forDialog(dialog.id),
      (w) => w.items.some((m) => m.id === again.id),
      "alice to receive it",
    );
    void aliceUser;
  });

  it("a one-way block: the blocked user's messages bounce, the blocker still writes; their group messages are not delivered", async () => {
    const { alice, bob, bobUser } = await pair();
    const carolUser = await createTestUser(fixture.server, "carol");
    const carol = await online(carolUser);
    const group = await carol.dialogs.create({
      type: DialogType.GROUP,
      name: "Trio",
      occupantIds: [bobUser.id, alice.session.get()!.user.id],
    });
    const direct = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await valueOf(
      bob.dialogs.list,
      (l) => l.some((d) => d.id === group.id) && l.some((d) => d.id === direct.id),
      "bob's dialogs",
    );
    await valueOf(alice.dialogs.list, (l) => l.some((d) => d.id === group.id), "alice's group");
    await alice.privacy.block(bobUser.id, { mutual: false });

    const mine = await alice.messages.send(direct.id, { body: "I still can" });
    await valueOf(
      bob.messages.forDialog(direct.id),
      (w) => w.items.some((m) => m.id === mine.id),
      "bob receives alice's message",
    );
    const theirs = await bob.messages.send(direct.id, { body: "me too?" });
    await valueOf(
      bob.messages.forDialog(direct.id),
      (w) => w.items.find((m) => m.id === theirs.id)?.status === "failed",
      "bob's 1-1 bounces",
    );

    alice.messages.forDialog(group.id).subscribe(() => {});
    await valueOf(
      alice.messages.forDialog(group.id),
      (w) => !w.loadingOlder && !w.hasOlder,
      "alice's group history loaded",
    );
    const inGroup = await bob.messages.send(group.id, { body: "hello group" });
    await valueOf(
      carol.messages.forDialog(group.id),
      (w) => w.items.some((m) => m.id === inGroup.id),
      "carol gets it live",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      alice.messages
        .forDialog(group.id)
        .get()
        .items.some((m) => m.id === inGroup.id),
    ).toBe(false);
    expect(statusOf(bob, group.id, inGroup.id)).not.toBe("failed"); // silently not delivered to the blocker (history keeps it)
  });

  it("list commands: create, get, names, default, decline, delete; a refused call rolls the store back; other sessions follow", async () => {
    const aliceUser = await createTestUser(fixture.server, "alice");
    const [bobUser, carolUser] = [
      await createTestUser(fixture.server, "bob"),
      await createTestUser(fixture.server, "carol"),
    ];
    const alice = await online(aliceUser);
    const aliceTablet = await online(aliceUser);
    await valueOf(alice.privacy, (s) => s.loaded, "lists read");

    await alice.privacy.setList("work", [
      { userId: bobUser.id, action: "deny", mutual: false },
      { userId: carolUser.id, action: "allow", mutual: true },
    ]);
    expect(await alice.privacy.getList("work")).toEqual([
      { userId: bobUser.id, action: "deny", mutual: false },
      { userId: carolUser.id, action: "allow", mutual: true },
    ]);
    await alice.privacy.setDefault("work");
    expect(await alice.privacy.names()).toEqual({ active: null, default: "work", names: ["work"] });
    expect([...alice.privacy.get().blocked]).toEqual([bobUser.id]);
    // the other session of alice hears of the list change and reads it
    await valueOf(aliceTablet.privacy, (s) => s.lists.work?.length === 2, "the tablet's copy of the list");

    const before = alice.privacy.get();
    await expect(alice.privacy.deleteList("work")).rejects.toMatchObject({ code: "conflict" });
    expect(alice.privacy.get()).toBe(before);
    await expect(alice.privacy.getList("nope")).rejects.toMatchObject({ code: "not-found" });

    await alice.privacy.declineDefault();
    expect(alice.privacy.get().blocked.size).toBe(0);
    await alice.privacy.setActive("work");
    expect((await alice.privacy.names()).active).toBe("work");
    await alice.privacy.setActive(null);
    await alice.privacy.deleteList("work");
    expect(await alice.privacy.names()).toEqual({ active: null, default: null, names: [] });
    expect(alice.privacy.get().lists).toEqual({});
  });
});

describe("client.contacts against the real server", () => {
  it("add → request → confirm (mutual) with presence both ways; rename; remove", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    await alice.contacts.add(bobUser.id, { name: "Bob" });
    await valueOf(
      alice.contacts,
      (list) => list.some((c) => c.userId === bobUser.id && c.pending),
      "alice's pending contact",
    );
    await valueOf(bob.contacts.requests, (list) => list.some((r) => r.userId === aliceUser.id), "bob's request");

    await bob.contacts.confirm(aliceUser.id);
    expect(bob.contacts.requests.get()).toEqual([]);
    const mutual = await valueOf(
      alice.contacts,
      (list) => list[0]?.subscription === "both" && list[0].presence.online,
      "alice sees bob: both, online",
    );
    expect(mutual).toEqual([
      {
        userId: bobUser.id,
        name: "Bob",
        subscription: "both",
        pending: false,
        presence: { online: true, show: null, status: null },
      },
    ]);
    await valueOf(
      bob.contacts,
      (list) => list[0]?.userId === aliceUser.id && list[0].subscription === "both" && list[0].presence.online,
      "bob sees alice: both, online",
    );

    await bob.dispose();
    clients.splice(clients.indexOf(bob), 1);
    await valueOf(alice.contacts, (list) => list[0]?.presence.online === false, "bob offline");

    await alice.contacts.rename(bobUser.id, "Robert");
    await valueOf(alice.contacts, (list) => list[0]?.name === "Robert", "renamed");
    await alice.contacts.remove(bobUser.id);
    await valueOf(alice.contacts, (list) => list.length === 0, "removed");
    expect(fixture.server.context.db.rosterOf(aliceUser.id).size).toBe(0);
  });

  it("reject: the request disappears and the asker's contact stays without a subscription", async () => {
    const { alice, bob, aliceUser, bobUser } = await pair();
    await alice.contacts.add(bobUser.id);
    await valueOf(bob.contacts.requests, (list) => list.length === 1, "bob's request");
    await bob.contacts.reject(aliceUser.id);
    expect(bob.contacts.requests.get()).toEqual([]);
    await valueOf(
      alice.contacts,
      (list) => list[0]?.pending === false && list[0].subscription === "none",
      "alice's request answered",
    );
  });

  it("refuses the 301st contact with a clear validation error", async () => {
    const aliceUser = await createTestUser(fixture.server, "alice");
    const roster = fixture.server.context.db.rosterOf(aliceUser.id);
    for (let i = 0; i < 300; i++)
      roster.set(900_000 + i, { userId: 900_000 + i, name: null, subscription: "none", ask: false });
    const alice = await online(aliceUser);
    await valueOf(alice.contacts, (list) => list.length === 300, "300 contacts");
    const extra = await createTestUser(fixture.server, "extra");
    await expect(alice.contacts.add(extra.id)).rejects.toMatchObject({ code: "validation", details: { limit: 300 } });
  });
});
