import { Observable } from "rxjs";
import type { Listener, Readable, Unsubscribe } from "./readable.js";

interface Subscription<T> {
  listener: Listener<T>;
  delivered: boolean;
  last: T | undefined;
  active: boolean;
}

/**
 * The building block of every Readable in core. `read()` gives the current value (called by `get()` and before
 * each delivery); `watch(onChange)` is called when the first subscriber arrives and must call `onChange` whenever
 * the value may have changed; the function it returns is called when the last subscriber leaves.
 *
 * Each subscriber receives the value current at delivery time and never the same value twice in a row, so a
 * re-entrant change (a listener that updates the store it listens to) never hands a later listener a stale value.
 */
export function createReadable<T>(read: () => T, watch: (onChange: () => void) => Unsubscribe): Readable<T> {
  const subscriptions = new Set<Subscription<T>>();
  let detach: Unsubscribe | null = null;

  const deliver = (subscription: Subscription<T>): void => {
    if (!subscription.active) return;
    const value = read();
    if (subscription.delivered && Object.is(subscription.last, value)) return;
    subscription.delivered = true;
    subscription.last = value;
    subscription.listener(value);
  };

  const onChange = (): void => {
    for (const subscription of [...subscriptions]) deliver(subscription);
  };

  const subscribe = (listener: Listener<T>): Unsubscribe => {
    const subscription: Subscription<T> = { listener, delivered: false, last: undefined, active: true };
    subscriptions.add(subscription);
    if (subscriptions.size === 1 && detach === null) detach = watch(onChange);
    deliver(subscription);
    return () => {
      if (!subscription.active) return;
      subscription.active = false;
      subscriptions.delete(subscription);
      if (subscriptions.size === 0 && detach !== null) {
        const stop = detach;
        detach = null;
        stop();
      }
    };
  };

  const value$ = new Observable<T>((subscriber) => subscribe((value) => subscriber.next(value)));

  return { get: read, subscribe, value$ };
}
