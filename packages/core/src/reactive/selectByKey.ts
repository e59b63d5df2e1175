import type { Readable, ReadableSource } from "./readable.js";
import { select } from "./select.js";

/** How many keys a family remembers; past it the oldest is forgotten (its Readable keeps working for its holders). */
const MAX_KEYS = 1000;

/**
 * A family of selections of `source`, one per key: `selectByKey(unread, (u, id) => u.byDialog[id] ?? 0)("A")`. The
 * same key gives the same Readable (so a binding may call it on every render), which, like `select`, notifies only
 * when its selection changes by `isEqual`. Keys may be null or undefined: the selector decides what they read.
 */
export function selectByKey<K, S, U>(
  source: ReadableSource<S>,
  selector: (value: S, key: K) => U,
  isEqual?: (a: U, b: U) => boolean,
): (key: K) => Readable<U> {
  const family = new Map<K, Readable<U>>();
  return (key) => {
    let view = family.get(key);
    if (!view) {
      if (family.size >= MAX_KEYS) family.delete(family.keys().next().value as K);
      family.set(key, (view = select(source, (value) => selector(value, key), isEqual)));
    }
    return view;
  };
}
