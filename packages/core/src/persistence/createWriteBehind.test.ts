import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { Dialog } from "../model/dialog.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { patchDialog, removeDialog, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createManualClock } from "../time/createManualClock.js";
import { createWriteBehind } from "./createWriteBehind.js";
import { createMemorySession } from "./memory/createMemoryPersistence.js";
import type { PersistenceSession, StoredWindow } from "./Persistence.js";

const A = "65f0000000000000000000a0";
const B = "65f0000000000000000000b0";

function setup() {
  const clock = createManualClock(1_000);
  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const calls: string[] = [];
  const windows: StoredWindow[] = [];
  const memory = createMemorySession();
  const session: PersistenceSession = {
    ...memory,
    putDialogs: async (list: readonly Dialog[]) => void calls.push(`putDialogs ${list.map((d) => d.name).join(",")}`),
    deleteDialogs: async (ids) => void calls.push(`deleteDialogs ${ids.length}`),
    putWindow: async (window) => {
      calls.push(`putWindow ${window.items.length}`);
      windows.push(window);
    },
    deleteWindow: async () => void calls.push("deleteWindow"),
  };
  const writeBehind = createWriteBehind({
    dialogs,
    messages,
    session: () => session,
    clock,
    reportError: (e) => {
      throw e;
    },
  });
  return { clock, dialogs, messages, calls, windows, writeBehind };
}

describe("write-behind", () => {
  it("coalesces a tick of store changes into one write per changed dialog and window", async () => {
    const t = setup();
    t.dialogs.apply((s) => upsertDialogs(s, [aDialog(A, { name: "a" }), aDialog(B, { name: "b" })]));
    for (let i = 0; i < 10; i++)
      t.messages.receive([aMessage(`66f0000000000000000000${(10 + i).toString(16)}`, A, 1000 + i)]);
    t.dialogs.apply((s) => patchDialog(s, A, { name: "a2" }));
    expect(t.calls).toEqual([]); // nothing until the tick ends
    t.clock.advance(0);
    expect(t.calls).toEqual(["putDialogs b,a2", "putWindow 10"]); // in list order

    t.calls.length = 0;
    t.dialogs.apply((s) => patchDialog(s, B, { name: "b2" }));
    t.clock.advance(0);
    expect(t.calls).toEqual(["putDialogs b2"]); // only what changed since the last write
    t.dialogs.apply((s) => removeDialog(s, B));
    await t.writeBehind.flush();
    expect(t.calls).toEqual(["putDialogs b2", "deleteDialogs 1"]);
  });

  it("takes what came from the cache as written, and stamps windows with when they were last viewed", async () => {
    const t = setup();
    t.dialogs.apply((s) => upsertDialogs(s, [aDialog(A)]));
    t.writeBehind.adopt([{ dialogId: A, hasOlder: true, viewedAt: 500, count: 1 }]);
    t.messages.receive([aMessage("66f000000000000000000001", A, 1000)]);
    t.writeBehind.adoptWindow(A);
    t.clock.advance(0);
    expect(t.calls).toEqual([]);
    t.clock.advance(1000);
    t.writeBehind.markViewed(A);
    await t.writeBehind.flush();
    expect(t.windows.map((w) => w.viewedAt)).toEqual([2000]);
  });
});
