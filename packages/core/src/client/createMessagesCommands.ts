import { ChatError } from "../errors/ChatError.js";
import { DialogType } from "../model/dialog.js";
import { objectId } from "../model/ids.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import { pendingUploadOf, placeholderOf } from "../model/pendingUpload.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { applyMessageActivity, setUnread } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { editMessage, removeMessages } from "../stores/messages/messagesReducer.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Clock } from "../time/clock.js";
import type { ChatClient } from "./ChatClient.js";
import type { ReactionsApi } from "./createReactionsCommands.js";

/** Dependencies of the messages commands, by name. */
export interface MessagesCommandsOptions {
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Outbox;
  clock: Clock;
  selfUserId: () => number;
  pageSize: number;
  windowCap: number;
  /** Told when the user reads a dialog (before its count drops to 0). */
  onRead?: (dialogId: string) => void;
  /** The reads the user's tabs queued already: a read of the same message is not queued twice. */
  reads?: { has(dialogId: string, messageId: string): boolean };
  /** Stops the uploads of a message's files, so that a message still uploading can be cancelled too. */
  abortUploads?: (messageId: string) => Promise<void>;
}

/** The commands of `client.messages` that go through the outbox (windows and paging: `createMessageWindows.ts`). */
export function createMessagesCommands(
  options: MessagesCommandsOptions,
): Omit<ChatClient["messages"], keyof ReactionsApi | "forDialog" | "view"> {
  const { dialogs, messages, outbox, clock } = options;

  const dialogOf = (dialogId: string) => {
    const dialog = dialogs.state.get().byId.get(dialogId);
    if (!dialog) throw new ChatError("not-found", `No dialog ${dialogId} in the list`);
    return dialog;
  };
  const findMessage = (messageId: string): Message | undefined => {
    for (const dialogId of messages.dialogIds()) {
      const found = messages
        .window(dialogId)
        .get()
        .items.find((m) => m.id === messageId);
      if (found) return found;
    }
    return undefined;
  };
  const base = (kind: OutboxEntry["kind"], dialogId: string, messageId: string) => ({
    id: kind === "send" ? messageId : objectId(clock.now()),
    kind,
    dialogId,
    messageId,
    createdAt: clock.now(),
    state: "queued" as const,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
  });

  return {
    async send(dialogId, input) {
      const dialog = dialogOf(dialogId);
      const self = options.selfUserId();
      const body = input.body ?? null;
      const attachments = input.attachments ?? [];
      const uploads = (input.files ?? []).map(pendingUploadOf);
      if (body === null && attachments.length === 0 && uploads.length === 0)
        throw new ChatError("validation", "A message needs a body or an attachment");
      const now = clock.now();
      const id = objectId(now);
      const recipientId =
        dialog.type === DialogType.PRIVATE ? (dialog.occupantIds.find((o) => o !== self) ?? null) : null;
      const message: Message = {
        id,
        dialogId,
        senderId: self,
        recipientId,
        body,
        dateSent: now,
        attachments: [...attachments, ...uploads.map(placeholderOf)],
        reactions: { own: [], total: {} },
        customParams: input.extension ?? {},
        readIds: [self],
        deliveredIds: [self],
        editedAt: null,
        status: "pending",
      };
      messages.receive([message], { cap: options.windowCap });
      dialogs.apply(
        (s) =>
          applyMessageActivity(s, {
            dialogId,
            own: true,
            status: "pending",
            lastMessage: { id, text: body, senderId: self, dateSent: now },
          }).state,
      );
      await outbox.enqueue({
        ...base("send", dialogId, id),
        kind: "send",
        body,
        attachments,
        customParams: message.customParams,
        recipientId,
        ...(uploads.length ? { uploads } : {}),
        ...(input.silent ? { silent: true } : {}),
      });
      const outcome = outbox.settled(id).then(
        () =>
          messages
            .window(dialogId)
            .get()
            .items.find((m) => m.id === id) ?? { ...message, status: "sent" as const },
      );
      outcome.catch(() => {});
      return { ...message, settled: outcome };
    },
    async edit(dialogId, messageId, body) {
      const dialog = dialogOf(dialogId);
      messages.apply(dialogId, (w) => editMessage(w, messageId, body, clock.now()));
      await outbox.enqueue({
        ...base("edit", dialogId, messageId),
        kind: "edit",
        body,
        last: dialog.lastMessage?.id === messageId,
      });
    },
    async remove(dialogId, messageIds, removeOptions = {}) {
      dialogOf(dialogId);
      messages.apply(dialogId, (w) => removeMessages(w, messageIds));
      for (const messageId of messageIds) {
        await outbox.enqueue({
          ...base("remove", dialogId, messageId),
          kind: "remove",
          forEveryone: Boolean(removeOptions.force),
        });
      }
    },
    async markRead(dialogId) {
      const dialog = dialogOf(dialogId);
      const self = options.selfUserId();
      const items = messages.window(dialogId).get().items;
      const newest = [...items].reverse().find((m) => m.senderId !== self);
      const last = dialog.lastMessage;
      const target = newest
        ? { id: newest.id, senderId: newest.senderId, dateSent: newest.dateSent }
        : last?.id && last.senderId !== null && last.senderId !== self
          ? { id: last.id, senderId: last.senderId, dateSent: last.dateSent }
          : null;
      const unread = dialog.unreadCount > 0 || items.some((m) => m.senderId !== self && !m.readIds.includes(self));
      options.onRead?.(dialogId);
      dialogs.apply((s) => setUnread(s, dialogId, 0));
      if (!target || !unread || options.reads?.has(dialogId, target.id)) return; // read in another tab already
      await outbox.enqueue({
        ...base("read", dialogId, target.id),
        kind: "read",
        senderId: target.senderId,
        dateSent: target.dateSent,
      });
    },
    async retry(messageId) {
      const entry =
        outbox.entries.get().find((e) => e.messageId === messageId && e.kind === "send") ??
        outbox.entries.get().find((e) => e.id === messageId);
      if (!entry) throw new ChatError("not-found", `Nothing to retry for ${messageId}`);
      await outbox.retry(entry.id);
    },
    async cancel(messageId) {
      await options.abortUploads?.(messageId);
      const entry =
        outbox.entries.get().find((e) => e.messageId === messageId && e.kind === "send") ??
        outbox.entries.get().find((e) => e.id === messageId);
      if (!entry) {
        if (findMessage(messageId)) throw new ChatError("conflict", "The message was already sent");
        return;
      }
      await outbox.cancel(entry.id);
    },
  };
}
