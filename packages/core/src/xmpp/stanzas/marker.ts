import type { Element } from "@xmpp/xml";
import { buildExtraParams } from "./extraParams.js";
import { type JidContext, userJid } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** `received` = delivered, `displayed` = read (XEP-0333). */
export type MarkerKind = "received" | "displayed";

/** A delivery/read marker to send. */
export interface MarkerInput {
  /** Which marker. */
  marker: MarkerKind;
  /** The id of the message being acknowledged. */
  messageId: string;
  /** Who sent that message: markers always go to the sender's user JID, even in groups (docs/protocol.md §9). */
  senderId: number;
  /** The message's dialog. */
  dialogId: string;
  /** This stanza's own id. */
  id: string;
}

/**
 * `<message to="{sender}" type="chat" id><received|displayed xmlns="urn:xmpp:chat-markers:0" id/>
 * <extraParams><dialog_id/></extraParams></message>` (docs/protocol.md §16.3–4).
 */
export function buildMarker(ctx: JidContext, input: MarkerInput): Element {
  return xml(
    "message",
    { to: userJid(ctx, input.senderId), type: "chat", id: input.id },
    xml(input.marker, { xmlns: NS.markers, id: input.messageId }),
    buildExtraParams({ dialogId: input.dialogId }),
  );
}
