import { describe, expect, it } from "@jest/globals";
import "fake-indexeddb/auto";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { createIndexedDbPersistence, DialogType } from "../../src/index.js";
import { createTestUser, type TestUser } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

/**
 * An expired or revoked session is a state, not "offline, keep writing": the client renews it when it knows the
 * password, else says `expired`; the outbox waits for the same user's next sign-in and goes out once.
 */

const fx = serverPerFile();

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
/** The server forgets every session (a restart with fresh sessions, or a revocation) and drops every socket. */
function revokeSessions(): void {
  fx.server.context.db.sessions.clear();
  fx.server.dropConnections();
}

/** alice wrote two messages to bob while offline, then reloaded, and the server no longer knows her session. */
async function expiredWithPendingWork() {
  const [aliceUser, bobUser] = [await createTestUser(fx.server, "alice"), await createTestUser(fx.server, "bob")];
  const indexedDB = new IDBFactory();
  const persistence = () => createIndexedDbPersistence({ indexedDB, IDBKeyRange });
  const alice = await onlineClient(fx.server, aliceUser, { persistence: persistence() });
  const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
  await alice.connection.disconnect();
  for (const body of ["one", "two"]) await alice.messages.send(dialog.id, { body });
  await alice.dispose(); // a reload

  revokeSessions();
  const reloaded = newClient(fx.server, { persistence: persistence() });
  fx.clients.push(reloaded);
  await reloaded.auth.resume();
  await valueOf(reloaded.auth.state, (s) => s.status === "expired", "the expired state");
  return { aliceUser, bobUser, dialog, reloaded, persistence };
}

async function historyOf(user: TestUser, dialogId: string): Promise<string[]> {
  const reader = await onlineClient(fx.server, user);
  fx.clients.push(reader);
  const thread = reader.messages.forDialog(dialogId);
  thread.subscribe(() => {});
  await valueOf(thread, (w) => !w.loadingOlder && !w.hasOlder, "history");
  return thread.get().items.map((m) => m.body ?? "");
}

describe("an expired session", () => {
  it("says expired, keeps the pending work, and sends it once after the same user signs in again", async () => {
    const { aliceUser, bobUser, dialog, reloaded } = await expiredWithPendingWork();
    expect(reloaded.auth.state.get()).toMatchObject({
      status: "expired",
      user: { id: aliceUser.id, login: aliceUser.login },
    });
    await settle();
    expect(reloaded.connection.get().status).not.toBe("online"); // no reconnect loop
    expect(reloaded.outbox.get().map((e) => [e.kind, e.state])).toEqual([
      ["send", "queued"],
      ["send", "queued"],
    ]);
    expect(reloaded.dialogs.list.get().map((d) => d.id)).toEqual([dialog.id]); // the cache is still there

    await reloaded.auth.login({ login: aliceUser.login, password: aliceUser.password });
    expect(reloaded.auth.state.get().status).toBe("signed-in");
    await valueOf(reloaded.outbox, (o) => o.length === 0, "the outbox to drain", 10_000);
    expect(await historyOf(bobUser, dialog.id)).toEqual(["one", "two"]);
  });

  it("signing in as someone else sends none of the previous user's outbox; it waits for them", async () => {
    const { aliceUser, bobUser, dialog, reloaded, persistence } = await expiredWithPendingWork();
    const carol = await createTestUser(fx.server, "carol");
    await reloaded.auth.login({ login: carol.login, password: carol.password });
    await valueOf(reloaded.connection, (c) => c.status === "online", "carol online");
    expect(reloaded.outbox.get()).toEqual([]);
    expect(reloaded.dialogs.list.get().map((d) => d.id)).not.toContain(dialog.id);
    await settle();
    expect(await historyOf(bobUser, dialog.id)).toEqual([]);
    await reloaded.auth.logout();

    const back = newClient(fx.server, { persistence: persistence() });
    fx.clients.push(back);
    await back.auth.login({ login: aliceUser.login, password: aliceUser.password });
    await valueOf(back.outbox, (o) => o.length === 0, "alice's outbox to drain", 10_000);
    expect(await historyOf(bobUser, dialog.id)).toEqual(["one", "two"]);
  });

  it("is renewed without a word while the password is known (signed in this run)", async () => {
    const [aliceUser, bobUser] = [await createTestUser(fx.server, "alice"), await createTestUser(fx.server, "bob")];
    const alice = await onlineClient(fx.server, aliceUser);
    fx.clients.push(alice);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    revokeSessions();
    await valueOf(alice.connection, (c) => c.status === "online", "back online");
    await alice.messages.send(dialog.id, { body: "still here" });
    await alice.dialogs.update(dialog.id, { extensions: null }); // a REST call with the revoked token
    await valueOf(alice.outbox, (o) => o.length === 0, "the outbox to drain");
    expect(alice.auth.state.get().status).toBe("signed-in");
    expect(await historyOf(bobUser, dialog.id)).toEqual(["still here"]);
  });
});
