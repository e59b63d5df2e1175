import { ChatError } from "../errors/ChatError.js";
import { objectId } from "../model/ids.js";
import type { Message } from "../model/message.js";
import type { OutboxReact } from "../model/outboxEntry.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { applyReaction, indexOfMessage } from "../stores/messages/messagesReducer.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Clock } from "../time/clock.js";

/** Reaction commands of `client.messages`. */
export interface ReactionsApi {
  /** Reacts with `emoji`, replacing the current user's other reaction (one type per user). Shown at once. */
  react(dialogId: string, messageId: string, emoji: string): Promise<void>;
  /** Removes the current user's reaction (`emoji`, or whichever they have). Shown at once. */
  removeReaction(dialogId: string, messageId: string, emoji?: string): Promise<void>;
  /** Who reacted with what on a message of the dialog: emoji → user ids, from the server. */
  listReactions(dialogId: string, messageId: string): Promise<Record<string, number[]>>;
}

/** Dependencies of the reactions commands, by name. */
export interface ReactionsCommandsOptions {
  rest: Pick<RestClient, "messages">;
  messages: MessagesStore;
  outbox: Outbox;
  clock: Clock;
}

/** Longest emoji the server accepts. */
const MAX_EMOJI_LENGTH = 32;

/**
 * Creates the reaction commands (docs/protocol.md §5, §9). A change is applied to the message at once and goes through
 * the durable outbox (`react` entries: `PUT /chat/Message/{id}/reactions.json`); the server's `<reactions>` push of it
 * then changes nothing (own reactions are idempotent in the store). A change the server refuses for good is undone
 * and dropped from the outbox; one that meets a network failure waits for the next connect.
 */
export function createReactionsCommands(options: ReactionsCommandsOptions): ReactionsApi & { dispose(): void } {
  const { messages, outbox, clock } = options;
  const undone = new Set<string>();

  const find = (dialogId: string, messageId: string): Message | undefined => {
    const items = messages.window(dialogId).get().items;
    const at = indexOfMessage(items, messageId);
    return at >= 0 ? items[at] : undefined;
  };
  const enqueue = async (
    dialogId: string,
    messageId: string,
    add: string | null,
    remove: string | null,
  ): Promise<void> => {
    messages.apply(dialogId, (w) => applyReaction(w, messageId, { add, remove, own: true }));
    const entry: OutboxReact = {
      id: objectId(clock.now()),
      kind: "react",
      dialogId,
      messageId,
      createdAt: clock.now(),
      state: "queued",
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      add,
      remove,
    };
    await outbox.enqueue(entry);
  };

  // Undo what the server refused (the entry failed for good), and drop the entry: a reaction is not worth a retry UI.
  const subscription = outbox.failed$.subscribe((entry) => {
    if (entry.kind !== "react" || undone.has(entry.id)) return;
    undone.add(entry.id);
    messages.apply(entry.dialogId, (w) =>
      applyReaction(w, entry.messageId, { add: entry.remove, remove: entry.add, own: true }),
    );
    void outbox.cancel(entry.id).finally(() => undone.delete(entry.id));
  });
  const failures = () => subscription.unsubscribe();

  return {
    async react(dialogId, messageId, emoji) {
      if (typeof emoji !== "string" || emoji.trim() === "" || emoji.length > MAX_EMOJI_LENGTH)
        throw new ChatError("validation", "A reaction is one emoji (at most 32 characters)");
      const own = find(dialogId, messageId)?.reactions.own ?? [];
      if (own.length === 1 && own[0] === emoji) return;
      await enqueue(dialogId, messageId, emoji, own.find((e) => e !== emoji) ?? null);
    },
    async removeReaction(dialogId, messageId, emoji) {
      const target = emoji ?? find(dialogId, messageId)?.reactions.own[0];
      if (!target) return;
      await enqueue(dialogId, messageId, null, target);
    },
    async listReactions(_dialogId, messageId) {
      return options.rest.messages.reactions.list(messageId);
    },
    dispose() {
      failures();
    },
  };
}
