import type { PersistenceSession } from "../persistence/Persistence.js";
import { applyTabWrites, type FollowerStores } from "./applyTabWrites.js";
import { type TabWrite, windowToRecord } from "./createBroadcastingSession.js";
import { createLiveLedger } from "./createLiveLedger.js";
import { applyLiveMessages, type LiveMessages } from "./createLiveRelay.js";
import type { TabMessage } from "./TabsState.js";

/** A follower's side of the leader's stream: its live messages and its committed writes. */
export interface FollowerFeed {
  /** Changed messages, at once (`kind: "live"`). */
  live(message: TabMessage): void;
  /** What the leader committed (`kind: "writes"`). */
  writes(message: TabMessage): void;
}

/**
 * Applies the leader's stream to a follower's stores (docs/architecture.md, Tabs, "Leader → followers"): live
 * messages as incoming ones, committed writes with what came live after each window's snapshot kept
 * (`createLiveLedger.ts`), and a window whose changes it cannot place read whole from the database — changes that
 * come in while it reads are read again after. Nothing lands once `current()` is false or the tab leads.
 */
export function createFollowerFeed(deps: {
  db: PersistenceSession;
  stores: Pick<FollowerStores, "dialogs" | "messages" | "outbox">;
  windowCap: number;
  isFollower: () => boolean;
  current: () => boolean;
}): FollowerFeed {
  const { db, stores, windowCap, isFollower, current } = deps;
  const ledger = createLiveLedger();
  const reading = new Map<string, boolean>(); // dialog → read again when done

  const missing = (dialogId: string) => {
    if (reading.has(dialogId)) return void reading.set(dialogId, true);
    reading.set(dialogId, false);
    const read = db.loadWindow(dialogId).then((stored) => {
      if (stored && current() && isFollower())
        applyTabWrites([{ type: "window", window: windowToRecord(stored) }], stores);
    });
    void read
      .finally(() => {
        const again = reading.get(dialogId);
        reading.delete(dialogId);
        if (again && current()) missing(dialogId);
      })
      .catch(() => {});
  };

  return {
    live(message) {
      if (!isFollower()) return;
      ledger.live(message);
      applyLiveMessages(message.payload as LiveMessages[], stores.messages, windowCap);
    },
    writes(message) {
      if (!isFollower()) return; // a stale leader's stream reaching one that leads now
      const writes = message.payload as TabWrite[];
      ledger.writes(message);
      applyTabWrites(writes, { ...stores, missing, windowCap, cameLiveAfter: ledger.cameLiveAfter });
      ledger.applied(writes);
    },
  };
}
