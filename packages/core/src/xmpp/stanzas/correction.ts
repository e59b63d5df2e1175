import type { Element } from "@xmpp/xml";
import { buildExtraParams } from "./extraParams.js";
import type { MessageAddress } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** An edit of an earlier message. */
export interface CorrectionInput {
  /** This stanza's new id. */
  id: string;
  /** The message being corrected. */
  messageId: string;
  /** Its dialog. */
  dialogId: string;
  /** The new text. */
  body: string;
  /** Whether the edited message is the dialog's last one. */
  last: boolean;
}

/**
 * `<message to type id><body>new</body><replace xmlns="urn:xmpp:message-correct:0" id last/>
 * <extraParams><dialog_id/></extraParams></message>` (docs/protocol.md §9, §16.8). History is persisted separately with
 * REST `PUT /chat/Message/{id}` (`updateMessageBody`).
 */
export function buildCorrection(address: MessageAddress, input: CorrectionInput): Element {
  return xml(
    "message",
    { to: address.to, type: address.type, id: input.id },
    xml("body", {}, input.body),
    xml("replace", { xmlns: NS.correct, id: input.messageId, last: input.last ? "true" : "false" }),
    buildExtraParams({ dialogId: input.dialogId }),
  );
}
