import { describe, expect, it } from "@jest/globals";
import "fake-indexeddb/auto";
import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { OutboxSend } from "../../model/outboxEntry.js";
import { createIndexedDbPersistence } from "./createIndexedDbPersistence.js";

const entry = (id: string, state: OutboxSend["state"] = "queued"): OutboxSend => ({
  id,
  kind: "send",
  dialogId: "d1",
  messageId: id,
  createdAt: 1,
  state,
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  body: "hi",
  attachments: [],
  customParams: {},
  recipientId: 2,
});

/** Two tabs of one browser: two sessions over the same database. */
async function twoTabs() {
  const indexedDB = new IDBFactory();
  const open = () => createIndexedDbPersistence({ indexedDB, IDBKeyRange }).open({ appId: 1, userId: 10 });
  return [await open(), await open()] as const;
}

describe("leader terms and fencing", () => {
  it("each claim takes the next term, whichever tab claims", async () => {
    const [a, b] = await twoTabs();
    expect(await a.claimTerm?.()).toBe(1);
    expect(await b.claimTerm?.()).toBe(2);
    expect(await a.claimTerm?.()).toBe(3);
  });

  it("a stale leader's batch writes only the user's new work, and it is told", async () => {
    const [old, next] = await twoTabs();
    const term = await old.claimTerm!();
    let stale = 0;
    old.fence!(term, () => stale++);
    await old.putDialogs([aDialog("d0")]);
    expect(stale).toBe(0);
    old.fence!(term, () => stale++); // unchanged, still leading
    const newTerm = await next.claimTerm!();
    next.fence!(newTerm);
    await Promise.all([
      old.putDialogs([aDialog("d1", { name: "stale" })]),
      old.setCursor("dialogs", 99),
      old.putOutbox(entry("aa", "in-flight")),
      old.putOutbox(entry("bb")), // typed in the woken tab: kept
    ]);
    expect(stale).toBe(1);
    await next.putDialogs([aDialog("d2")]);
    const snapshot = await next.load();
    expect(snapshot.dialogs.map((d) => d.id).sort()).toEqual(["d0", "d2"]);
    expect(snapshot.cursors.dialogs).toBeUndefined();
    expect(snapshot.outbox.map((e) => e.id)).toEqual(["bb"]);
  });

  it("without a fence a session writes as before (a follower's outbox entries)", async () => {
    const [leader, follower] = await twoTabs();
    leader.fence!(await leader.claimTerm!());
    follower.fence!(null);
    await follower.putOutbox(entry("cc"));
    expect((await leader.load()).outbox.map((e) => e.id)).toEqual(["cc"]);
  });
});
