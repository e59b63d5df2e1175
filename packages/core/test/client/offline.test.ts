import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import "fake-indexeddb/auto"; // a browser's IndexedDB, kept across "reloads" by reusing one factory
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@chatcube/server";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { type ChatClient, createIndexedDbPersistence, DialogType } from "../../src/index.js";
import { createTestUser, sessionToken } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";

let dir: string;
const clients: ChatClient[] = [];
const servers: RunningServer[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "chatcube-offline-"));
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  for (const server of servers.splice(0)) await server.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One browser profile: every client made with it shares its IndexedDB, as tabs and reloads do. */
function browserProfile() {
  const indexedDB = new IDBFactory();
  return () => createIndexedDbPersistence({ indexedDB, IDBKeyRange });
}

/** A fetch that records every REST request and, for dialog lists, how many dialogs came back. */
function recordingFetch() {
  const requests: Array<{ url: string; items: number | null; bytes: number }> = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await fetch(input, init);
    const text = await response.clone().text();
    let items: number | null = null;
    try {
      const body = JSON.parse(text) as { items?: unknown[] };
      items = Array.isArray(body.items) ? body.items.length : null;
    } catch {
      // not JSON
    }
    requests.push({ url: decodeURIComponent(url), items, bytes: text.length });
    return response;
  };
  return { requests, fetch: fetchImpl };
}

describe("offline first, against the real server", () => {
  it("three messages sent while the server is down survive a reload and arrive exactly once, in order", async () => {
    const data = join(dir, "outbox.json");
    let server = await startServer({ port: 0, data });
    servers.push(server);
    const port = server.port;
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const persistence = browserProfile();
    const alice = await onlineClient(server, aliceUser, { persistence: persistence() });
    const bob = await onlineClient(server, bobUser);
    clients.push(bob);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    alice.messages.forDialog(dialog.id).subscribe(() => {});
    await valueOf(alice.messages.forDialog(dialog.id), (w) => !w.hasOlder, "alice's (empty) history");

    await server.close();
    servers.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the closed server's last write land before the restart
    await valueOf(alice.connection, (s) => s.status === "reconnecting", "alice reconnecting");
    for (const body of ["one", "two", "three"]) await alice.messages.send(dialog.id, { body });
    expect(alice.outbox.get().map((e) => e.state)).toEqual(["queued", "queued", "queued"]);
    await alice.dispose(); // the tab is reloaded (no logout)

    const reloaded = newClient(server, { persistence: persistence() });
    clients.push(reloaded);
    expect(await reloaded.auth.resume()).toMatchObject({ id: aliceUser.id });
    // Everything is back from the cache while the server is still down.
    expect(reloaded.dialogs.list.get().map((d) => d.id)).toEqual([dialog.id]);
    expect(reloaded.outbox.get().map((e) => e.kind)).toEqual(["send", "send", "send"]);
    const thread = reloaded.messages.forDialog(dialog.id);
    thread.subscribe(() => {});
    expect(thread.get().items.map((m) => [m.body, m.status])).toEqual([
      ["one", "pending"],
      ["two", "pending"],
      ["three", "pending"],
    ]);
    expect(reloaded.connection.get().status).not.toBe("online");

    server = await startServer({ port, data });
    servers.push(server);
    await valueOf(reloaded.outbox, (o) => o.length === 0, "the outbox to drain", 15_000);
    const bobThread = bob.messages.forDialog(dialog.id);
    bobThread.subscribe(() => {});
    await valueOf(bobThread, (w) => w.items.length === 3, "bob to have the three", 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bobThread.get().items.map((m) => m.body)).toEqual(["one", "two", "three"]);
    const stored = server.context.db.messagesByDialog.get(dialog.id) ?? [];
    expect(stored.map((m) => m.message)).toEqual(["one", "two", "three"]);
    expect(thread.get().items.map((m) => m.status)).not.toContain("pending");
  });

  it("after a reload, a dialog renamed meanwhile shows its new name after sync, and only changed dialogs are fetched", async () => {
    let skew = -3_600_000; // the server's clock: the dialogs were made an hour ago, two minutes apart
    const server = await startServer({ port: 0, clock: () => Date.now() + skew });
    servers.push(server);
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const persistence = browserProfile();
    const first = await onlineClient(server, aliceUser, { persistence: persistence() });
    const groups = [];
    for (let i = 0; i < 5; i++) {
      skew += 120_000;
      groups.push(
        await first.dialogs.create({ type: DialogType.GROUP, name: `Group ${i}`, occupantIds: [bobUser.id] }),
      );
    }
    await first.sync.resync();
    await first.dispose();

    skew = 0;
    const otherDevice = await sessionToken(server, aliceUser); // alice's phone, say
    const renamed = await fetch(`${server.apiUrl}/chat/Dialog/${groups[2].id}.json`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "CB-Token": otherDevice },
      body: JSON.stringify({ name: "Renamed while away" }),
    });
    expect(renamed.status).toBe(200);

    const recorder = recordingFetch();
    const reloaded = newClient(server, { persistence: persistence(), fetch: recorder.fetch });
    clients.push(reloaded);
    const names: string[][] = [];
    reloaded.dialogs.list.subscribe((list) => names.push(list.map((d) => d.name ?? "")));
    await reloaded.auth.resume();
    expect(names[1]).toEqual(["Group 4", "Group 3", "Group 2", "Group 1", "Group 0"]); // the cached list, before any request
    expect(recorder.requests).toEqual([]);
    const untouched = reloaded.dialogs.get(groups[4].id).get();

    await valueOf(reloaded.sync, (s) => s.state === "synced", "the delta sync");
    expect(reloaded.dialogs.get(groups[2].id).get()?.name).toBe("Renamed while away");
    const dialogRequests = recorder.requests.filter((r) => r.url.includes("/chat/Dialog"));
    expect(
      dialogRequests.map((r) =>
        r.url.includes("updated_at[gt]") ? "delta" : r.url.includes("limit=1") ? "count" : r.url,
      ),
    ).toEqual(["delta", "count"]);
    // The renamed dialog, and the one at the cursor that the overlap fetches again (same content: not republished).
    expect(dialogRequests[0].items).toBe(2);
    expect(reloaded.dialogs.get(groups[4].id).get()).toBe(untouched);
    // No window changed: no history request (the unread counts are asked for once, for reads made elsewhere).
    expect(
      recorder.requests.filter((r) => r.url.includes("/chat/Message") && !r.url.includes("/chat/Message/unread")),
    ).toEqual([]);
  });

  it("persistence status is live; logout deletes the user's database, keepData keeps it", async () => {
    const server = await startServer({ port: 0 });
    servers.push(server);
    const user = await createTestUser(server, "carol");
    const indexedDB = new IDBFactory();
    const client = newClient(server, { persistence: createIndexedDbPersistence({ indexedDB, IDBKeyRange }) });
    clients.push(client);
    expect(client.persistence.status.get()).toEqual({ status: "ok", reason: null });
    await client.auth.login({ login: user.login, password: user.password });
    await client.auth.logout({ keepData: true });
    expect((await indexedDB.databases()).map((d) => d.name)).toContain(`chatcube:${server.appId}:${user.id}`);
    await client.auth.login({ login: user.login, password: user.password });
    await client.auth.logout();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(`chatcube:${server.appId}:${user.id}`);
    expect(await client.auth.resume()).toBeNull(); // the session is forgotten too
  });
});
