import type { NetworkEvent, NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { Clock, TimerHandle } from "../time/clock.js";
import type { TabShare } from "./createTabShare.js";

/** Dependencies of `createSharedVisibility`, by name. */
export interface SharedVisibilityOptions {
  /** This tab's own page visibility (and network events, passed through). */
  local: NetworkEventSource;
  share: TabShare;
  clock: Clock;
  /**
   * How long the merged value must hold before it is told: focus moving from one tab to another hides the first a
   * moment before the second shows, which must not look like "no tab visible". Default 50 ms.
   */
  settleMs?: number;
}

/** The name of the per-tab report. */
export const VISIBLE_REPORT = "visible";

/**
 * The user's visibility across tabs (docs/architecture.md, Tabs): visible while any tab of the user is visible,
 * hidden when none is. Each tab reports its own to the others; a `visible`/`hidden` event goes out only when the merged
 * value changes and has held for `settleMs`, so the leader tells the server once per change.
 */
export function createSharedVisibility(options: SharedVisibilityOptions): NetworkEventSource {
  const { local, share, clock } = options;
  const settleMs = options.settleMs ?? 50;
  let here = local.isVisible(); // then as the events say
  const anyVisible = () => here || [...share.reports(VISIBLE_REPORT).values()].some((v) => v === true);
  const listeners = new Set<(event: NetworkEvent) => void>();
  let told = anyVisible();
  let timer: TimerHandle | null = null;
  let sweep: TimerHandle | null = null;

  const settle = () => {
    timer = null;
    const now = anyVisible();
    if (now === told) return;
    told = now;
    for (const listener of listeners) listener(now ? "visible" : "hidden");
  };
  const check = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(settle, settleMs);
    // a visible tab that goes silent (crashed) is dropped from the reports after a while: look again then
    if (sweep === null && !here && share.reports(VISIBLE_REPORT).size > 0)
      sweep = clock.setTimeout(() => {
        sweep = null;
        check();
      }, 1000);
  };

  share.report(VISIBLE_REPORT, here);
  let stopReports: (() => void) | null = null;
  let stopLocal: (() => void) | null = null;
  const start = () => {
    stopReports = share.onReports(check);
    stopLocal = local.subscribe((event) => {
      if (event === "visible" || event === "hidden") {
        here = event === "visible";
        share.report(VISIBLE_REPORT, here);
        check();
      } else for (const listener of listeners) listener(event);
    });
  };
  const stop = () => {
    stopReports?.();
    stopLocal?.();
    for (const handle of [timer, sweep]) if (handle !== null) clock.clearTimeout(handle);
    timer = sweep = stopReports = stopLocal = null;
  };

  return {
    isOnline: () => local.isOnline(),
    isVisible: () => told,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };
}
