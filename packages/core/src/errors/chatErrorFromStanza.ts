import type { Element } from "@xmpp/xml";
import { ChatError, type ChatErrorCode, type ChatErrorDetails } from "./ChatError.js";
import { codeForHttpStatus } from "./chatErrorFromHttp.js";

/** Namespace of the defined conditions and `<text>` inside `<error>` (RFC 6120 §8.3). */
export const STANZA_ERROR_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

/** Code for each RFC 6120 defined condition. */
const CONDITION_CODES: Readonly<Record<string, ChatErrorCode>> = {
  "bad-request": "validation",
  conflict: "conflict",
  "feature-not-implemented": "server",
  forbidden: "forbidden",
  gone: "not-found",
  "internal-server-error": "server",
  "item-not-found": "not-found",
  "jid-malformed": "validation",
  "not-acceptable": "validation",
  "not-allowed": "forbidden",
  "not-authorized": "unauthorized",
  "payment-required": "forbidden",
  "policy-violation": "forbidden",
  "recipient-unavailable": "not-found",
  redirect: "server",
  "registration-required": "forbidden",
  "remote-server-not-found": "not-found",
  "remote-server-timeout": "timeout",
  "resource-constraint": "server",
  "service-unavailable": "server",
  "subscription-required": "forbidden",
  "undefined-condition": "server",
  "unexpected-request": "protocol",
};

/** Conditions meaning "a privacy list stands between you" when they bounce a 1-1 message (docs/protocol.md §9, §11). */
const BLOCKED_CONDITIONS = new Set(["service-unavailable", "not-acceptable"]);

/** Options of `chatErrorFromStanza`. */
export interface StanzaErrorOptions {
  /**
   * Whether the stanza is the bounce of a 1-1 chat message. Default: true for a `<message>` whose `from` is not a
   * room JID (`muc.` domain or `{appId}_{dialogId}` local part).
   */
  oneToOne?: boolean;
}

/**
 * Builds a ChatError from an error stanza (`<message|iq|presence type="error">`) or its `<error>` child: the
 * defined condition becomes `condition`, the legacy `code` attribute `details.legacyCode`, `<text>` the message.
 * A bounced 1-1 message with `service-unavailable` (the recipient blocked you) or `not-acceptable` (you blocked the
 * recipient) becomes `blocked`. Never throws: a stanza without `<error>` gives a `protocol` error.
 */
export function chatErrorFromStanza(stanza: Element, options: StanzaErrorOptions = {}): ChatError {
  const error = stanza.name === "error" ? stanza : stanza.getChild("error");
  if (!error) return new ChatError("protocol", `<${stanza.name} type="error"> without an <error> child`);
  const elements = error.getChildElements();
  const conditionElement =
    elements.find((child) => child.name !== "text" && child.getNS() === STANZA_ERROR_NS) ??
    elements.find((child) => child.name !== "text");
  const condition = conditionElement?.name;
  const legacyCode = Number.parseInt(String(error.attrs.code ?? ""), 10);
  const text = error.getChildText("text")?.trim() || undefined;
  const oneToOne = options.oneToOne ?? (stanza.name === "message" && !isRoomJid(String(stanza.attrs.from ?? "")));

  let code: ChatErrorCode;
  if (oneToOne && condition && BLOCKED_CONDITIONS.has(condition)) code = "blocked";
  else if (oneToOne && !condition && legacyCode === 503) code = "blocked";
  else if (condition) code = CONDITION_CODES[condition] ?? "server";
  else if (Number.isFinite(legacyCode)) code = codeForHttpStatus(legacyCode);
  else code = "server";

  const details: ChatErrorDetails = {};
  if (text) details.text = text;
  if (typeof error.attrs.type === "string") details.errorType = error.attrs.type;
  if (Number.isFinite(legacyCode)) details.legacyCode = legacyCode;
  const message = text ?? condition ?? (Number.isFinite(legacyCode) ? `XMPP error ${legacyCode}` : "XMPP error");
  return new ChatError(code, message, { condition, details });
}

function isRoomJid(jid: string): boolean {
  const at = jid.indexOf("@");
  if (at < 0) return jid.startsWith("muc.");
  const domain = jid.slice(at + 1).split("/")[0];
  return domain.startsWith("muc.") || /^\d+_[0-9a-f]{24}$/i.test(jid.slice(0, at));
}
