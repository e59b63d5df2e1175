import type { Element } from "@xmpp/xml";
import type { XmppEntity } from "./createXmppEntity.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
const NS_SM = "urn:xmpp:sm:3";

/** What `watchNegotiation` reports. */
export interface NegotiationHandlers {
  /** A stream was opened (first open: SASL comes next). */
  onOpen(): void;
  /** A new session is bound and stream management is enabled (or refused, or not offered). */
  onSessionReady(): void;
  /** The previous stream-management session was resumed; nothing is to be set up again. */
  onResumed(): void;
}

/** Stops watching. */
export interface Negotiation {
  /** Forgets what was seen of the previous attempt. */
  reset(): void;
  /** Removes the listeners. */
  dispose(): void;
}

/**
 * Tells when a session is ready for carbons and initial presence. @xmpp emits `online` right after bind, before it
 * sends `<enable/>`; a stanza sent then could be counted by one side and not the other. So when the bind features
 * offered stream management, readiness waits for `<enabled/>` or `<failed/>` and then one macrotask, by which time
 * @xmpp/stream-management has applied the answer.
 */
export function watchNegotiation(entity: XmppEntity, handlers: NegotiationHandlers): Negotiation {
  let smOffered = false;
  let awaitingSm = false;

  const ready = (): void => {
    globalThis.setTimeout(() => handlers.onSessionReady(), 0);
  };
  const onNonza = (element: Element): void => {
    if (element.is("features", NS_STREAMS)) {
      if (element.getChild("bind", NS_BIND)) smOffered = element.getChild("sm", NS_SM) !== undefined;
      return;
    }
    if (awaitingSm && (element.is("enabled", NS_SM) || element.is("failed", NS_SM))) {
      awaitingSm = false;
      ready();
    }
  };
  const onOnline = (): void => {
    if (smOffered) awaitingSm = true;
    else ready();
  };
  const onOpen = (): void => handlers.onOpen();
  const onResumed = (): void => handlers.onResumed();

  entity.on("nonza", onNonza);
  entity.on("online", onOnline);
  entity.on("open", onOpen);
  entity.streamManagement.on("resumed", onResumed);

  return {
    reset() {
      smOffered = false;
      awaitingSm = false;
    },
    dispose() {
      entity.removeListener("nonza", onNonza);
      entity.removeListener("online", onOnline);
      entity.removeListener("open", onOpen);
      entity.streamManagement.removeListener("resumed", onResumed);
    },
  };
}
