import type { Element } from "@xmpp/xml";
import { buildExtraParams } from "./extraParams.js";
import type { MessageAddress } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** A notice that a message was deleted. */
export interface RemovalInput {
  /** This stanza's id. */
  id: string;
  /** The deleted message. */
  messageId: string;
  /** Its dialog. */
  dialogId: string;
}

/**
 * `<message to type id><remove xmlns="urn:xmpp:message-delete:0" id/><extraParams><dialog_id/></extraParams>
 * </message>` (docs/protocol.md §9, §16.8). History changes only through REST DELETE with `force=1`.
 */
export function buildRemoval(address: MessageAddress, input: RemovalInput): Element {
  return xml(
    "message",
    { to: address.to, type: address.type, id: input.id },
    xml("remove", { xmlns: NS.remove, id: input.messageId }),
    buildExtraParams({ dialogId: input.dialogId }),
  );
}
