import type { Element } from "@xmpp/xml";
import { buildIq, type IqOptions } from "./iq.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/**
 * Tigase mobile v2 (docs/protocol.md §13): `<iq type="set"><mobile xmlns="http://tigase.org/protocol/mobile#v2"
 * enable="true|false"/></iq>`. `inactive: true` (app in background: push notifications while connected) sends
 * `enable="true"`; `inactive: false` (app active) sends `enable="false"`.
 */
export function buildMobileState(inactive: boolean, options: IqOptions = {}): Element {
  return buildIq("set", xml("mobile", { xmlns: NS.mobile, enable: inactive ? "true" : "false" }), options);
}
