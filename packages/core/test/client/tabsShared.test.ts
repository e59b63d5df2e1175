import { describe, expect, it } from "@jest/globals";
import { serverPerFile } from "../helpers/serverPerFile.js";
import "fake-indexeddb/auto";
import { createFakeBus, createFakeLocks } from "@chatcube/test-utils/core/fakeTabEnvironment.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { NetworkEvent, NetworkEventSource } from "../../src/connection/createBrowserNetworkSource.js";
import { type ChatClient, type ChatClientOptions, createIndexedDbPersistence, DialogType } from "../../src/index.js";
import type { Message } from "../../src/model/message.js";
import type { TabEnvironment } from "../../src/tabs/browserTabEnvironment.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";

// Per-user state shared across the tabs of one browser (docs/architecture.md, Tabs): contacts, privacy, last activity
// and system messages in followers, merged activity, one read marker and one notification per message. One process,
// one IndexedDB factory, one lock manager and one channel bus shared by clients, against the real server.

const fixture = serverPerFile();
const { clients } = fixture;

/** A page's visibility, switched by the test. */
function fakePage(visible = true) {
  const listeners = new Set<(event: NetworkEvent) => void>();
  const source: NetworkEventSource = {
    isOnline: () => true,
    isVisible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (next: boolean) => {
    visible = next;
    for (const listener of listeners) listener(next ? "visible" : "hidden");
  };
  return { source, set };
}

function browser() {
  const indexedDB = new IDBFactory();
  const locks = createFakeLocks();
  const bus = createFakeBus();
  let tabIds = 0;
  const environment: TabEnvironment = { locks, openChannel: () => bus.port(), newTabId: () => `tab-${++tabIds}` };
  return (overrides: Partial<ChatClientOptions> = {}) => {
    const client = newClient(fixture.server, {
      persistence: createIndexedDbPersistence({ indexedDB, IDBKeyRange }),
      tabs: environment,
      ...overrides,
    });
    clients.push(client);
    return client;
  };
}

async function threeTabs(pages?: ReturnType<typeof fakePage>[]) {
  const [aliceUser, bobUser] = [
    await createTestUser(fixture.server, "alice"),
    await createTestUser(fixture.server, "bob"),
  ];
  const bob = await onlineClient(fixture.server, bobUser);
  clients.push(bob);
  const tab = browser();
  const more = () => tab(); // a later tab of the same browser
  const options = (i: number) => (pages ? { network: pages[i].source } : {});
  const first = tab(options(0));
  await first.auth.login({ login: aliceUser.login, password: aliceUser.password });
  await valueOf(first.connection, (c) => c.status === "online", "the first tab online");
  const dialog = await first.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
  const others = [tab(options(1)), tab(options(2))];
  for (const t of others) await t.auth.resume();
  const tabs: ChatClient[] = [first, ...others];
  for (const t of tabs) await valueOf(t.tabs, (s) => s.tabs === 3, "three tabs counted", 5000);
  expect(tabs.map((t) => t.tabs.get().role)).toEqual(["leader", "follower", "follower"]);
  return { aliceUser, bobUser, bob, tabs, dialog, more };
}

const signals = (userId: number, kind: string) =>
  fixture.server.context.db.clientSignals.filter((s) => s.user_id === userId && s.kind === kind);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("per-user state across tabs", () => {
  it("a follower adds a contact; every tab shows the contact, and its presence once accepted", async () => {
    const { aliceUser, bobUser, bob, tabs } = await threeTabs();
    await tabs[2].contacts.add(bobUser.id);
    for (const t of tabs)
      await valueOf(t.contacts, (list) => list.some((c) => c.userId === bobUser.id), "bob in every tab's contacts");
    await valueOf(bob.contacts.requests, (r) => r.some((q) => q.userId === aliceUser.id), "alice's request at bob");
    await bob.contacts.confirm(aliceUser.id);
    for (const t of tabs)
      await valueOf(t.contacts.presenceOf(bobUser.id), (p) => p?.online === true, "bob's presence in every tab");
    await tabs[1].contacts.remove(bobUser.id);
    for (const t of tabs)
      await valueOf(t.contacts, (list) => !list.some((c) => c.userId === bobUser.id), "bob removed in every tab");
  });

  it("a follower blocks a user; every tab shows it, a tab joining later too, and after a new leader", async () => {
    const { bobUser, tabs, more } = await threeTabs();
    await tabs[1].privacy.block(bobUser.id);
    for (const t of tabs) await valueOf(t.privacy.isBlocked(bobUser.id), (b) => b, "blocked in every tab");
    const late = more();
    await late.auth.resume();
    await valueOf(late.privacy.isBlocked(bobUser.id), (b) => b, "blocked in a tab that joined later");
    await tabs[0].dispose(); // the leader goes: tabs[1] or tabs[2] leads, with a new term
    clients.splice(clients.indexOf(tabs[0]), 1);
    const rest = [tabs[1], tabs[2], late];
    await until(() => rest.filter((t) => t.tabs.get().role === "leader").length === 1, "a new leader");
    const follower = rest.find((t) => t.tabs.get().role === "follower")!;
    const leader = rest.find((t) => t.tabs.get().role === "leader")!;
    await valueOf(leader.connection, (c) => c.status === "online", "the new leader online");
    await follower.privacy.unblock(bobUser.id);
    for (const t of rest) await valueOf(t.privacy.isBlocked(bobUser.id), (b) => !b, "unblocked in every tab");
  });

  it("a follower queries last activity and gets system messages", async () => {
    const { aliceUser, bobUser, bob, tabs } = await threeTabs();
    const answer = await tabs[2].lastActivity.query(bobUser.id);
    expect(answer.online).toBe(true);
    for (const t of tabs)
      await valueOf(t.lastActivity.forUser(bobUser.id), (a) => a.online === true, "bob online in every tab");
    const got = new Promise((resolve) => tabs[1].system.messages$.subscribe(resolve));
    await bob.system.send(aliceUser.id, { params: { hello: "tabs" } });
    await expect(got).resolves.toMatchObject({ params: { hello: "tabs" } });
    for (const t of tabs) await valueOf(t.system.recent, (r) => r.length === 1, "the system message in every tab");
    const sent = await tabs[2].system.send(bobUser.id, { params: { from: "a follower" } });
    await valueOf(bob.system.recent, (r) => r.some((m) => m.id === sent.id), "bob gets the follower's system message");
  });

  it("active while any tab is visible: the server hears inactive once when all hide, active once when one shows", async () => {
    const pages = [fakePage(), fakePage(), fakePage()];
    const { aliceUser } = await threeTabs(pages);
    await pause(200);
    expect(signals(aliceUser.id, "inactive")).toHaveLength(0);
    pages[0].set(false);
    pages[1].set(false);
    await pause(200);
    expect(signals(aliceUser.id, "inactive")).toHaveLength(0); // tab 3 is still visible
    pages[2].set(false);
    await until(() => {
      const n = signals(aliceUser.id, "inactive").length;
      return n === 1;
    }, "inactive once");
    pages[1].set(true);
    pages[1].set(false); // focus moves from one tab to another: no flapping
    pages[2].set(true);
    await pause(300);
    expect(signals(aliceUser.id, "active")).toHaveLength(1);
    expect(signals(aliceUser.id, "inactive")).toHaveLength(1);
  });

  it("a dialog read in two tabs at once: the server gets one read marker per message", async () => {
    const { aliceUser, bob, tabs, dialog } = await threeTabs();
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await bob.messages.send(dialog.id, { body: `r${i}` }));
    for (const s of sent) await s.settled;
    for (const t of tabs)
      await valueOf(t.messages.forDialog(dialog.id), (w) => w.items.some((m) => m.body === "r2"), "r2 everywhere");
    await Promise.all([tabs[0].messages.markRead(dialog.id), tabs[2].messages.markRead(dialog.id)]);
    await Promise.all([tabs[1].messages.markRead(dialog.id)]);
    const last = sent[2].id;
    await until(() => {
      const n = signals(aliceUser.id, "displayed").length;
      return n >= 1;
    }, "a read marker");
    await pause(500);
    expect(signals(aliceUser.id, "displayed").map((s) => s.message_id)).toEqual([last]);
    for (const t of tabs) await valueOf(t.outbox, (o) => o.length === 0, "every outbox empty");
  });

  it("one notification per message across three tabs: in the visible one", async () => {
    const pages = [fakePage(false), fakePage(true), fakePage(false)];
    const { bob, tabs, dialog } = await threeTabs(pages);
    await pause(100);
    const notified: Array<[number, Message]> = [];
    tabs.forEach((t, i) => t.notifications$.subscribe((m) => notified.push([i, m])));
    for (let i = 0; i < 3; i++) await (await bob.messages.send(dialog.id, { body: `n${i}` })).settled;
    await until(() => {
      const n = notified.length;
      return n === 3;
    }, "three notifications");
    pages[1].set(false); // none visible: the leader notifies
    await pause(100);
    await (await bob.messages.send(dialog.id, { body: "n3" })).settled;
    await until(() => {
      const n = notified.length;
      return n === 4;
    }, "four notifications");
    await pause(300);
    expect(notified.map(([i, m]) => [i, m.body])).toEqual([
      [1, "n0"],
      [1, "n1"],
      [1, "n2"],
      [0, "n3"],
    ]);
  });
});

/** Waits (bounded) until `check` holds. */
async function until(check: () => boolean, what: string, timeoutMs = 6000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
}
