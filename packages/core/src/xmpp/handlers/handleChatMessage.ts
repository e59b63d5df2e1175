import type { Message } from "../../model/message.js";
import { applyMessageActivity } from "../../stores/dialogs/dialogsReducer.js";
import { deepFreeze } from "../../stores/messages/deepFreeze.js";
import { comesAfter } from "../../stores/messages/windowOrder.js";
import type { ParsedChatMessage } from "../stanzas/parsedMessage.js";
import { type IngestContext, privateDialogWith } from "./ingestContext.js";

/** A new message has no reactions: one shared frozen value rather than three new objects per message. */
const NO_REACTIONS: Message["reactions"] = deepFreeze({ own: [], total: {} });

/**
 * A message with content: into its dialog's window (merged if we have it: our own echo, a carbon, a resend),
 * the dialog moves up and counts it unread when it is someone else's; their typing ends; we say it was delivered.
 */
export function handleChatMessage(ctx: IngestContext, parsed: ParsedChatMessage): void {
  const self = ctx.selfUserId();
  const peer = parsed.senderId === self ? parsed.recipientId : parsed.senderId;
  const dialogId = parsed.dialogId ?? (peer !== null ? privateDialogWith(ctx, peer) : null);
  if (!parsed.id || !dialogId) return; // an unsaved 1-1 message outside any known dialog has nowhere to go
  const own = parsed.senderId === self;
  const message: Message = {
    id: parsed.id,
    dialogId,
    senderId: parsed.senderId,
    recipientId: parsed.recipientId,
    body: parsed.body,
    dateSent: parsed.dateSent ?? parsed.delayedAt ?? ctx.clock.now(),
    attachments: parsed.attachments,
    reactions: NO_REACTIONS,
    customParams: parsed.customParams,
    readIds: [parsed.senderId],
    deliveredIds: [parsed.senderId],
    editedAt: null,
    status: "sent",
  };
  ctx.messages.receive([message], { cap: ctx.windowCap });
  const dialog = ctx.dialogs.state.get().byId.get(dialogId);
  const counts = !own && dialog !== undefined && (ctx.countUnread?.(dialog, message) ?? true);
  // Within one second only the window knows the order: a late copy of an older message is not the last one.
  const newer =
    !dialog?.lastMessage || comesAfter(ctx.messages.window(dialogId).get().items, dialog.lastMessage, message);
  let known = true;
  ctx.dialogs.apply((state) => {
    const result = applyMessageActivity(state, {
      dialogId,
      own,
      read: !counts,
      newer,
      status: own ? "sent" : undefined,
      lastMessage: { id: message.id, text: message.body, senderId: message.senderId, dateSent: message.dateSent },
    });
    known = result.known;
    return result.state;
  });
  if (!known) ctx.onUnknownDialog(dialogId);
  if (!own) {
    ctx.typing.set(dialogId, parsed.senderId, false);
    ctx.sendDelivered({ id: message.id, senderId: message.senderId, dialogId });
  }
}
