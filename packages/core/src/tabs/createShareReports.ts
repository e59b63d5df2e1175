import type { Clock } from "../time/clock.js";

/** Per-tab facts the tabs of a user tell each other (docs/architecture.md, Tabs: `share:report`). */
export interface ShareReports {
  /** This tab's value of a fact, told to the other tabs now and again to every tab that appears. */
  report(name: string, value: unknown): void;
  /** The other tabs' live values of a fact, by tab id. */
  reports(name: string): ReadonlyMap<string, unknown>;
  /** Called when any report changes, and when this tab's role may have (`notify`). */
  onReports(listener: () => void): () => void;
  /** A message from another tab: it is alive (or, for `bye`, gone); a heartbeat (`here`) sweeps the silent ones. */
  heard(from: string, kind: string): void;
  /** Another tab's value of a fact (`share:report`). */
  take(from: string, name: string, value: unknown): void;
  /** Tells every value of this tab again (it joined, or a tab appeared). */
  announce(): void;
  /** Forgets the other tabs (this one left them). */
  clear(): void;
  /** Calls the listeners. */
  notify(): void;
}

/**
 * Creates the per-tab reports of the share: each tab's values are kept by every other tab, so whoever leads knows
 * them without asking; a tab's values go with its `bye`, or once it has not been heard for `silentAfterMs` (every tab
 * says `here` each second).
 */
export function createShareReports(deps: {
  clock: Clock;
  silentAfterMs: number;
  signal: (kind: string, payload: unknown) => void;
}): ShareReports {
  const { clock, silentAfterMs } = deps;
  const own = new Map<string, unknown>();
  const reported = new Map<string, Map<string, unknown>>();
  const heard = new Map<string, number>();
  const listeners = new Set<() => void>();

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const forget = (tabId: string) => {
    heard.delete(tabId);
    let changed = false;
    for (const values of reported.values()) changed = values.delete(tabId) || changed;
    if (changed) notify();
  };
  const sweep = () => {
    const now = clock.now();
    for (const [tabId, at] of heard) if (now - at > silentAfterMs) forget(tabId);
  };

  return {
    report(name, value) {
      own.set(name, value);
      deps.signal("share:report", { name, value });
    },
    reports(name) {
      sweep();
      return reported.get(name) ?? new Map();
    },
    onReports(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    heard(from, kind) {
      if (kind === "bye") return forget(from);
      heard.set(from, clock.now());
      if (kind === "here") sweep(); // each tab's heartbeat: a tab closed without a word drops out
    },
    take(from, name, value) {
      const values = reported.get(name) ?? new Map<string, unknown>();
      reported.set(name, values.set(from, value));
      notify();
    },
    announce() {
      for (const [name, value] of own) deps.signal("share:report", { name, value });
    },
    clear() {
      heard.clear();
      reported.clear();
      notify();
    },
    notify,
  };
}
