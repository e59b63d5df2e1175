import type { Element } from "@xmpp/xml";
import { ChatError, type ChatErrorCode } from "../../errors/ChatError.js";
import { chatErrorFromStanza } from "../../errors/chatErrorFromStanza.js";
import { toChatError } from "../../errors/toChatError.js";

/** Codes of SASL failure conditions (RFC 6120 §6.5); anything else is `unauthorized`. */
const SASL_CODES: Readonly<Record<string, ChatErrorCode>> = {
  aborted: "network",
  "account-disabled": "forbidden",
  "credentials-expired": "unauthorized",
  "encryption-required": "protocol",
  "incorrect-encoding": "protocol",
  "invalid-authzid": "protocol",
  "invalid-mechanism": "protocol",
  "malformed-request": "protocol",
  "mechanism-too-weak": "protocol",
  "not-authorized": "unauthorized",
  "temporary-auth-failure": "server",
};

/** Codes of stream error conditions (RFC 6120 §4.9.3); anything else is `server`. */
const STREAM_CODES: Readonly<Record<string, ChatErrorCode>> = {
  conflict: "conflict",
  "connection-timeout": "timeout",
  "policy-violation": "protocol",
  "bad-format": "protocol",
  "invalid-from": "protocol",
  "not-well-formed": "protocol",
  "unsupported-stanza-type": "protocol",
};

interface XmppErrorShape {
  name?: unknown;
  message?: unknown;
  condition?: unknown;
  text?: unknown;
  element?: Element;
}

/**
 * Turns what @xmpp/client rejects with or emits as `error` into a ChatError: a SASL failure becomes `unauthorized`
 * (for `not-authorized`, among others), a stream error keeps its condition, an @xmpp `TimeoutError` becomes
 * `timeout`, a stanza error is read by `chatErrorFromStanza`, socket failures and anything else become `network`.
 */
export function toTransportError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  const shape: XmppErrorShape = typeof error === "object" && error !== null ? (error as XmppErrorShape) : {};
  const condition = typeof shape.condition === "string" ? shape.condition : undefined;
  const text = typeof shape.text === "string" && shape.text !== "" ? shape.text : undefined;
  switch (shape.name) {
    case "SASLError":
      return new ChatError(SASL_CODES[condition ?? ""] ?? "unauthorized", text ?? `SASL: ${condition ?? "failure"}`, {
        condition,
        cause: error,
      });
    case "StreamError":
      return new ChatError(
        STREAM_CODES[condition ?? ""] ?? "server",
        text ?? `Stream error: ${condition ?? "unknown"}`,
        {
          condition,
          cause: error,
        },
      );
    case "StanzaError":
      return shape.element
        ? chatErrorFromStanza(shape.element, { oneToOne: false })
        : new ChatError("server", String(shape.message));
    case "TimeoutError":
      return new ChatError("timeout", "The server did not answer in time", { cause: error });
    default:
      return toChatError(error, "network");
  }
}
