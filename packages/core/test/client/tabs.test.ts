import { describe, expect, it } from "@jest/globals";
import { serverPerFile } from "../helpers/serverPerFile.js";
import "fake-indexeddb/auto";
import { createFakeBus, createFakeLocks } from "@chatcube/test-utils/core/fakeTabEnvironment.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { type ChatClient, createIndexedDbPersistence, DialogType } from "../../src/index.js";
import type { Persistence, PersistenceSession } from "../../src/persistence/Persistence.js";
import type { TabEnvironment } from "../../src/tabs/browserTabEnvironment.js";
import type { LifecycleEvent } from "../../src/tabs/createTabCoordinator.js";
import { createTestUser, type TestUser } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";

// Several tabs of one browser in one process: one IndexedDB factory, one lock manager and one channel bus shared by
// clients, against the real server (docs/architecture.md, Tabs).

const fixture = serverPerFile();
const { clients } = fixture;

/** How late a tab's database answers (a busy disk): whole reads, and the remembered session. */
interface Slowness {
  loadMs?: number;
  loadSessionMs?: number;
}

/** Answers calls to `key` of `target` `ms` late; its other members as they are. */
function late<T extends object>(target: T, key: string, ms: number, wrap: (value: unknown) => unknown = (v) => v): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property !== key || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const answer = await value.apply(object, args); // read at once, answered late
        await new Promise((resolve) => setTimeout(resolve, ms));
        return wrap(answer);
      };
    },
  });
}

function slowed(persistence: Persistence, { loadMs = 0, loadSessionMs = 0 }: Slowness): Persistence {
  const opened = late(persistence, "open", 0, (session) => late(session as PersistenceSession, "load", loadMs));
  return late(opened, "loadSession", loadSessionMs);
}

/** Fires a page lifecycle event in a tab made by `browser().tab()`. */
const lifecycleOf = new WeakMap<ChatClient, (event: LifecycleEvent) => void>();

