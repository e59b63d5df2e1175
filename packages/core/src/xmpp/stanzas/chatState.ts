import type { Element } from "@xmpp/xml";
import type { MessageAddress } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** Chat states core sends: typing and stopped typing (XEP-0085). */
export type OutgoingChatState = "composing" | "paused";

/** Every XEP-0085 chat state, as they may arrive. */
export type ChatState = "active" | "composing" | "paused" | "inactive" | "gone";

/** All chat state element names. */
export const CHAT_STATES: readonly ChatState[] = ["active", "composing", "paused", "inactive", "gone"];

/**
 * `<message to type><composing|paused xmlns="http://jabber.org/protocol/chatstates"/></message>`: no id and no body
 * (docs/protocol.md §9, §16.5); to the peer's JID or the room.
 */
export function buildChatState(address: MessageAddress, state: OutgoingChatState): Element {
  return xml("message", { to: address.to, type: address.type }, xml(state, { xmlns: NS.chatStates }));
}
