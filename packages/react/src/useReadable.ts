import type { ReadableSource } from "@chatcube/core";
import { useCallback, useRef, useSyncExternalStore } from "react";

interface Memo<T, U> {
  source: T;
  selector: (value: T) => U;
  selected: U;
}

const identity = <T>(value: T): T => value;

/** The current value of a Readable, re-rendering only when it changes. */
export function useReadable<T>(readable: ReadableSource<T>): T;
/**
 * The selected part of a Readable's value: re-renders only when the selection changes by `isEqual` (default
 * `Object.is`). The selector may be an inline function; it runs again only when the value or the selector changes.
 */
export function useReadable<T, U>(
  readable: ReadableSource<T>,
  selector: (value: T) => U,
  isEqual?: (a: U, b: U) => boolean,
): U;
export function useReadable<T, U>(
  readable: ReadableSource<T>,
  selector: (value: T) => U = identity as (value: T) => U,
  isEqual: (a: U, b: U) => boolean = Object.is,
): U {
  const memo = useRef<Memo<T, U> | null>(null);

  const subscribe = useCallback((onStoreChange: () => void) => readable.subscribe(() => onStoreChange()), [readable]);

  // A pure cache of `selector(readable.get())`: calling it twice without a change returns the same reference, as
  // useSyncExternalStore requires, and an equal selection keeps the previous reference.
  const getSnapshot = useCallback((): U => {
    const source = readable.get();
    const last = memo.current;
    if (last && Object.is(last.source, source) && last.selector === selector) return last.selected;
    const next = selector(source);
    const selected = last && isEqual(last.selected, next) ? last.selected : next;
    memo.current = { source, selector, selected };
    return selected;
  }, [readable, selector, isEqual]);

  // On the server the Readable's current value is the snapshot too: a client created for the request renders what
  // it holds, and nothing subscribes.
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
