import { createReadable } from "./createReadable.js";
import type { Readable, Unsubscribe } from "./readable.js";

/**
 * A Readable whose source is made by a module still loading (a dynamic `import()`; docs/decisions.md, "A small
 * bundle"). Until `source()` gives one it reads `initial`; a subscriber that came before is moved onto the source
 * once `ready()` settles, and told the source's value if it differs. Later subscribers go straight to the source.
 * `ready()` is asked on every early subscribe, so a module that failed to load is tried again; meanwhile the value
 * stays `initial`.
 */
export function deferReadable<T>(
  source: () => Readable<T> | null,
  ready: () => Promise<unknown>,
  initial: T,
): Readable<T> {
  return createReadable(
    () => {
      const real = source();
      return real ? real.get() : initial;
    },
    (onChange) => {
      const now = source();
      if (now) return now.subscribe(onChange);
      let active = true;
      let off: Unsubscribe | null = null;
      void ready().then(
        () => {
          const real = source();
          if (!active || !real) return;
          off = real.subscribe(onChange);
          onChange(); // createReadable delivers only a value that differs from the last one delivered
        },
        () => {},
      );
      return () => {
        active = false;
        off?.();
      };
    },
  );
}

/**
 * `deferReadable` per key, for `forUser(id)`-style getters: once the module is there the real getter answers (its
 * instances are the stable ones); before, one deferred Readable per key, kept until the module arrives.
 */
export function deferByKey<K, T>(
  real: () => ((key: K) => Readable<T>) | null,
  ready: () => Promise<unknown>,
  initial: T,
): (key: K) => Readable<T> {
  const early = new Map<K, Readable<T>>();
  return (key) => {
    const get = real();
    if (get) {
      early.clear();
      return get(key);
    }
    let readable = early.get(key);
    if (!readable) {
      readable = deferReadable(() => real()?.(key) ?? null, ready, initial);
      early.set(key, readable);
    }
    return readable;
  };
}
