import type { Element } from "@xmpp/xml";
import { buildIq, type IqOptions } from "./iq.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** `<iq type="set"><enable xmlns="urn:xmpp:carbons:2"/></iq>`, sent on every connect (docs/protocol.md §7, §13). */
export function buildCarbonsEnable(options: IqOptions = {}): Element {
  return buildIq("set", xml("enable", { xmlns: NS.carbons }), options);
}