function browser() {
  const indexedDB = new IDBFactory();
  const locks = createFakeLocks();
  const bus = createFakeBus();
  let tabIds = 0;
  const environment: TabEnvironment = {
    locks,
    openChannel: () => bus.port(),
    newTabId: () => `tab-${++tabIds}`,
  };
  const tab = (slowness: Slowness = {}) => {
    const listeners = new Set<(event: LifecycleEvent) => void>();
    const client = newClient(fixture.server, {
      persistence: slowed(createIndexedDbPersistence({ indexedDB, IDBKeyRange }), slowness),
      tabs: {
        ...environment,
        lifecycle(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
    });
    clients.push(client);
    lifecycleOf.set(client, (event) => listeners.forEach((listener) => listener(event)));
    return client;
  };
  return { tab };
}

const sessionsOf = (user: TestUser) =>
  (fixture.server.context.chat as unknown as { sessionsOf(id: number): Array<{ fullJid: string }> }).sessionsOf(
    user.id,
  );
const xmppSessions = (user: TestUser) => sessionsOf(user).length;

/** Alice in three tabs (the first leads), with a dialog with bob; `followers` slows the other two's databases. */
async function threeTabs(followers: Slowness = {}) {
  const [aliceUser, bobUser] = [
    await createTestUser(fixture.server, "alice"),
    await createTestUser(fixture.server, "bob"),
  ];
  const bob = await onlineClient(fixture.server, bobUser);
  clients.push(bob);
  const b = browser();
  const first = b.tab();
  await first.auth.login({ login: aliceUser.login, password: aliceUser.password });
  await valueOf(first.connection, (c) => c.status === "online", "the first tab online");
  const dialog = await first.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
  const others = [b.tab(followers), b.tab(followers)];
  for (const tab of others) await tab.auth.resume();
  const tabs = [first, ...others];
  for (const tab of tabs) await valueOf(tab.tabs, (s) => s.tabs === 3, "three tabs counted", 5000);
  return { aliceUser, bobUser, bob, b, tabs, dialog };
}

describe("one user, many tabs", () => {
  it("one connection across three tabs; a peer's messages show in every tab once, in order", async () => {
    const { aliceUser, bob, tabs, dialog } = await threeTabs();
    expect(tabs.map((t) => t.tabs.get().role)).toEqual(["leader", "follower", "follower"]);
    expect(xmppSessions(aliceUser)).toBe(1);
    for (const tab of tabs.slice(1)) {
      await tab.connection.connect(); // a follower's connect opens nothing: the leader holds the connection
      expect(tab.connection.get().status).toBe("online"); // the leader's, shown
      expect(tab.dialogs.list.get().some((d) => d.id === dialog.id)).toBe(true);
    }
    for (let i = 0; i < 5; i++) await bob.messages.send(dialog.id, { body: `m${i}` });
    for (const tab of tabs) {
      const window = await valueOf(
        tab.messages.forDialog(dialog.id),
        (w) => w.items.filter((m) => m.body?.startsWith("m")).length >= 5,
        "bob's five messages",
      );
      expect(window.items.map((m) => m.body)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    }
    expect(xmppSessions(aliceUser)).toBe(1);
  });

  it("a follower's send reaches the peer once, and its status shows in every tab", async () => {
    const { bob, tabs, dialog } = await threeTabs();
    const follower = tabs[2];
    const sent = await follower.messages.send(dialog.id, { body: "from a follower" });
    await sent.settled;
    const atBob = await valueOf(
      bob.messages.forDialog(dialog.id),
      (w) => w.items.some((m) => m.id === sent.id),
      "bob receives it",
    );
    expect(atBob.items.filter((m) => m.id === sent.id)).toHaveLength(1);
    for (const tab of tabs)
      await valueOf(
        tab.messages.forDialog(dialog.id),
        (w) => w.items.some((m) => m.id === sent.id && m.status !== "pending"),
        "the status in every tab",
      );
    expect(fixture.server.context.db.messages.get(sent.id)?.message).toBe("from a follower");
    for (const tab of tabs) expect(tab.outbox.get()).toEqual([]);
  });

  it("typing crosses tabs both ways: a follower's reaches the peer, the peer's shows in every tab", async () => {
    const { aliceUser, bobUser, bob, tabs, dialog } = await threeTabs();
    tabs[2].typing.start(dialog.id);
    await valueOf(bob.typing.forDialog(dialog.id), (ids) => ids.includes(aliceUser.id), "alice typing at bob");
    bob.typing.start(dialog.id);
    for (const tab of tabs)
      await valueOf(tab.typing.forDialog(dialog.id), (ids) => ids.includes(bobUser.id), "bob typing in every tab");
  });

  it("the leader closed: another tab leads at once, with one connection", async () => {
    const { aliceUser, tabs } = await threeTabs();
    const started = Date.now();
    await tabs[0].dispose();
    clients.splice(clients.indexOf(tabs[0]), 1);
    const next = await Promise.race(
      tabs.slice(1).map((t) => valueOf(t.tabs, (s) => s.role === "leader", "a new leader").then(() => t)),
    );
    await valueOf(next.connection, (c) => c.status === "online", "the new leader online");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(next.tabs.get().term).toBe(2);
    expect(tabs.slice(1).filter((t) => t.tabs.get().role === "leader")).toHaveLength(1);
    expect(xmppSessions(aliceUser)).toBe(1);
  });

  it("a leader about to be frozen hands its stream over: the next resumes it, one session, nothing lost or doubled", async () => {
    const { aliceUser, bobUser, bob, tabs, dialog } = await threeTabs();
    const [before] = sessionsOf(aliceUser).map((session) => session.fullJid);
    expect(xmppSessions(aliceUser)).toBe(1);
    await (await bob.messages.send(dialog.id, { body: "before" })).settled;
    for (const tab of tabs)
      await valueOf(tab.messages.forDialog(dialog.id), (w) => w.items.length === 1, "before, in every tab");
    lifecycleOf.get(tabs[0])?.("freeze");
    const during = await bob.messages.send(dialog.id, { body: "during the handover" });
    const next = await Promise.race(
      tabs.slice(1).map((t) => valueOf(t.tabs, (s) => s.role === "leader", "a new leader").then(() => t)),
    );
    await valueOf(next.connection, (c) => c.status === "online", "the new leader online");
    expect(sessionsOf(aliceUser).map((session) => session.fullJid)).toEqual([before]); // resumed, not bound afresh
    await during.settled;
    const reply = await next.messages.send(dialog.id, { body: "from the new leader" });
    await reply.settled;
    await valueOf(bob.messages.forDialog(dialog.id), (w) => w.items.some((m) => m.id === reply.id), "bob gets it");
    for (const tab of tabs.slice(1)) {
      const window = await valueOf(
        tab.messages.forDialog(dialog.id),
        (w) => w.items.length === 3 && w.items.every((m) => m.status !== "pending"),
        "all three in every open tab",
      );
      expect(window.items.map((m) => m.body)).toEqual(["before", "during the handover", "from the new leader"]);
      expect(tab.dialogs.list.get().find((d) => d.id === dialog.id)?.unreadCount).toBe(2);
    }
    expect(xmppSessions(aliceUser)).toBe(1);
    expect(xmppSessions(bobUser)).toBe(1);
  });

  // The soak (examples/e2e/tests/tabsSoak.test.ts) once left a signed-out tab showing the previous user's dialog: the
  // leader signed out first, the follower took the lead while signing out itself, and its re-read of the database
  // landed after its stores were forgotten.
  it("another user signs in beside the tabs: each signs out and none keeps the previous user's data", async () => {
    // The followers sign out slowly, so one takes the lead on the way, and reads the database slower still.
    const { tabs, b, dialog } = await threeTabs({ loadMs: 300, loadSessionMs: 200 });
    await (await tabs[2].messages.send(dialog.id, { body: "before" })).settled;
    for (const tab of tabs)
      await valueOf(tab.messages.forDialog(dialog.id), (w) => w.items.length === 1, "the message in every tab");
    const carol = await createTestUser(fixture.server, "carol");
    const other = b.tab();
    await other.auth.login({ login: carol.login, password: carol.password });
    for (const tab of tabs) await valueOf(tab.auth.state, (s) => s.status === "signed-out", "signed out", 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // what was in flight lands
    for (const tab of tabs) {
      expect(tab.dialogs.list.get()).toEqual([]);
      expect(tab.messages.forDialog(dialog.id).get().items).toEqual([]);
      expect(tab.outbox.get()).toEqual([]);
      expect(tab.tabs.get().role).not.toBe("leader");
    }
  });

  it("a logout in one tab signs out every tab", async () => {
    const { aliceUser, tabs } = await threeTabs();
    await tabs[1].auth.logout();
    for (const tab of tabs) await valueOf(tab.auth.state, (s) => s.status === "signed-out", "signed out", 2000);
    expect(xmppSessions(aliceUser)).toBe(0);
  });
});
