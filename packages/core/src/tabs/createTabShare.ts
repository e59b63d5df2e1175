import type { Clock } from "../time/clock.js";
import { createShareCalls, type Reply, type RouteOptions, type WireOptions } from "./createShareCalls.js";
import { createShareReports } from "./createShareReports.js";
import type { TabMessage, TabRole } from "./TabsState.js";

/** How the share reaches the other tabs of the user (given by `createTabsWiring` while the user's tabs are joined). */
interface TabLink {
  tabId: string;
  role(): TabRole;
  /** Posts on the leader's stream (only while leading). */
  stream(kind: string, payload: unknown): void;
  /** Posts a signal (any tab). */
  signal(kind: string, payload: unknown): void;
}

/** A store a feature shares: the leader's value is the one every tab shows. */
interface SharedStore<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

/** How a shared value crosses to another tab, and how a follower takes it in (default: `set`). */
interface MirrorOptions<T> extends WireOptions<T> {
  /** Takes the leader's value in; `first` is true for the first value after joining or a re-read. */
  apply?(value: T, first: boolean): void;
}

/** What a feature uses to share per-user state that only the connection carries (docs/architecture.md, Tabs). */
export interface TabShare {
  /** Mirrors `store`: while this tab leads, its value goes to every follower; a follower shows the leader's. */
  mirror<T>(name: string, store: SharedStore<T>, options?: MirrorOptions<T>): () => void;
  /**
   * Wraps a command that needs the connection: in a follower it runs in the leader tab (a request, answered on the
   * channel; no answer in time is a `timeout` ChatError), elsewhere here. Arguments and results must be cloneable.
   */
  route<A extends unknown[], R>(
    name: string,
    run: (...args: A) => Promise<R>,
    result?: RouteOptions<R>,
  ): (...args: A) => Promise<R>;
  /** This tab's value of a per-tab fact (e.g. whether it is visible), told to the other tabs. */
  report(name: string, value: unknown): void;
  /** The other tabs' live values of a per-tab fact, by tab id (a tab not heard for a few seconds is dropped). */
  reports(name: string): ReadonlyMap<string, unknown>;
  /** Called when any report changes, and when this tab's role may have (a leader acts on the reports). */
  onReports(listener: () => void): () => void;
  /** Sends `payload` to one tab; `onTold(name)` there gets it. */
  tell(name: string, tabId: string, payload: unknown): void;
  onTold(name: string, listener: (payload: unknown) => void): () => void;
  /** This tab's id while joined, else null; its role ("alone" when not joined). */
  tabId(): string | null;
  role(): TabRole;
}

/** The wiring's side of the share. */
export interface TabShareHub extends TabShare {
  attach(link: TabLink): void;
  detach(): void;
  /** A message from another tab; true when it was the share's. */
  receive(message: TabMessage): boolean;
  /** This tab's role changed, or it re-reads (a gap, a new term): a follower asks for the leader's values. */
  refresh(): void;
  /** A tab appeared: the leader posts its values, every tab its reports. */
  newTab(): void;
}

interface Mirror {
  store: SharedStore<unknown>;
  options: MirrorOptions<unknown>;
  first: boolean;
}

/** Dependencies of `createTabShare`, by name. */
export interface TabShareOptions {
  clock: Clock;
  /** How long a follower waits for the leader's answer. Default 15 s. */
  requestTimeoutMs?: number;
  /** A tab silent this long is dropped from the reports (every tab says `here` each second). Default 3.5 s. */
  silentAfterMs?: number;
}

/**
 * Shares per-user state that no database write holds (contacts, privacy lists, last activity, system messages)
 * across the tabs of one user: the leader's stores are mirrored to followers as whole values (so any one message,
 * or the snapshot a follower asks for on joining and after a gap or a new term, is enough), a follower's commands
 * run in the leader as requests with replies (`createShareCalls.ts`), and each tab's own facts are reports every tab
 * keeps (`createShareReports.ts`; docs/architecture.md, Tabs).
 */
