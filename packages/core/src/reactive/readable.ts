import type { Observable } from "rxjs";

/** A function that receives a Readable's value. */
export type Listener<T> = (value: T) => void;

/** Stops a subscription. Calling it more than once does nothing. */
export type Unsubscribe = () => void;

/**
 * The one contract adapters consume (docs/architecture.md, "The bridge"). It is the Svelte store contract as is:
 * `subscribe` calls the listener synchronously with the current value, then on every change, and returns a function.
 * React uses `useSyncExternalStore(subscribe, get)`; Vue a `shallowRef` fed by `subscribe`.
 */
export interface Readable<T> {
  /** The current value; the same reference until the value changes. */
  get(): T;
  /** Calls `listener` with the current value now and with each later value; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): Unsubscribe;
  /** The same values as an RxJS Observable (current value first), for RxJS users. */
  readonly value$: Observable<T>;
}

/** Anything that can be read like a Readable, without the Observable side (e.g. a Svelte store with `get`). */
export type ReadableSource<T> = Pick<Readable<T>, "get" | "subscribe">;
