import { createReadable, type Readable, type ReadableSource, type Unsubscribe } from "@chatcube/core";
import { toStore } from "svelte/store";
import { asReadable } from "./useReadable.js";

/** A plain value, or a function reading it (e.g. `() => dialogId` over a `$props()` or `$state` rune). */
export type MaybeGetter<T> = T | (() => T);

/**
 * A Readable of `sourceFor(key)`. With a getter as `key` (called during component initialisation), the Readable
 * moves its subscription to the new source whenever the runes the getter reads change.
 */
export function follow<K, T>(key: MaybeGetter<K>, sourceFor: (key: K) => ReadableSource<T>): Readable<T> {
  if (typeof key !== "function") return asReadable(sourceFor(key));
  const read = key as () => K;
  const keys = toStore(read);
  // One source per key, so `get()` keeps its reference until the value changes.
  let current: { key: K; source: ReadableSource<T> } | null = null;
  const sourceOf = (next: K): ReadableSource<T> => {
    if (!current || !Object.is(current.key, next)) current = { key: next, source: sourceFor(next) };
    return current.source;
  };
  return createReadable(
    () => sourceOf(read()).get(),
    (onChange) => {
      let inner: Unsubscribe | null = null;
      const outer = keys.subscribe((next) => {
        inner?.();
        inner = sourceOf(next).subscribe(() => onChange());
      });
      return () => {
        outer();
        inner?.();
        inner = null;
      };
    },
  );
}
