import { type Clock, systemClock, type TimerHandle } from "../time/clock.js";
import { createReadable } from "./createReadable.js";
import type { Readable, ReadableSource } from "./readable.js";

/** What the factory of `createKeyedReadables` returns for one key. */
export interface KeyedSource<T> {
  /** Where the values come from, typically `select(store, (s) => s.byId.get(key))`. */
  readable: ReadableSource<T>;
  /** Starts the work behind this key (load history, subscribe to a stream…) and returns how to stop it. */
  start?: () => (() => void) | void;
}

/** A lazily created, reference-counted family of Readables (e.g. `client.messages.forDialog(id)`). */
export interface KeyedReadables<K, T> {
  /** The Readable for `key`, created on first use; the same instance while it is alive. */
  get(key: K): Readable<T>;
  /** Keys whose Readable is alive: subscribed, or within its keep-alive or idle period. */
  keys(): K[];
  /** Stops all started work, cancels timers and forgets every key. */
  dispose(): void;
}

/** Options of `createKeyedReadables`. */
export interface KeyedReadablesOptions {
  /** How long work keeps running after the last subscriber leaves, and how long an unsubscribed key is kept. */
  keepAliveMs?: number;
  /** Time source for the keep-alive timers. */
  clock?: Clock;
}

interface Entry<T> {
  source: KeyedSource<T>;
  view: Readable<T>;
  subscribers: number;
  stop: (() => void) | null;
  timer: TimerHandle | null;
}

/** Default keep-alive: long enough to flip between two dialogs without reloading either. */
export const DEFAULT_KEEP_ALIVE_MS = 30_000;

/**
 * Creates keyed Readables. `factory(key)` is called on the first `get(key)`. The key's `start()` runs when its first
 * subscriber arrives; `keepAliveMs` after the last one leaves, its stop function runs and the key is forgotten (a key
 * that is read but never subscribed is forgotten after the same delay). A Readable obtained before its key was
 * forgotten keeps working: subscribing to it revives the key, and work never runs twice for one key.
 */
export function createKeyedReadables<K, T>(
  factory: (key: K) => KeyedSource<T>,
  options: KeyedReadablesOptions = {},
): KeyedReadables<K, T> {
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const clock = options.clock ?? systemClock;
  const entries = new Map<K, Entry<T>>();

  const cancelTimer = (entry: Entry<T>): void => {
    if (entry.timer !== null) clock.clearTimeout(entry.timer);
    entry.timer = null;
  };

  const expire = (key: K, entry: Entry<T>): void => {
    cancelTimer(entry);
    entry.timer = clock.setTimeout(() => {
      entry.timer = null;
      if (entry.subscribers > 0) return;
      const stop = entry.stop;
      entry.stop = null;
      if (entries.get(key) === entry) entries.delete(key);
      stop?.();
    }, keepAliveMs);
  };

  /** The live entry for `key`: `own` if none is registered (reviving a forgotten one). */
  const live = (key: K, own: Entry<T>): Entry<T> => {
    const current = entries.get(key);
    if (current) return current;
    entries.set(key, own);
    return own;
  };

  const acquire = (key: K, own: Entry<T>): Entry<T> => {
    const entry = live(key, own);
    entry.subscribers += 1;
    cancelTimer(entry);
    if (entry.subscribers === 1 && entry.stop === null) entry.stop = entry.source.start?.() ?? (() => {});
    return entry;
  };

  const release = (key: K, entry: Entry<T>): void => {
    entry.subscribers -= 1;
    if (entry.subscribers === 0) expire(key, entry);
  };

  const create = (key: K): Entry<T> => {
    const source = factory(key);
    const entry: Entry<T> = {
      source,
      view: undefined as unknown as Readable<T>,
      subscribers: 0,
      stop: null,
      timer: null,
    };
    entry.view = createReadable(
      () => source.readable.get(),
      (onChange) => {
        const held = acquire(key, entry);
        const unsubscribe = source.readable.subscribe(() => onChange());
        return () => {
          unsubscribe();
          release(key, held);
        };
      },
    );
    return entry;
  };

  return {
    get(key) {
      const existing = entries.get(key);
      if (existing) return existing.view;
      const entry = create(key);
      entries.set(key, entry);
      expire(key, entry);
      return entry.view;
    },
    keys: () => [...entries.keys()],
    dispose() {
      for (const entry of entries.values()) {
        cancelTimer(entry);
        const stop = entry.stop;
        entry.stop = null;
        stop?.();
      }
      entries.clear();
    },
  };
}
