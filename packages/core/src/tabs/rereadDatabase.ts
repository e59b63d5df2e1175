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
 * each window the tab holds.
 */
export async function rereadDatabase(
  db: PersistenceSession,
  targets: RereadTargets,
  { asLeader }: { asLeader: boolean },
): Promise<void> {
  const { dialogs, messages, outbox } = targets;
  const snapshot = await db.load();
  dialogs.apply((s) => replaceDialogs(withoutNewer(s, snapshot.dialogs), snapshot.dialogs));
  const stored = new Set(snapshot.outbox.map((e) => e.id));
  for (const entry of outbox.entries.get()) if (!stored.has(entry.id)) outbox.mirror(entry.id, null);
  if (asLeader) outbox.restore(snapshot.outbox);
  else for (const entry of snapshot.outbox) outbox.mirror(entry.id, entry);
  const waiting = (messageId: string) => stored.has(messageId);
  for (const dialogId of messages.dialogIds()) {
    const window = await db.loadWindow(dialogId).catch(() => null);
    if (window) messages.apply(dialogId, (w) => mergeLeaderWindow(w, window, waiting));
  }
}
