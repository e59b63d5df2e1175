import { describe, expect, it } from "@jest/globals";
import { type ChatClient, DialogType, type NetworkEvent, type NetworkEventSource } from "../../src/index.js";
import { createTestUser, type TestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

const fixture = serverPerFile();
const { clients } = fixture;

async function online(user: TestUser, overrides: Parameters<typeof onlineClient>[2] = {}): Promise<ChatClient> {
  const client = await onlineClient(fixture.server, user, overrides);
  clients.push(client);
  return client;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pushesFor = async (userId: number): Promise<string[]> =>
  (
    (await (await fetch(`${fixture.server.apiUrl}/_dev/pushes?user_id=${userId}`)).json()) as {
      items: Array<{ message_id: string }>;
    }
  ).items.map((p) => p.message_id);

describe("client.lastActivity against the real server", () => {
  it("never online is an error; then online and offline live while subscribed; no stream after the last listener left", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const alice = await online(aliceUser, { lastActivityKeepAliveMs: 50 });
    const bobActivity = alice.lastActivity.forUser(bobUser.id);
    const stop = bobActivity.subscribe(() => {});
    const never = await valueOf(bobActivity, (s) => s.error !== null, "never seen");
    expect(never).toMatchObject({ online: false, seconds: null, error: { code: "not-found" } });

    const bob = await online(bobUser);
    const up = await valueOf(bobActivity, (s) => s.online === true, "bob online (pushed)");
    expect(up).toMatchObject({ seconds: 0, error: null });
    await bob.connection.disconnect();
    const down = await valueOf(bobActivity, (s) => s.online === false && s.error === null, "bob offline (pushed)");
    expect(down.seconds).toBe(0);
    expect(Math.abs((down.at ?? 0) - Date.now())).toBeLessThan(2000);

    stop();
    await sleep(150); // past the keep-alive: the subscription is withdrawn
    await bob.connection.connect();
    await sleep(200);
    expect(bobActivity.get().online).toBe(false);
    expect(await alice.lastActivity.query(bobUser.id)).toMatchObject({ online: true, seconds: 0 });
  });

  it("a user who blocked you (presence and iq) hides their last activity: forbidden", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const [alice, bob] = [await online(aliceUser), await online(bobUser)];
    await bob.privacy.block(aliceUser.id, { mutual: false });
    await expect(alice.lastActivity.query(bobUser.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(alice.lastActivity.forUser(bobUser.id).get()).toMatchObject({ online: null, error: { code: "forbidden" } });
  });
});

describe("reactions against the real server", () => {
  it("add, replace (one type per user), remove and list; every occupant's store follows the pushes", async () => {
    const [aliceUser, bobUser, carolUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
      await createTestUser(fixture.server, "carol"),
    ];
    const [alice, bob, carol] = [await online(aliceUser), await online(bobUser), await online(carolUser)];
    const group = await alice.dialogs.create({
      type: DialogType.GROUP,
      name: "React",
      occupantIds: [bobUser.id, carolUser.id],
    });
    await valueOf(bob.dialogs.list, (l) => l.some((d) => d.id === group.id), "bob's dialog");
    await valueOf(carol.dialogs.list, (l) => l.some((d) => d.id === group.id), "carol's dialog");
    const message = await alice.messages.send(group.id, { body: "react to me" });
    const byId = (client: ChatClient) =>
      client.messages
        .forDialog(group.id)
        .get()
        .items.find((m) => m.id === message.id);
    await valueOf(bob.messages.forDialog(group.id), () => byId(bob) !== undefined, "bob has it");
    await valueOf(carol.messages.forDialog(group.id), () => byId(carol) !== undefined, "carol has it");
    await valueOf(alice.messages.forDialog(group.id), () => byId(alice)?.status !== "pending", "sent");

    await bob.messages.react(group.id, message.id, "👍");
    expect(byId(bob)?.reactions).toEqual({ own: ["👍"], total: { "👍": 1 } }); // at once
    await carol.messages.react(group.id, message.id, "👍");
    await valueOf(
      alice.messages.forDialog(group.id),
      () => byId(alice)?.reactions.total["👍"] === 2,
      "alice sees two 👍",
    );
    await valueOf(bob.outbox, (o) => o.length === 0, "bob's reaction sent");
    await valueOf(
      bob.messages.forDialog(group.id),
      () => byId(bob)?.reactions.total["👍"] === 2,
      "bob sees carol's too",
    );
    expect(byId(bob)?.reactions.own).toEqual(["👍"]); // his own push did not count twice

    await bob.messages.react(group.id, message.id, "❤️");
    await valueOf(
      carol.messages.forDialog(group.id),
      () => byId(carol)?.reactions.total["❤️"] === 1 && byId(carol)?.reactions.total["👍"] === 1,
      "carol sees bob's switch",
    );
    await valueOf(bob.outbox, (o) => o.length === 0, "bob's switch sent");
    expect(await alice.messages.listReactions(group.id, message.id)).toEqual({
      "👍": [carolUser.id],
      "❤️": [bobUser.id],
    });

    await carol.messages.removeReaction(group.id, message.id);
    await valueOf(
      alice.messages.forDialog(group.id),
      () => byId(alice)?.reactions.total["👍"] === undefined,
      "alice sees carol's removal",
    );
    expect(byId(alice)?.reactions).toEqual({ own: [], total: { "❤️": 1 } });
  });
});

describe("system messages against the real server", () => {
  it("sends over chat and through REST; the recipient's stream and recent list get them", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const [alice, bob] = [await online(aliceUser), await online(bobUser)];
    const seen: string[] = [];
    bob.system.messages$.subscribe((m) => seen.push(m.params.kind ?? ""));
    const { id } = await alice.system.send(bobUser.id, { body: "game/INVITE", params: { kind: "chat", round: 2 } });
    await alice.system.send(bobUser.id, { params: { kind: "rest" } }, { via: "rest" });
    const recent = await valueOf(bob.system.recent, (list) => list.length === 2, "two system messages");
    expect(recent[0]).toMatchObject({
      id,
      senderId: aliceUser.id,
      moduleIdentifier: "SystemNotifications",
      body: "game/INVITE",
      params: { kind: "chat", round: "2" },
    });
    expect(recent[1]).toMatchObject({ senderId: aliceUser.id, params: { kind: "rest" } });
    expect(seen).toEqual(["chat", "rest"]);
    await expect(alice.system.send(bobUser.id, { body: "x" }, { via: "rest" })).rejects.toMatchObject({
      code: "validation",
    });
  });
});

describe("active / inactive (chat alerts)", () => {
  it("an inactive user gets a push record for a message even while connected; page visibility switches it by itself", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const listeners = new Set<(event: NetworkEvent) => void>();
    const emit = (event: NetworkEvent) => listeners.forEach((listener) => listener(event));
    const page: NetworkEventSource = {
      isOnline: () => true,
      isVisible: () => true,
      subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    };
    const alice = await online(aliceUser);
    const bob = await online(bobUser, { network: page });
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });

    const first = await alice.messages.send(dialog.id, { body: "while active" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");
    await bob.setActive(false);
    expect(bob.active.get()).toBe(false);
    const second = await alice.messages.send(dialog.id, { body: "while inactive" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");
    await bob.setActive(true);
    const third = await alice.messages.send(dialog.id, { body: "active again" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");
    emit("hidden"); // the page went to the background
    await valueOf(bob.active, (a) => a === false, "inactive by visibility");
    await sleep(100);
    const fourth = await alice.messages.send(dialog.id, { body: "hidden page", silent: true });
    const fifth = await alice.messages.send(dialog.id, { body: "hidden page, loud" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");
    const pushes = await pushesFor(bobUser.id);
    expect(pushes).toEqual([second.id, fifth.id]);
    expect(pushes).not.toContain(first.id);
    expect(pushes).not.toContain(third.id);
    expect(pushes).not.toContain(fourth.id);
  });
});
