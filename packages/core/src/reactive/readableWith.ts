import type { Readable } from "./readable.js";

/** A Readable's `get`, `subscribe` and `value$` with members added (e.g. `client.sync` with `resync()`). */
export function readableWith<T, M extends object>(readable: Readable<T>, members: M): Readable<T> & M {
  return { get: readable.get, subscribe: readable.subscribe, value$: readable.value$, ...members };
}
