import type { ChatError } from "../../errors/ChatError.js";
import { type Dialog, DialogType } from "../../model/dialog.js";
import type { DialogsStore } from "../../stores/dialogs/createDialogsStore.js";
import type { MessagesStore } from "../../stores/messages/createMessagesStore.js";
import type { TypingStore } from "../../stores/typing/createTypingStore.js";
import type { Clock } from "../../time/clock.js";
import type { ParsedSystemMessage } from "../stanzas/parsedMessage.js";

/** What the incoming-stanza handlers use; the client builds one, a test hands in only what it needs. */
export interface IngestContext {
  /** The signed-in user, or null. */
  selfUserId(): number | null;
  /** The chat domain; stanzas from other domains are dropped. Unchecked when missing. */
  domain?: string;
  dialogs: DialogsStore;
  messages: MessagesStore;
  typing: TypingStore;
  clock: Clock;
  /** Most messages a dialog's window keeps while it grows by live messages. */
  windowCap: number;
  /**
   * Whether someone else's new message adds one to its dialog's unread count: false when it was counted already or
   * is inside a server count (see sync/createUnreadLedger.ts). Default: always.
   */
  countUnread?(dialog: Dialog, message: { id: string; dateSent: number }): boolean;
  /** The current user read a dialog on another device (their own read marker, as a carbon). */
  onReadElsewhere?(dialogId: string): void;
  /** Sends a `received` marker for someone else's message. */
  sendDelivered(message: { id: string; senderId: number; dialogId: string }): void;
  /** A message or event names a dialog the list does not have: fetch it. */
  onUnknownDialog(dialogId: string): void;
  /** A system message arrived. */
  onSystemMessage(message: ParsedSystemMessage): void;
  /** The server bounced one of our stanzas. */
  onMessageError(id: string | null, error: ChatError): void;
  /** Something arrived that breaks the protocol; it was dropped. */
  reportError(error: ChatError): void;
}

/** The private dialog with a user, for 1-1 stanzas that carry no dialog id. */
export function privateDialogWith(ctx: IngestContext, userId: number): string | null {
  const state = ctx.dialogs.state.get();
  for (const id of state.order) {
    const dialog = state.byId.get(id)!;
    if (dialog.type === DialogType.PRIVATE && dialog.occupantIds.includes(userId)) return id;
  }
  return null;
}
