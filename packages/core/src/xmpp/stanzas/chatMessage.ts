import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import type { Attachment } from "../../model/attachment.js";
import { buildExtraParams } from "./extraParams.js";
import type { MessageAddress } from "./jid.js";
import { xml } from "./xml.js";

/** A chat or groupchat message to send (docs/protocol.md §8, §16.2). */
export interface ChatMessageInput {
  /** The client-generated 24-hex id (the server keeps it as `_id`). */
  id: string;
  /** Dialog the message belongs to (written as `extraParams/dialog_id`). */
  dialogId: string;
  /** Text; a message needs a body or at least one attachment. */
  body?: string | null;
  attachments?: readonly Attachment[];
  /** Custom parameters (text children of extraParams). */
  customParams?: Readonly<Record<string, string | number | boolean>>;
  /** Store it in history (default true). */
  saveToHistory?: boolean;
  /** Original send time in ms (e.g. of an outbox entry written while offline); the server fills it if absent. */
  dateSent?: number;
  /** Suppress offline push. */
  silent?: boolean;
}

/**
 * `<message to type id><body/><extraParams xmlns="jabber:client">…</extraParams></message>`, addressed with
 * `addressFor(ctx, …)`. Throws `ChatError("validation")` for a message with neither body nor attachment.
 */
export function buildChatMessage(address: MessageAddress, input: ChatMessageInput): Element {
  const hasBody = input.body !== undefined && input.body !== null;
  if (!hasBody && (input.attachments?.length ?? 0) === 0) {
    throw new ChatError("validation", "A message needs a body or an attachment");
  }
  return xml(
    "message",
    { to: address.to, type: address.type, id: input.id },
    ...(hasBody ? [xml("body", {}, input.body as string)] : []),
    buildExtraParams({
      saveToHistory: input.saveToHistory ?? true,
      dialogId: input.dialogId,
      dateSent: input.dateSent,
      silent: input.silent,
      attachments: input.attachments,
      customParams: input.customParams,
    }),
  );
}
