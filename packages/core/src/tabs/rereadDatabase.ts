import type { PersistenceSession } from "../persistence/Persistence.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { replaceDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { Outbox } from "../sync/createOutbox.js";
import { mergeLeaderWindow, withoutNewer } from "./applyTabWrites.js";

/** What a re-read refreshes. */
export interface RereadTargets {
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Pick<Outbox, "entries" | "mirror" | "restore">;
}

/**
 * Catches a tab up with the database after it may have missed the leader's broadcasts (a gap, a new term, a wake
 * from a freeze), or when it becomes the leader (docs/architecture.md, Tabs): the dialog list as stored, the shared
 * outbox (a new leader takes every entry up; what was in flight goes again, idempotent ids), and the stored copy of
 * each window the tab holds. Nothing read lands once `current()` is false: the tab signed out (or went on to another
 * user) while the database answered, and its stores are not that user's any more.
 */
export async function rereadDatabase(
  db: PersistenceSession,
  targets: RereadTargets,
  { asLeader, current }: { asLeader: boolean; current: () => boolean },
): Promise<void> {
  const { dialogs, messages, outbox } = targets;
  const snapshot = await db.load();
  if (!current()) return;
  dialogs.apply((s) => replaceDialogs(withoutNewer(s, snapshot.dialogs), snapshot.dialogs));
  const stored = new Set(snapshot.outbox.map((e) => e.id));
  for (const entry of outbox.entries.get()) if (!stored.has(entry.id)) outbox.mirror(entry.id, null);
  if (asLeader) outbox.restore(snapshot.outbox);
  else for (const entry of snapshot.outbox) outbox.mirror(entry.id, entry);
  const waiting = (messageId: string) => stored.has(messageId);
  const sends = new Set(snapshot.outbox.flatMap((e) => (e.kind === "send" ? [e.messageId] : [])));
  for (const dialogId of messages.dialogIds()) {
    const window = await db.loadWindow(dialogId).catch(() => null);
    if (!current()) return;
    if (!window) continue;
    // A new leader drops a pending message whose send is not in the shared outbox: a tab killed before its send was
    // durable (the app never told) left it in a window, and nothing would ever send it. Its writes take it out of
    // every tab; were it on the server after all, the sync brings it back.
    const kept = asLeader ? window.items.filter((m) => m.status !== "pending" || sends.has(m.id)) : window.items;
    const copy = kept.length === window.items.length ? window : { ...window, items: kept };
    messages.apply(dialogId, (w) => mergeLeaderWindow(w, copy, waiting));
  }
}
