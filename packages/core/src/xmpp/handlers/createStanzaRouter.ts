import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ChatError } from "../../errors/ChatError.js";
import { toChatError } from "../../errors/toChatError.js";

/** The top-level stanza kinds a handler can register for (`<iq>` requests go through `transport.onIq`). */
type StanzaKind = "message" | "presence" | "iq";

type StanzaHandler = (stanza: Element) => void;

export interface StanzaRouter {
  /** Registers a handler for one kind of stanza; returns its unregistration. */
  on(kind: StanzaKind, handler: StanzaHandler): () => void;
  dispose(): void;
}

/**
 * The one subscriber to the transport's incoming stanzas: each stanza goes only to the handlers registered for its
 * kind, in registration order (docs/architecture.md, "One message, in"). A handler that throws is reported and does
 * not keep the others from seeing the stanza.
 */
export function createStanzaRouter(options: {
  stanza$: Observable<Element>;
  reportError: (error: ChatError) => void;
}): StanzaRouter {
  const handlers = new Map<string, StanzaHandler[]>();
  const subscription = options.stanza$.subscribe((stanza) => {
    const registered = handlers.get(stanza.name);
    if (!registered) return;
    for (const handler of registered) {
      try {
        handler(stanza);
      } catch (error) {
        options.reportError(toChatError(error));
      }
    }
  });
  return {
    on(kind, handler) {
      handlers.set(kind, [...(handlers.get(kind) ?? []), handler]);
      return () => {
        const rest = (handlers.get(kind) ?? []).filter((h) => h !== handler);
        if (rest.length) handlers.set(kind, rest);
        else handlers.delete(kind);
      };
    },
    dispose: () => {
      subscription.unsubscribe();
      handlers.clear();
    },
  };
}
