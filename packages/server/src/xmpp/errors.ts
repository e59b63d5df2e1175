import type { Element } from "ltx";
import { el, NS } from "./stanzas.js";

/** Legacy numeric codes of stanza error conditions (XEP-0086); the SDK reads `code`. */
const LEGACY_CODES: Record<string, number> = {
  "bad-request": 400,
  conflict: 409,
  "feature-not-implemented": 501,
  forbidden: 403,
  "item-not-found": 404,
  "not-acceptable": 406,
  "not-allowed": 405,
  "not-authorized": 401,
  "policy-violation": 406,
  "recipient-unavailable": 404,
  "remote-server-not-found": 404,
  "resource-constraint": 500,
  "service-unavailable": 503,
  "internal-server-error": 500,
  "undefined-condition": 500,
  "unexpected-request": 400,
};

type ErrorType = "cancel" | "auth" | "modify" | "wait";

/** `<error type code><condition/><text/></error>` (RFC 6120 §8.3). */
function errorElement(condition: string, type: ErrorType = "cancel", text?: string): Element {
  const error = el("error", { type, code: LEGACY_CODES[condition] ?? 500 }, el(condition, { xmlns: NS.stanzas }));
  if (text) error.cnode(el("text", { xmlns: NS.stanzas, "xml:lang": "en" }, text));
  return error;
}

/** The error reply to an iq. */
export function iqError(iq: Element, condition: string, type: ErrorType = "cancel", text?: string): Element {
  return el(
    "iq",
    { xmlns: NS.client, type: "error", id: iq.attrs.id, from: iq.attrs.to },
    errorElement(condition, type, text),
  );
}

/** The error bounce of a message: same id, from its `to`, so the sender can match it (docs/protocol.md §9). */
export function messageError(message: Element, condition: string, type: ErrorType = "cancel", text?: string): Element {
  return el(
    "message",
    { xmlns: NS.client, type: "error", id: message.attrs.id, from: message.attrs.to },
    errorElement(condition, type, text),
  );
}

/** The error reply to a presence (e.g. a refused room join). */
export function presenceError(
  presence: Element,
  condition: string,
  type: ErrorType = "cancel",
  text?: string,
): Element {
  return el(
    "presence",
    { xmlns: NS.client, type: "error", id: presence.attrs.id, from: presence.attrs.to },
    errorElement(condition, type, text),
  );
}
