import type { PersistenceSession } from "../persistence/Persistence.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { prependOlder } from "../stores/messages/messagesReducer.js";
import type { Outbox } from "../sync/createOutbox.js";
import { DIALOGS_CURSOR } from "../sync/createSync.js";

/**
 * Publishes what the database holds before any network call (DESIGN.md Data flow §1): the dialog list with its
 * unread counts, each dialog's last loaded window, the pending outbox. Returns the dialogs sync cursor, if any.
 */
export async function hydrate({ db, dialogs, messages, outbox }: { db: PersistenceSession; dialogs: DialogsStore; messages: MessagesStore; outbox: Outbox }): Promise<number | null> {
  const snapshot = await db.load();
  if (snapshot.dialogs.length) dialogs.apply((s) => upsertDialogs(s, snapshot.dialogs));
  for (const window of snapshot.windows) messages.apply(window.dialogId, (w) => prependOlder(w, window.items, window.hasOlder));
  outbox.restore(snapshot.outbox);
  return snapshot.cursors[DIALOGS_CURSOR] ?? null;
}
