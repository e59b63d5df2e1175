import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import type { StreamManagement } from "./createXmppEntity.js";

/** Stanzas waiting for their stream-management acknowledgement. */
export interface AckTracker {
  /** A promise settled by the ack (or failure) of this very element; call before sending it. */
  track(stanza: Element): Promise<void>;
  /** Rejects the waiters of one stanza (e.g. it could not be written at all). */
  fail(stanza: Element, error: ChatError): void;
  /** Rejects every tracked stanza. */
  failAll(error: ChatError): void;
  /** Stops listening to stream management. */
  dispose(): void;
}

interface Waiter {
  resolve(): void;
  reject(error: ChatError): void;
}

/**
 * Settles tracked stanzas from @xmpp/stream-management's events: it queues each outgoing stanza object it counts,
 * emits `ack` with that same object when the server's `<a h/>` covers it, and `fail` when the stream is gone and was
 * not (or could not be) resumed. After a resumption @xmpp resends the unacknowledged queue itself.
 */
export function createAckTracker(sm: StreamManagement): AckTracker {
  const waiting = new Map<Element, Waiter[]>();

  const settle = (stanza: Element, outcome: (waiter: Waiter) => void): void => {
    const waiters = waiting.get(stanza);
    if (!waiters) return;
    waiting.delete(stanza);
    for (const waiter of waiters) outcome(waiter);
  };
  const onAck = (stanza: Element): void => settle(stanza, (waiter) => waiter.resolve());
  const onFail = (stanza: Element): void =>
    settle(stanza, (waiter) =>
      waiter.reject(new ChatError("network", "The stream ended before the server acknowledged the stanza")),
    );
  sm.on("ack", onAck);
  sm.on("fail", onFail);

  return {
    track(stanza) {
      return new Promise<void>((resolve, reject) => {
        const waiters = waiting.get(stanza) ?? [];
        waiters.push({ resolve, reject });
        waiting.set(stanza, waiters);
      });
    },
    fail(stanza, error) {
      settle(stanza, (waiter) => waiter.reject(error));
    },
    failAll(error) {
      const all = [...waiting.values()].flat();
      waiting.clear();
      for (const waiter of all) waiter.reject(error);
    },
    dispose() {
      sm.removeListener("ack", onAck);
      sm.removeListener("fail", onFail);
    },
  };
}
