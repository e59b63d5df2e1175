import { describe, expect, it } from "@jest/globals";
import xml from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { toTransportError } from "./toTransportError.js";

/** Errors shaped as @xmpp's (XMPPError subclasses carry `name`, `condition`, `text`, `element`). */
const xmppError = (name: string, condition: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(condition), { name, condition, text: "", ...extra });

describe("toTransportError", () => {
  it("maps SASL failures: not-authorized → unauthorized, others by condition", () => {
    expect(toTransportError(xmppError("SASLError", "not-authorized"))).toMatchObject({
      code: "unauthorized",
      condition: "not-authorized",
    });
    expect(toTransportError(xmppError("SASLError", "account-disabled"))).toMatchObject({ code: "forbidden" });
    expect(toTransportError(xmppError("SASLError", "temporary-auth-failure"))).toMatchObject({ code: "server" });
    expect(toTransportError(xmppError("SASLError", "something-new"))).toMatchObject({ code: "unauthorized" });
  });

  it("maps stream errors, keeping the condition", () => {
    expect(toTransportError(xmppError("StreamError", "conflict"))).toMatchObject({
      code: "conflict",
      condition: "conflict",
    });
    expect(toTransportError(xmppError("StreamError", "system-shutdown", { text: "bye" }))).toMatchObject({
      code: "server",
      message: "bye",
    });
    expect(toTransportError(xmppError("StreamError", "not-well-formed"))).toMatchObject({ code: "protocol" });
  });

  it("reads a stanza error from its element, and maps @xmpp's TimeoutError", () => {
    const element = xml(
      "error",
      { type: "cancel" },
      xml("item-not-found", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
    );
    expect(toTransportError(xmppError("StanzaError", "item-not-found", { element }))).toMatchObject({
      code: "not-found",
      condition: "item-not-found",
    });
    expect(toTransportError(Object.assign(new Error(), { name: "TimeoutError" }))).toMatchObject({ code: "timeout" });
  });

  it("keeps a ChatError and turns anything else (socket errors, strings) into network", () => {
    const original = new ChatError("validation", "bad");
    expect(toTransportError(original)).toBe(original);
    expect(
      toTransportError(Object.assign(new Error("WebSocket ECONNERROR ws://x"), { code: "ECONNERROR" })),
    ).toMatchObject({ code: "network" });
    expect(toTransportError("boom")).toMatchObject({ code: "network", message: "boom" });
  });
});
