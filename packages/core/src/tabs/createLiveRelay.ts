import type { Message } from "../model/message.js";
import type { MessageRecord } from "../persistence/indexedDb/schema.js";
import { messageFromRecord, messageToRecord } from "../persistence/indexedDb/storedRecords.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";

/** Messages of one dialog that changed in the leader's window, as they cross to another tab. */
export interface LiveMessages {
  dialogId: string;
  items: MessageRecord[];
}

/**
 * The leader's fast path (docs/architecture.md, Tabs): the messages that changed in its windows go to the followers
 * at once, gathered per microtask, before the write-behind has committed them. It is only a head start: the committed
 * write that follows is the copy that counts (and what a re-read finds), so nothing is lost if this is.
 */
export function createLiveRelay(messages: MessagesStore, post: (changes: LiveMessages[]) => void): () => void {
  const last = new Map<string, ReadonlySet<Message>>();
  let pending = new Map<string, Message[]>();
  const flush = () => {
    const changes = [...pending].map(([dialogId, items]) => ({ dialogId, items: items.map(messageToRecord) }));
    pending = new Map();
    if (changes.length) post(changes);
  };
  const subscription = messages.changes$.subscribe(({ dialogId, window }) => {
    const before = last.get(dialogId);
    const changed = before ? window.items.filter((m) => !before.has(m)) : window.items.slice(-20);
    last.set(dialogId, new Set(window.items));
    if (changed.length === 0) return;
    if (pending.size === 0) queueMicrotask(flush);
    pending.set(dialogId, [...(pending.get(dialogId) ?? []), ...changed]);
  });
  return () => subscription.unsubscribe();
}

/** A follower shows the leader's live messages through the same merge as incoming ones (`messages.receive`). */
export function applyLiveMessages(changes: readonly LiveMessages[], messages: MessagesStore, cap: number): void {
  for (const change of changes) messages.receive(change.items.map(messageFromRecord), { cap });
}
