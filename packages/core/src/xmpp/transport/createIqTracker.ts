import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { chatErrorFromStanza } from "../../errors/chatErrorFromStanza.js";
import { objectId } from "../../model/ids.js";
import type { Clock, TimerHandle } from "../../time/clock.js";

/** Outgoing iqs waiting for their reply. */
export interface IqTracker {
  /** Gives `iq` an id if it has none, sends it with `send`, and resolves with the result `<iq>`. */
  request(iq: Element, timeoutMs: number): Promise<Element>;
  /** Settles the request an incoming `result`/`error` iq answers; false when it answers none of ours. */
  settle(reply: Element): boolean;
  /** Rejects every pending request (the stream they went out on is gone). */
  failAll(error: ChatError): void;
  /** How many requests wait. */
  pending(): number;
}

interface Pending {
  resolve(reply: Element): void;
  reject(error: ChatError): void;
  timer: TimerHandle;
}

/**
 * Tracks iq requests by id. The transport uses this instead of @xmpp/iq's caller because that one swallows the
 * replies it matches before @xmpp/stream-management counts them, which makes the `h` of `<a/>` and `<resume/>` too
 * small and the server replay stanzas the client already had.
 */
export function createIqTracker(deps: { clock: Clock; send: (iq: Element) => Promise<void> }): IqTracker {
  const waiting = new Map<string, Pending>();

  const take = (id: string): Pending | undefined => {
    const entry = waiting.get(id);
    if (!entry) return undefined;
    waiting.delete(id);
    deps.clock.clearTimeout(entry.timer);
    return entry;
  };

  return {
    request(iq, timeoutMs) {
      if (!iq.attrs.id) iq.attrs.id = objectId();
      const id = String(iq.attrs.id);
      const result = new Promise<Element>((resolve, reject) => {
        const timer = deps.clock.setTimeout(() => {
          take(id)?.reject(new ChatError("timeout", `No answer to iq ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        take(id)?.reject(new ChatError("conflict", `iq ${id} was sent again`));
        waiting.set(id, { resolve, reject, timer });
      });
      deps.send(iq).catch((error: unknown) => {
        take(id)?.reject(
          error instanceof ChatError ? error : new ChatError("network", "Could not send the iq", { cause: error }),
        );
      });
      return result;
    },
    settle(reply) {
      const type = reply.attrs.type;
      if (reply.name !== "iq" || (type !== "result" && type !== "error")) return false;
      const entry = take(String(reply.attrs.id ?? ""));
      if (!entry) return false;
      if (type === "result") entry.resolve(reply);
      else entry.reject(chatErrorFromStanza(reply, { oneToOne: false }));
      return true;
    },
    failAll(error) {
      for (const id of [...waiting.keys()]) take(id)?.reject(error);
    },
    pending: () => waiting.size,
  };
}
