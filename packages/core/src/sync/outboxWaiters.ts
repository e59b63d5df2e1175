import type { ChatError } from "../errors/ChatError.js";

/** The outcome promises of outbox entries (`outbox.settled(id)`, a sent message's `settled`), by entry id. */
export interface OutboxWaiters {
  /** The promise of an entry's outcome, made on first ask; nobody awaiting it is no unhandled rejection. */
  waitFor(id: string): Promise<void>;
  /** The promise already made for an entry, if any. */
  pending(id: string): Promise<void> | undefined;
  /** Settles an entry's promise: resolved when `error` is null, else rejected with it. */
  settle(id: string, error: ChatError | null): void;
  /** Rejects every promise with `error` (sign-out). */
  rejectAll(error: ChatError): void;
}

/** Creates the waiters of `createOutbox`. */
export function createOutboxWaiters(): OutboxWaiters {
  const waiters = new Map<
    string,
    { promise: Promise<void>; resolve: () => void; reject: (error: ChatError) => void }
  >();
  const settle = (id: string, error: ChatError | null) => {
    const waiter = waiters.get(id);
    if (!waiter) return;
    waiters.delete(id);
    if (error) waiter.reject(error);
    else waiter.resolve();
  };
  return {
    waitFor(id) {
      let waiter = waiters.get(id);
      if (!waiter) {
        let resolve!: () => void;
        let reject!: (error: ChatError) => void;
        const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
        promise.catch(() => {});
        waiters.set(id, (waiter = { promise, resolve, reject }));
      }
      return waiter.promise;
    },
    pending: (id) => waiters.get(id)?.promise,
    settle,
    rejectAll(error) {
      for (const id of [...waiters.keys()]) settle(id, error);
    },
  };
}
