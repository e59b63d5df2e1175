import type { Dialog } from "../model/dialog.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import type { MessageRecord, OutboxRecord } from "../persistence/indexedDb/schema.js";
import { messageToRecord, outboxToRecord } from "../persistence/indexedDb/storedRecords.js";
import type { PersistenceSession, StoredWindow } from "../persistence/Persistence.js";

/** A window as it crosses to another tab (errors in plain form, as IndexedDB keeps them). */
interface WindowRecordOut extends Omit<StoredWindow, "items"> {
  items: MessageRecord[];
}

/** One committed write, as another tab learns of it. */
export type TabWrite =
  | { type: "dialogs"; dialogs: Dialog[] }
  | { type: "deleteDialogs"; ids: string[] }
  | { type: "window"; window: WindowRecordOut }
  | { type: "deleteWindow"; dialogId: string }
  | { type: "outbox"; entry: OutboxRecord }
  | { type: "deleteOutbox"; id: string };

/**
 * Wraps a tab's database session so that every write, once committed, is told to the other tabs: `post` gets the
 * writes of one tick together, after their batch is durable, so a broadcast is never the only copy of anything
 * (docs/architecture.md, Tabs). Reads go to the session unchanged.
 */
export function createBroadcastingSession(
  inner: PersistenceSession,
  post: (writes: TabWrite[]) => void,
): PersistenceSession {
  let pending: TabWrite[] = [];
  const after = (written: Promise<void>, write: () => TabWrite): Promise<void> =>
    written.then(() => {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push(write());
    });
  const flush = () => {
    const writes = pending;
    pending = [];
    if (writes.length) post(writes);
  };

  return {
    ...inner,
    putDialogs: (dialogs) => after(inner.putDialogs(dialogs), () => ({ type: "dialogs", dialogs: [...dialogs] })),
    deleteDialogs: (ids) => after(inner.deleteDialogs(ids), () => ({ type: "deleteDialogs", ids: [...ids] })),
    putWindow: (window) =>
      after(inner.putWindow(window), () => ({
        type: "window",
        window: { ...window, items: window.items.map(messageToRecord) },
      })),
    deleteWindow: (dialogId) => after(inner.deleteWindow(dialogId), () => ({ type: "deleteWindow", dialogId })),
    putOutbox: (entry: OutboxEntry) =>
      after(inner.putOutbox(entry), () => ({ type: "outbox", entry: outboxToRecord(entry) })),
    deleteOutbox: (id) => after(inner.deleteOutbox(id), () => ({ type: "deleteOutbox", id })),
  };
}
