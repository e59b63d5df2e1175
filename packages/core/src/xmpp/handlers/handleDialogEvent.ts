import type { DialogsStore } from "../../stores/dialogs/createDialogsStore.js";
import { removeDialog } from "../../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../../stores/messages/createMessagesStore.js";
import { DIALOG_EVENTS } from "../stanzas/dialogEvents.js";
import type { ParsedSystemMessage } from "../stanzas/parsedMessage.js";

/** What a dialog event changes. */
export interface DialogEventContext {
  dialogs: DialogsStore;
  messages: Pick<MessagesStore, "drop">;
  /** Fetches the dialog's current state into the list. */
  fetchDialog(dialogId: string): void;
}

/**
 * A system message about a dialog (`dialog/…`, see DIALOG_EVENTS): deleted or left → the dialog and its window go;
 * anything else (new, updated, added to) → the dialog is fetched again. Other system messages are left alone.
 */
export function handleDialogEvent(ctx: DialogEventContext, message: ParsedSystemMessage): void {
  const dialogId = message.params.dialogId;
  if (!dialogId || !message.body?.startsWith("dialog/")) return;
  if (message.body === DIALOG_EVENTS.DELETE_DIALOG || message.body === DIALOG_EVENTS.REMOVED_FROM_DIALOG) {
    ctx.dialogs.apply((s) => removeDialog(s, dialogId));
    ctx.messages.drop(dialogId);
  } else ctx.fetchDialog(dialogId);
}
