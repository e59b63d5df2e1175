import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { DialogType } from "../model/dialog.js";
import { objectId } from "../model/ids.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import { pendingUploadOf, placeholderOf } from "../model/pendingUpload.js";
import { createKeyedReadables } from "../reactive/createKeyedReadables.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { applyMessageActivity, setUnread } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import {
  EMPTY_WINDOW,
  editMessage,
  type MessageWindow,
  prependOlder,
  removeMessages,
  setLoading,
} from "../stores/messages/messagesReducer.js";
import { type DialogMessages, NO_MESSAGES, viewOf } from "../stores/messages/messagesView.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Clock } from "../time/clock.js";
import type { ChatClient } from "./ChatClient.js";
import type { ReactionsApi } from "./createReactionsFacade.js";

/** Dependencies of the messages facade, by name. */
export interface MessagesFacadeOptions {
  rest: Pick<RestClient, "messages">;
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Outbox;
  clock: Clock;
  selfUserId: () => number;
  pageSize: number;
  windowCap: number;
  /** Restores a dialog's cached window before its newest page is fetched; resolves true when it did. */
  restore?: (dialogId: string) => Promise<boolean>;
  /** Told when the user reads a dialog (before its count drops to 0). */
  onRead?: (dialogId: string) => void;
  /** Told when a dialog's messages get their first subscriber (for least-recently-viewed eviction). */
  onView?: (dialogId: string) => void;
}

/** `client.messages`: windows per dialog with paging, and the commands that go through the outbox. */
export function createMessagesFacade(
  options: MessagesFacadeOptions,
): Omit<ChatClient["messages"], keyof ReactionsApi> & { dispose(): void } {
  const { rest, dialogs, messages, outbox, clock } = options;
  const loading = new Map<string, Promise<void>>();

  async function loadPage(dialogId: string): Promise<void> {
    const window = messages.window(dialogId).get();
    if (window.loadingOlder || !window.hasOlder) return;
    messages.apply(dialogId, (w) => setLoading(w, true));
    try {
      const known = window.items.filter((m) => m.status !== "pending" && m.status !== "failed");
      const oldest = known[0];
      // date_sent has one-second resolution: ask up to the end of the oldest second, for as many more as we hold
      // of that second, and let the merge drop those we have.
      const sameSecond = oldest
        ? known.filter((m) => Math.floor(m.dateSent / 1000) === Math.floor(oldest.dateSent / 1000)).length
        : 0;
      const limit = options.pageSize + sameSecond;
      const page = await rest.messages.list(dialogId, {
        before: oldest ? Math.floor(oldest.dateSent / 1000) * 1000 + 1000 : undefined,
        limit,
        sort: "desc",
      });
      messages.apply(dialogId, (w) => prependOlder(w, [...page].reverse(), page.length >= limit));
    } catch (cause) {
      messages.apply(dialogId, (w) => setLoading(w, false, toChatError(cause)));
    }
  }

  const loadOlder = (dialogId: string): Promise<void> => {
    let running = loading.get(dialogId);
    if (!running) {
      running = loadPage(dialogId).finally(() => loading.delete(dialogId));
      loading.set(dialogId, running);
    }
    return running;
  };

  const keyed = createKeyedReadables<string, MessageWindow>((dialogId) => ({
    readable: messages.window(dialogId),
    start: () => {
      options.onView?.(dialogId);
      const window = messages.window(dialogId).get();
      if (window !== EMPTY_WINDOW) {
        // Live messages may have opened the window before anyone looked: fill it up to a page of history (from the
        // cache first, when it has the dialog).
        const fill = () => {
          const current = messages.window(dialogId).get();
          const known = current.items.filter((m) => m.status !== "pending" && m.status !== "failed").length;
          if (current.hasOlder && known < options.pageSize) void loadOlder(dialogId);
        };
        if (options.restore) void options.restore(dialogId).then(fill);
        else fill();
        return;
      }
      if (!options.restore) return void loadOlder(dialogId);
      // The newest page comes from the cache when it has the dialog, else from the server.
      void options.restore(dialogId).then((restored) => {
        if (!restored) void loadOlder(dialogId);
      });
    },
  }));

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

  const facades = new Map<string, DialogMessages>();
  const forDialog = (dialogId: string | null | undefined): DialogMessages => {
    if (!dialogId) return NO_MESSAGES;
    let facade = facades.get(dialogId);
    if (!facade) {
      const readable = keyed.get(dialogId);
      facade = {
        get: readable.get,
        subscribe: readable.subscribe,
        value$: readable.value$,
        loadOlder: () => loadOlder(dialogId),
      };
      facades.set(dialogId, facade);
    }
    return facade;
  };

  return {
    dispose: () => keyed.dispose(),
    view: (dialogId) => viewOf(forDialog(dialogId)),
    forDialog,
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
      if (!target || !unread) return;
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
