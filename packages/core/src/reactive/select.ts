import { createReadable } from "./createReadable.js";
import type { Readable, ReadableSource } from "./readable.js";

/**
 * A memoised view of `source`: `selector` runs again only when the source value changes (by reference), and
 * subscribers hear of a change only when the selected value changes by `isEqual` (default `Object.is`), in which
 * case `get()` also keeps returning the previous reference. Subscribes to `source` only while it has subscribers.
 */
export function select<S, U>(
  source: ReadableSource<S>,
  selector: (value: S) => U,
  isEqual: (a: U, b: U) => boolean = Object.is,
): Readable<U> {
  let computed = false;
  let lastSource: S | undefined;
  let lastSelected: U | undefined;

  const read = (): U => {
    const value = source.get();
    if (!computed || !Object.is(value, lastSource)) {
      const next = selector(value);
      if (!computed || !isEqual(lastSelected as U, next)) lastSelected = next;
      lastSource = value;
      computed = true;
    }
    return lastSelected as U;
  };

  return createReadable(read, (onChange) => source.subscribe(() => onChange()));
}
