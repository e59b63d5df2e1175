import type { TabShare } from "./createTabShare.js";

/** Standing interests of every tab of the user, held in the leader (docs/architecture.md, Tabs). */
export interface SharedWatches {
  /** This tab watches `key` (its app subscribed); returns the release. Counted: the last release ends it. */
  watch(key: number): () => void;
  /** Releases what the leader holds and stops listening. */
  dispose(): void;
}

/**
 * Holds, in whichever tab leads, what the user's other tabs watch (a user's last activity streamed while some tab
 * shows it): each tab reports the keys it watches as a per-tab fact (`share.report`), which every tab keeps, so a
 * new leader holds them at once with no request of its own, and a tab that closes or goes silent drops out of the
 * reports and its holds go with it. `hold(key)` starts the interest in the leader and returns its end.
 */
export function createSharedWatches(share: TabShare, name: string, hold: (key: number) => () => void): SharedWatches {
  const mine = new Map<number, number>(); // key → how many of this tab's subscribers watch it
  const held = new Map<number, () => void>();
  const report = () => share.report(name, [...mine.keys()]);

  const sync = () => {
    const wanted = new Set<number>();
    if (share.role() === "leader")
      for (const keys of share.reports(name).values())
        if (Array.isArray(keys)) for (const key of keys) if (Number.isSafeInteger(key)) wanted.add(key as number);
    for (const [key, release] of held)
      if (!wanted.has(key)) {
        held.delete(key);
        release();
      }
    for (const key of wanted) if (!held.has(key)) held.set(key, hold(key));
  };
  const stopListening = share.onReports(sync);
  sync();

  return {
    watch(key) {
      mine.set(key, (mine.get(key) ?? 0) + 1);
      if (mine.get(key) === 1) report();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (mine.get(key) ?? 1) - 1;
        if (left > 0) return void mine.set(key, left);
        mine.delete(key);
        report();
      };
    },
    dispose() {
      stopListening();
      for (const release of held.values()) release();
      held.clear();
    },
  };
}
