import type { Observable } from "rxjs";
import type { NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { Clock } from "../time/clock.js";
import type { Outbox } from "./createOutbox.js";
import type { Sync } from "./createSync.js";
import { scheduleUnreadRefresh } from "./scheduleUnreadRefresh.js";

/**
 * What every (re)connect starts: the outbox drains at once (it needs nothing from the sync), the delta sync runs —
 * a resumed stream too, since REST changes made during a blip push nothing — and the outbox drains again after it;
 * unread counts are refreshed after each sync, on page visible and every `unreadRefreshMs` while online
 * (docs/architecture.md, Data flow §3). Returns the stop.
 */
export function runOnConnect(deps: {
  online$: Observable<unknown>;
  isOnline: () => boolean;
  network: NetworkEventSource | null;
  clock: Clock;
  sync: Pick<Sync, "run" | "refreshUnread">;
  outbox: Pick<Outbox, "drain">;
  unreadRefreshMs?: number;
}): () => void {
  const { sync, outbox } = deps;
  const subscription = deps.online$.subscribe(() => {
    void outbox.drain();
    void sync.run().then(() => outbox.drain());
  });
  const stopUnreadRefresh = scheduleUnreadRefresh({
    clock: deps.clock,
    intervalMs: deps.unreadRefreshMs ?? 60_000,
    isOnline: deps.isOnline,
    online$: deps.online$,
    network: deps.network,
    refresh: () => sync.refreshUnread(),
  });
  return () => {
    subscription.unsubscribe();
    stopUnreadRefresh();
  };
}