export function createTabShare(options: TabShareOptions): TabShareHub {
  const mirrors = new Map<string, Mirror>();
  const latest = new Map<string, unknown>(); // values of mirrors not registered here yet (a feature loaded later)
  const told = new Map<string, Set<(payload: unknown) => void>>();
  let link: TabLink | null = null;
  let dirty = new Set<string>();

  const role = (): TabRole => link?.role() ?? "alone";
  const leading = () => role() === "leader";
  const signal = (kind: string, payload: unknown) => link?.signal(kind, payload);
  const calls = createShareCalls({
    ...{ clock: options.clock, timeoutMs: options.requestTimeoutMs ?? 15_000 },
    ...{ tabId: () => link?.tabId ?? null, role, signal },
  });
  const reports = createShareReports({ clock: options.clock, silentAfterMs: options.silentAfterMs ?? 3500, signal });

  const post = (name: string) => {
    const mirror = mirrors.get(name);
    if (!mirror || !link || !leading()) return;
    const value = mirror.store.get();
    link.stream("share:state", { name, value: mirror.options.toWire ? mirror.options.toWire(value) : value });
  };
  const postSoon = (name: string) => {
    if (dirty.size === 0)
      queueMicrotask(() => {
        const names = dirty;
        dirty = new Set();
        for (const each of names) post(each);
      });
    dirty.add(name);
  };
  const take = (name: string, wire: unknown) => {
    const mirror = mirrors.get(name);
    if (!mirror) return void latest.set(name, wire);
    const value = mirror.options.fromWire ? mirror.options.fromWire(wire) : wire;
    const first = mirror.first;
    mirror.first = false;
    if (mirror.options.apply) mirror.options.apply(value, first);
    else mirror.store.set(value);
  };

  return {
    mirror(name, store, mirrorOptions = {}) {
      const mirror: Mirror = {
        store: store as SharedStore<unknown>,
        options: mirrorOptions as MirrorOptions<unknown>,
        first: true,
      };
      mirrors.set(name, mirror);
      if (latest.has(name) && role() === "follower") take(name, latest.get(name));
      latest.delete(name);
      const unsubscribe = store.subscribe(() => {
        if (leading()) postSoon(name);
      });
      return () => {
        unsubscribe();
        if (mirrors.get(name) === mirror) mirrors.delete(name);
      };
    },
    route: calls.route,
    report: reports.report,
    reports: reports.reports,
    onReports: reports.onReports,
    tell(name, tabId, payload) {
      signal("share:tell", { name, to: tabId, payload });
    },
    onTold(name, listener) {
      const listeners = told.get(name) ?? new Set();
      told.set(name, listeners.add(listener));
      return () => listeners.delete(listener);
    },
    tabId: () => link?.tabId ?? null,
    role,
    attach(next) {
      link = next;
      reports.announce();
    },
    detach() {
      link = null;
      calls.runPendingHere(); // alone now: what still waits runs here (and fails for want of a connection, as alone)
      latest.clear();
      for (const mirror of mirrors.values()) mirror.first = true;
      reports.clear();
    },
    receive(message) {
      const from = message.from;
      reports.heard(from, message.kind);
      if (!message.kind.startsWith("share:") || !link) return false;
      const payload = (message.payload ?? {}) as Record<string, unknown>;
      const name = typeof payload.name === "string" ? payload.name : "";
      switch (message.kind) {
        case "share:state":
          if (role() === "follower") take(name, payload.value);
          break;
        case "share:want":
          if (leading()) for (const each of mirrors.keys()) post(each);
          break;
        case "share:call":
          if (leading() && typeof payload.id === "string" && Array.isArray(payload.args))
            void calls.answer(from, payload.id, name, payload.args);
          break;
        case "share:reply":
          if (payload.to === link.tabId && typeof payload.id === "string") calls.settle(payload as unknown as Reply);
          break;
        case "share:report":
          reports.take(from, name, payload.value);
          break;
        case "share:tell":
          if (payload.to === link.tabId) for (const listener of told.get(name) ?? []) listener(payload.payload);
          break;
      }
      return true;
    },
    refresh() {
      if (!link) return;
      if (role() === "follower") {
        for (const mirror of mirrors.values()) mirror.first = true;
        link.signal("share:want", null);
        // A new term or a gap: the leader may be another tab, which never heard what waits here. Asked again (the
        // same id: a leader that did hear it answers once).
        calls.askAgain();
      } else {
        calls.runPendingHere();
        for (const name of mirrors.keys()) post(name);
      }
      reports.notify();
    },
    newTab() {
      if (!link) return;
      reports.announce();
      if (leading()) for (const name of mirrors.keys()) post(name);
    },
  };
}
