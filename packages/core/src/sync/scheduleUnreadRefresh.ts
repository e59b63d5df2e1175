import type { Observable } from "rxjs";
import type { NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { Clock, TimerHandle } from "../time/clock.js";

/** Dependencies of `scheduleUnreadRefresh`, by name. */
export interface UnreadRefreshOptions {
  clock: Clock;
  /** Longest time (ms) while online before a read made elsewhere shows; 0 turns the timer off. */
  intervalMs: number;
  /** True while the chat connection is online. */
  isOnline: () => boolean;
  /** Every time the connection comes online (sync runs then, and refreshes the counts itself). */
  online$: Observable<unknown>;
  /** Page visibility; a page coming back to the foreground refreshes at once. */
  network: NetworkEventSource | null;
  /** Asks the server for the counts. */
  refresh: () => Promise<void>;
}

/**
 * Keeps unread counts current with reads made elsewhere (another device over REST moves no dialog's `updated_at` and
 * pushes nothing): every sync refreshes them, then this asks again every `intervalMs` while online and whenever the
 * page becomes visible. Returns the stop function.
 */
export function scheduleUnreadRefresh(options: UnreadRefreshOptions): () => void {
  const { clock, intervalMs } = options;
  let timer: TimerHandle | null = null;
  let stopped = false;

  const arm = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (stopped || intervalMs <= 0) return;
    timer = clock.setTimeout(() => {
      timer = null;
      // Offline (or signed out) it stops: the next connect arms it again, so no timer outlives the connection.
      if (options.isOnline()) void options.refresh().finally(() => options.isOnline() && arm());
    }, intervalMs);
  };

  const onlineSubscription = options.online$.subscribe(() => arm()); // the sync that runs now refreshed them
  const unsubscribeNetwork =
    options.network?.subscribe((event) => {
      if (event !== "visible" || !options.isOnline()) return;
      arm();
      void options.refresh();
    }) ?? (() => {});

  return () => {
    stopped = true;
    if (timer !== null) clock.clearTimeout(timer);
    onlineSubscription.unsubscribe();
    unsubscribeNetwork();
  };
}
