import type { MessagesStore } from "../messages/createMessagesStore.js";
import { indexOfMessage } from "../messages/messagesReducer.js";
import type { DialogsStore } from "./createDialogsStore.js";
import { setLastMessageStatus } from "./dialogsReducer.js";

/**
 * Keeps each dialog's `lastMessageStatus` equal to the status of that message in its window, so the list shows what
 * the thread shows: pending, failed, sent, delivered, read. Someone else's last message (status null) costs one
 * lookup. Returns the stop function.
 */
export function followLastMessageStatus(dialogs: DialogsStore, messages: Pick<MessagesStore, "changes$">): () => void {
  const subscription = messages.changes$.subscribe(({ dialogId, window }) => {
    const dialog = dialogs.state.get().byId.get(dialogId);
    const lastId = dialog?.lastMessage?.id;
    if (!dialog || !lastId || dialog.lastMessageStatus === null) return;
    const at = indexOfMessage(window.items, lastId);
    if (at < 0 || window.items[at].status === dialog.lastMessageStatus) return;
    const status = window.items[at].status;
    dialogs.apply((state) => setLastMessageStatus(state, dialogId, lastId, status));
  });
  return () => subscription.unsubscribe();
}
