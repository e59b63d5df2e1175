import { patchDialog } from "../../stores/dialogs/dialogsReducer.js";
import { editMessage, removeMessages } from "../../stores/messages/messagesReducer.js";
import type { ParsedCorrection, ParsedRemoval } from "../stanzas/parsedMessage.js";
import { type IngestContext, privateDialogWith } from "./ingestContext.js";

function dialogOf(ctx: IngestContext, parsed: ParsedCorrection | ParsedRemoval): string | null {
  return parsed.dialogId ?? privateDialogWith(ctx, parsed.senderId);
}

/** An edit: the message's text changes (and the dialog's last message text when it is that one). */
export function handleCorrection(ctx: IngestContext, parsed: ParsedCorrection): void {
  const dialogId = dialogOf(ctx, parsed);
  if (!dialogId) return;
  const original = ctx.messages
    .window(dialogId)
    .get()
    .items.find((m) => m.id === parsed.messageId);
  if (original && original.senderId !== parsed.senderId) return; // only the author edits
  ctx.messages.apply(dialogId, (window) =>
    editMessage(window, parsed.messageId, parsed.body, parsed.delayedAt ?? ctx.clock.now()),
  );
  const dialog = ctx.dialogs.state.get().byId.get(dialogId);
  if (dialog?.lastMessage?.id === parsed.messageId) {
    ctx.dialogs.apply((s) => patchDialog(s, dialogId, { lastMessage: { ...dialog.lastMessage!, text: parsed.body } }));
  }
}

/** A removal: the message leaves its window. */
export function handleRemoval(ctx: IngestContext, parsed: ParsedRemoval): void {
  const dialogId = dialogOf(ctx, parsed);
  if (!dialogId) return;
  ctx.messages.apply(dialogId, (window) => removeMessages(window, [parsed.messageId]));
}
