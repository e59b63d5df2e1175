import type xmppXml from "@xmpp/xml";
import createElement from "ltx/lib/createElement.js";

/**
 * The element factory (`xml("message", { to }, children…)`): ltx's `createElement`, the very function `@xmpp/xml`
 * exports, imported from ltx itself. `@xmpp/xml`'s index attaches its stream `Parser` to `xml` as a side effect, so
 * importing `xml` from it put the parser, ltx's tokenizer and Node's `events` polyfill (~9 KB minified) into every
 * bundle that builds a stanza; only the transport, which parses frames, needs those (docs/decisions.md, "A small
 * bundle"). Elements are the same `ltx/lib/Element.js` class either way.
 */
export const xml: typeof xmppXml = createElement;
