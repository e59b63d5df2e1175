import { describe, expect, it } from "@jest/globals";
import type { TabWrite } from "./createBroadcastingSession.js";
import { createLiveLedger } from "./createLiveLedger.js";
import type { TabMessage } from "./TabsState.js";

const live = (term: number, seq: number, ...ids: string[]): TabMessage => ({
  from: "leader",
  term,
  seq,
  kind: "live",
  payload: [{ dialogId: "d1", items: ids.map((id) => ({ id })) }],
});
const snapshot = (liveSeen: number) =>
  [{ type: "window", window: { dialogId: "d1", items: [], hasOlder: false, viewedAt: 0, liveSeen } }] as TabWrite[];

describe("createLiveLedger", () => {
  it("tells what came live after a snapshot, forgets what snapshots covered, and starts afresh with a new term", () => {
    const ledger = createLiveLedger();
    ledger.live(live(1, 1, "a"));
    ledger.live(live(1, 3, "b"));
    expect([ledger.cameLiveAfter("a", 2), ledger.cameLiveAfter("b", 2), ledger.cameLiveAfter("x", 0)]).toEqual([
      false,
      true,
      false,
    ]);
    ledger.applied(snapshot(3)); // covers both
    expect(ledger.cameLiveAfter("b", 0)).toBe(false);
    ledger.live(live(1, 5, "c"));
    ledger.writes({ ...live(2, 1), kind: "writes", payload: [] }); // a new leader: its numbers start again
    expect(ledger.cameLiveAfter("c", 0)).toBe(false);
  });
});
