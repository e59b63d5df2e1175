import type { TabWrite } from "./createBroadcastingSession.js";
import type { LiveMessages } from "./createLiveRelay.js";
import type { TabMessage } from "./TabsState.js";

/**
 * A follower's record of which leader stream message brought each live message (docs/architecture.md, Tabs). The
 * leader's committed window carries the last live message it had posted when it took its snapshot (`liveSeen`); what
 * came live after that cannot be in the snapshot yet, so the follower keeps it (it showed, then vanished until the
 * next write, before). Kept for the leader's current term only, and pruned as snapshots cover it.
 */
export function createLiveLedger() {
  const broughtBy = new Map<string, number>();
  let term = -1;
  const follow = (message: TabMessage) => {
    if (message.term === term) return;
    broughtBy.clear();
    term = message.term;
  };
  return {
    /** A live message of the leader's stream. */
    live(message: TabMessage): void {
      follow(message);
      for (const change of message.payload as LiveMessages[])
        for (const item of change.items) broughtBy.set(item.id, message.seq);
    },
    /** A committed write of the leader's stream is about to be applied. */
    writes(message: TabMessage): void {
      follow(message);
    },
    /** True for a message that came live after stream message `seen`. */
    cameLiveAfter: (messageId: string, seen: number): boolean => (broughtBy.get(messageId) ?? 0) > seen,
    /** The writes are applied: what every snapshot in them covered is forgotten. */
    applied(writes: readonly TabWrite[]): void {
      const seen = writes.map((w) => ("window" in w && w.window.liveSeen) || 0).filter((n) => n > 0);
      if (seen.length === 0) return;
      const covered = Math.min(...seen);
      for (const [id, seq] of broughtBy) if (seq <= covered) broughtBy.delete(id);
    },
  };
}
