import type { Message } from "../model/message.js";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import { placeholderOf } from "../model/pendingUpload.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { applyMessageActivity, setUnread } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { applyReaction, editMessage, removeMessages } from "../stores/messages/messagesReducer.js";
import type { Outbox } from "../sync/createOutbox.js";

/** What the leader needs to take up another tab's outbox entry. */
export interface AdoptOptions {
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Pick<Outbox, "entries" | "restore" | "retry" | "drain">;
  selfUserId: () => number | null;
  windowCap: number;
  /** Told when a follower read a dialog (the unread ledger's `read`). */
  onRead?: (dialogId: string) => void;
  /** The reads already queued: another tab's read of the same message is a duplicate (one marker per message). */
  reads?: { has(dialogId: string, messageId: string, entryId?: string): boolean };
  /** Deletes a duplicate entry from the shared outbox. */
  discard?: (entryId: string) => void;
}

/** The pending message a `send` entry shows, as the tab that made it showed it (createMessagesFacade's `send`). */
function pendingMessageOf(entry: OutboxSend, self: number): Message {
  return {
    id: entry.messageId,
    dialogId: entry.dialogId,
    senderId: self,
    recipientId: entry.recipientId,
    body: entry.body,
    dateSent: entry.createdAt,
    attachments: [...entry.attachments, ...(entry.uploads ?? []).filter((u) => u.done === null).map(placeholderOf)],
    reactions: { own: [], total: {} },
    customParams: entry.customParams,
    readIds: [self],
    deliveredIds: [self],
    editedAt: null,
    status: entry.state === "failed" ? "failed" : "pending",
  };
}

/**
 * The leader takes up an entry another tab committed to the shared outbox (docs/architecture.md, Tabs): it shows
 * the entry's effect in its own stores, as the other tab already does (so the leader's next writes carry it to every
 * tab), and drains it. An entry it already has is left alone, except a failed one the other tab retried.
 */
export function adoptOutboxEntry(entry: OutboxEntry, options: AdoptOptions): void {
  const { dialogs, messages, outbox } = options;
  const known = outbox.entries.get().find((e) => e.id === entry.id);
  if (known) {
    if (known.state === "failed" && entry.state === "queued") void outbox.retry(entry.id);
    return;
  }
  if (entry.state !== "queued") return; // progress of an entry this tab no longer holds: the database has it
  const self = options.selfUserId();
  if (self === null) return;
  switch (entry.kind) {
    case "send": {
      const message = pendingMessageOf(entry, self);
      messages.receive([message], { cap: options.windowCap });
      const lastMessage = { id: message.id, text: message.body, senderId: self, dateSent: message.dateSent };
      dialogs.apply(
        (s) => applyMessageActivity(s, { dialogId: entry.dialogId, own: true, status: "pending", lastMessage }).state,
      );
      break;
    }
    case "edit":
      messages.apply(entry.dialogId, (w) => editMessage(w, entry.messageId, entry.body, entry.createdAt));
      break;
    case "remove":
      messages.apply(entry.dialogId, (w) => removeMessages(w, [entry.messageId]));
      break;
    case "react":
      messages.apply(entry.dialogId, (w) =>
        applyReaction(w, entry.messageId, { add: entry.add, remove: entry.remove, own: true }),
      );
      break;
    case "read":
      options.onRead?.(entry.dialogId);
      dialogs.apply((s) => setUnread(s, entry.dialogId, 0));
      if (options.reads?.has(entry.dialogId, entry.messageId, entry.id)) return void options.discard?.(entry.id);
      break;
  }
  outbox.restore([entry]);
  void outbox.drain();
}

/**
 * Shows the pending message of every `send` in the outbox that its window lacks: the tab that wrote it may have
 * closed (or lost the lead) before its window reached the database, while the entry, written first, did.
 */
export function showPendingSends(
  options: Omit<AdoptOptions, "outbox" | "onRead"> & { outbox: Pick<Outbox, "entries"> },
): void {
  const self = options.selfUserId();
  if (self === null) return;
  for (const entry of options.outbox.entries.get()) {
    if (entry.kind !== "send" || entry.state === "failed") continue;
    const window = options.messages.window(entry.dialogId).get();
    if (!window.items.some((m) => m.id === entry.messageId))
      options.messages.receive([pendingMessageOf(entry, self)], { cap: options.windowCap });
  }
}
