import { ChatError } from "../../errors/ChatError.js";
import type { XmppEntity } from "./createXmppEntity.js";
import type { TransportLogger } from "./XmppTransport.js";

const STANZAS = new Set(["message", "presence", "iq"]);

/**
 * Makes every incoming element safe to receive. @xmpp dispatches elements synchronously from the socket's message
 * event, so anything thrown there (e.g. @xmpp/middleware parsing a `from="@"` that is no JID) would escape as an
 * uncaught exception. The guard catches it, drops the element and reports a `protocol` error to `onError`.
 *
 * It also keeps the stream-management count right: @xmpp counts a stanza in a middleware that some stanzas never
 * reach (replies matched by @xmpp/iq's caller, such as the bind result; iq queries @xmpp/iq's callee rejects as
 * malformed; the ones whose dispatch threw). The count is synchronous, so a stanza that left it unchanged is counted
 * here; otherwise the server would replay it after a resumption.
 */
export function guardIncoming(
  entity: XmppEntity,
  logger?: TransportLogger,
  onError?: (error: ChatError) => void,
): void {
  const dispatch = entity._onElement.bind(entity);
  entity._onElement = (element) => {
    const sm = entity.streamManagement;
    const before = sm.inbound;
    try {
      dispatch(element);
    } catch (error) {
      logger?.warn?.("dropped an incoming element that could not be handled", error, String(element));
      const message = `Dropped an incoming <${element.name}> that could not be handled`;
      onError?.(new ChatError("protocol", message, { cause: error }));
    }
    if (STANZAS.has(element.name) && sm.inbound === before) sm.inbound = before + 1;
  };
}
