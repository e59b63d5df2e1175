import type { Element } from "@xmpp/xml";
import { buildExtraParams } from "./extraParams.js";
import { type JidContext, userJid } from "./jid.js";
import { SYSTEM_MODULE } from "./namespaces.js";
import { xml } from "./xml.js";

/** A system message (app-level signal) to one user. */
export interface SystemMessageInput {
  /** This stanza's id. */
  id: string;
  /** The recipient; system messages go to users only (groups are unsupported). */
  userId: number;
  /** Optional text, e.g. `dialog/NEW_DIALOG`. */
  body?: string | null;
  /** Custom parameters, e.g. `{dialogId: "…"}`. */
  params?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * `<message type="headline" to id><body/><extraParams xmlns="jabber:client"><moduleIdentifier>SystemNotifications
 * </moduleIdentifier>…</extraParams></message>`, with no `from` (docs/protocol.md §9).
 */
export function buildSystemMessage(ctx: JidContext, input: SystemMessageInput): Element {
  return xml(
    "message",
    { to: userJid(ctx, input.userId), type: "headline", id: input.id },
    ...(input.body !== undefined && input.body !== null ? [xml("body", {}, input.body)] : []),
    buildExtraParams({ moduleIdentifier: SYSTEM_MODULE, customParams: input.params }),
  );
}
