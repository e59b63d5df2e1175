import { createReadable, type Readable, type ReadableSource, select } from "@chatcube/core";

/**
 * A Svelte store (a core Readable) of a Readable's value, or of part of it: subscribers hear of a change only when
 * the selection changes by `isEqual` (default `Object.is`). Use it as `$store`, or `fromStore(store).current`.
 */
export function useReadable<T>(readable: ReadableSource<T>): Readable<T>;
/** The same, with a selector: `useReadable(client.unread, (u) => u.total)`. */
export function useReadable<T, U>(
  readable: ReadableSource<T>,
  selector: (value: T) => U,
  isEqual?: (a: U, b: U) => boolean,
): Readable<U>;
export function useReadable<T, U>(
  readable: ReadableSource<T>,
  selector?: (value: T) => U,
  isEqual?: (a: U, b: U) => boolean,
): Readable<T> | Readable<U> {
  return selector ? select(readable, selector, isEqual) : asReadable(readable);
}

/** `source` itself when it is a full Readable, else a Readable over it. */
export function asReadable<T>(source: ReadableSource<T>): Readable<T> {
  if ("value$" in source) return source as Readable<T>;
  return createReadable(source.get, (onChange) => source.subscribe(() => onChange()));
}
