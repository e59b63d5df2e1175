import type { Element } from "@xmpp/xml";
import { xml } from "./xml.js";

/** Options every iq builder takes. */
export interface IqOptions {
  /**
   * The iq id. Leave it out when sending through `@xmpp/iq`'s `request()`, which assigns one; the SDK's ids end in a
   * purpose suffix (`…:lastActivity`, `…:markActive`), which servers do not require.
   */
  id?: string;
}

/** `<iq type [to] [id]>{payload}</iq>`. */
export function buildIq(type: "get" | "set", payload: Element, options: IqOptions & { to?: string } = {}): Element {
  return xml("iq", { type, to: options.to, id: options.id }, payload);
}
