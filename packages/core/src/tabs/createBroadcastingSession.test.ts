import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createMemorySession } from "../persistence/memory/createMemoryPersistence.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { applyTabWrites } from "./applyTabWrites.js";
import { createBroadcastingSession, type TabWrite } from "./createBroadcastingSession.js";

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const windowOf = (items: ReturnType<typeof aMessage>[]) => ({ dialogId: "d1", items, hasOlder: false, viewedAt: 0 });

describe("createBroadcastingSession: windows", () => {
  it("sends a window whole once, then only what changed with the order; a follower rebuilds the same window", async () => {
    const posted: TabWrite[][] = [];
    const session = createBroadcastingSession(createMemorySession(), (writes) => posted.push(writes));
    const m1 = aMessage("m1", "d1", 1000);
    const m2 = aMessage("m2", "d1", 2000);
    await session.putWindow(windowOf([m1, m2]));
    const m2read = { ...m2, status: "read" as const };
    const m3 = aMessage("m3", "d1", 3000);
    await session.putWindow(windowOf([m1, m2read, m3]));
    await settle();
    const [[full], [changes]] = posted;
    expect(full.type).toBe("window");
    expect(changes.type).toBe("windowChanges");
    if (changes.type !== "windowChanges") return;
    expect(changes.window.items.map((m) => m.id)).toEqual(["m2", "m3"]);
    expect(changes.ids).toEqual(["m1", "m2", "m3"]);

    const follower = { dialogs: createDialogsStore(), messages: createMessagesStore(), outbox: noOutbox };
    const missing: string[] = [];
    applyTabWrites(posted[1], { ...follower, missing: (id) => missing.push(id) }); // m1 unknown here
    expect(missing).toEqual(["d1"]);
    applyTabWrites(posted[0], follower);
    applyTabWrites(posted[1], follower);
    const shown = follower.messages.window("d1").get().items;
    expect(shown.map((m) => [m.id, m.status])).toEqual([
      ["m1", m1.status],
      ["m2", "read"],
      ["m3", m3.status],
    ]);
  });

  it("a follower whose full window was trimmed past the leader's oldest (newer messages came live) drops those", () => {
    const follower = { dialogs: createDialogsStore(), messages: createMessagesStore(), outbox: noOutbox };
    const [m2, m3] = [aMessage("m2", "d1", 2000), aMessage("m3", "d1", 3000)];
    follower.messages.receive([m2, m3], { cap: 2 }); // m1 trimmed already
    const missing: string[] = [];
    const changes: TabWrite = {
      type: "windowChanges",
      window: { ...windowOf([]), items: [] },
      ids: ["m1", "m2", "m3"],
    };
    applyTabWrites([changes], { ...follower, windowCap: 2, missing: (id) => missing.push(id) });
    expect(missing).toEqual([]);
    const shown = follower.messages.window("d1").get();
    expect(shown.items.map((m) => m.id)).toEqual(["m2", "m3"]);
    expect(shown.hasOlder).toBe(true);
  });
});

const noOutbox = { entries: { get: () => [] }, mirror: () => {} };
