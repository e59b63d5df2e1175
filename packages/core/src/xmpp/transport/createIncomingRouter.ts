import type { Element } from "@xmpp/xml";
import { ChatError, isChatError } from "../../errors/ChatError.js";
import { STANZA_ERROR_NS } from "../../errors/chatErrorFromStanza.js";
import { isOfDomain } from "../stanzas/jid.js";
import { xml } from "../stanzas/xml.js";
import type { IqTracker } from "./createIqTracker.js";
import type { Middleware } from "./createXmppEntity.js";
import type { IqHandler, TransportLogger } from "./XmppTransport.js";

/** The transport's incoming middleware and its iq handler registry. */
export interface IncomingRouter {
  /** The @xmpp middleware; registered last, so it runs after @xmpp's own handlers and stream-management counting. */
  middleware: Middleware;
  /** Registers the answer to `<iq type><name xmlns/></iq>`; returns the unregister function. */
  onIq(type: "get" | "set", xmlns: string, name: string, handler: IqHandler): () => void;
}

const STANZAS = new Set(["message", "presence", "iq"]);

/**
 * Routes incoming stanzas: replies to our iqs settle `iqs` (and go no further); everything else is handed to
 * `emit`; an iq `get`/`set` is answered by its registered handler, and one nobody handles gets @xmpp/iq's
 * `service-unavailable` error (so the server never waits). A throwing handler answers `internal-server-error`, or
 * the condition of the ChatError it threw. A stanza from another domain than the chat domain (or a subdomain of it,
 * such as the rooms') is dropped before anything sees it, replies included, and reported to `onForeign`.
 */
export function createIncomingRouter(deps: {
  iqs: IqTracker;
  emit: (stanza: Element) => void;
  domain: string;
  onForeign: (error: ChatError) => void;
  logger?: TransportLogger;
}): IncomingRouter {
  const handlers = new Map<string, IqHandler>();
  const key = (type: string, xmlns: string, name: string) => `${type} ${xmlns} ${name}`;

  const answer = async (stanza: Element): Promise<Element | true | undefined> => {
    const payload = stanza.getChildElements()[0];
    const handler = payload
      ? handlers.get(key(String(stanza.attrs.type), payload.getNS() ?? "", payload.name))
      : undefined;
    if (!handler) return undefined;
    try {
      return await handler(stanza);
    } catch (error) {
      deps.logger?.warn?.("iq handler failed", error);
      const condition = isChatError(error) && error.condition ? error.condition : "internal-server-error";
      return xml("error", { type: "cancel" }, xml(condition, { xmlns: STANZA_ERROR_NS }));
    }
  };

  const middleware: Middleware = async (context, next) => {
    const { stanza } = context;
    if (!STANZAS.has(stanza.name)) return next();
    const from = stanza.attrs.from ? String(stanza.attrs.from) : "";
    if (from !== "" && !isOfDomain(from, deps.domain) && !isOfDomain(from, deps.domain, true)) {
      const message = `Dropped a <${stanza.name}> from another domain`;
      deps.onForeign(new ChatError("protocol", message, { details: { from } }));
      return undefined;
    }
    if (deps.iqs.settle(stanza)) return undefined;
    try {
      deps.emit(stanza);
    } catch (error) {
      deps.logger?.error?.("a stanza$ subscriber threw", error);
    }
    const type = stanza.attrs.type;
    if (stanza.name === "iq" && (type === "get" || type === "set")) return answer(stanza);
    return next();
  };

  return {
    middleware,
    onIq(type, xmlns, name, handler) {
      const id = key(type, xmlns, name);
      handlers.set(id, handler);
      return () => {
        if (handlers.get(id) === handler) handlers.delete(id);
      };
    },
  };
}
