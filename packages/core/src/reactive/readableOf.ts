import { createReadable } from "./createReadable.js";
import type { Readable } from "./readable.js";

/** A Readable whose value never changes (e.g. what a binding reads when no dialog is selected). */
export function readableOf<T>(value: T): Readable<T> {
  return createReadable(
    () => value,
    () => () => {},
  );
}
