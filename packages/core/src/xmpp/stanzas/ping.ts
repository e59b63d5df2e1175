import type { Element } from "@xmpp/xml";
import { buildIq, type IqOptions } from "./iq.js";
import type { JidContext } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/**
 * `<iq type="get" to="{chat domain}"><ping xmlns="urn:xmpp:ping"/></iq>` (docs/protocol.md §13); any non-error reply
 * is a pong.
 */
export function buildPing(ctx: JidContext, options: IqOptions = {}): Element {
  return buildIq("get", xml("ping", { xmlns: NS.ping }), { ...options, to: ctx.domain });
}
