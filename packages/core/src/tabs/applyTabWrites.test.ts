import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { messageToRecord } from "../persistence/indexedDb/storedRecords.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { applyTabWrites, type FollowerStores } from "./applyTabWrites.js";
import type { TabWrite } from "./createBroadcastingSession.js";

const D = "d1";
const m1 = aMessage("m1", D, 1000, { status: "delivered" });
const m2 = aMessage("m2", D, 2000, { status: "delivered" });

/** A follower's stores, its window already holding what the leader's live relay brought (m1 at seq 1, m2 at seq 3). */
function follower() {
  const messages = createMessagesStore();
  messages.receive([m1, m2]);
  const liveAt = new Map([
    ["m1", 1],
    ["m2", 3],
  ]);
  const stores: FollowerStores = {
    dialogs: { apply: () => {} } as unknown as FollowerStores["dialogs"],
    messages,
    outbox: { entries: { get: () => [] }, mirror: () => {} },
    cameLiveAfter: (id, seen) => (liveAt.get(id) ?? 0) > seen,
  };
  const ids = () =>
    messages
      .window(D)
      .get()
      .items.map((m) => m.id);
  return { stores, ids };
}
const windowWrite = (items: (typeof m1)[], liveSeen: number): TabWrite => ({
  type: "window",
  window: { dialogId: D, items: items.map(messageToRecord), hasOlder: false, viewedAt: 0, liveSeen },
});

describe("applyTabWrites: a committed window and the live messages after it", () => {
  it("keeps a message that came live after the leader's snapshot (no flicker until the next write)", () => {
    const { stores, ids } = follower();
    applyTabWrites([windowWrite([m1], 2)], stores); // the snapshot was taken after live seq 2: m2 (seq 3) is newer
    expect(ids()).toEqual(["m1", "m2"]);
  });

  it("drops a message the snapshot should hold but does not (the leader removed it)", () => {
    const { stores, ids } = follower();
    applyTabWrites([windowWrite([m1], 3)], stores); // taken after seq 3: m2 was in the leader's window, and is gone
    expect(ids()).toEqual(["m1"]);
  });
});
