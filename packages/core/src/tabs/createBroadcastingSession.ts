import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import type { MessageRecord, OutboxRecord } from "../persistence/indexedDb/schema.js";
import { messageToRecord, outboxToRecord } from "../persistence/indexedDb/storedRecords.js";
import type { PersistenceSession, StoredWindow } from "../persistence/Persistence.js";

/** A window as it crosses to another tab (errors in plain form, as IndexedDB keeps them). */
interface WindowRecordOut extends Omit<StoredWindow, "items"> {
  items: MessageRecord[];
  /** The leader's last live-relay stream message when it took this snapshot (what came live after is newer). */
  liveSeen?: number;
}

/** A window as it crosses to another tab. */
export const windowToRecord = (window: StoredWindow): WindowRecordOut => ({
  ...window,
  items: window.items.map(messageToRecord),
});

/** One committed write, as another tab learns of it. */
export type TabWrite =
  | { type: "dialogs"; dialogs: Dialog[] }
  | { type: "deleteDialogs"; ids: string[] }
  | { type: "window"; window: WindowRecordOut }
  /**
   * A window as the previous one sent plus what changed: `ids` is the whole window in order, `window.items` only the
   * messages that are new or changed since (a follower takes the others from its own window, which holds them).
   */
  | { type: "windowChanges"; window: WindowRecordOut; ids: string[] }
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
  liveSeen: () => number | undefined = () => undefined,
): PersistenceSession {
  let pending: TabWrite[] = [];
  // The messages of each window as last sent (they are immutable: a change is a new object). Sending only what changed
  // keeps the copy across tabs small: a whole window is up to `windowCap` messages, each tick.
  const sent = new Map<string, ReadonlySet<Message>>();
  const windowWrite = (window: StoredWindow, seen: number | undefined): TabWrite => {
    const before = sent.get(window.dialogId);
    sent.set(window.dialogId, new Set(window.items));
    const items = before ? window.items.filter((m) => !before.has(m)) : window.items;
    const out: WindowRecordOut = {
      ...windowToRecord({ ...window, items }),
      ...(seen === undefined ? {} : { liveSeen: seen }),
    };
    return before
      ? { type: "windowChanges", window: out, ids: window.items.map((m) => m.id) }
      : { type: "window", window: out };
  };
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
    putWindow: (window) => {
      const seen = liveSeen(); // the snapshot is this window as of now
      return after(inner.putWindow(window), () => windowWrite(window, seen));
    },
    deleteWindow: (dialogId) => {
      sent.delete(dialogId);
      return after(inner.deleteWindow(dialogId), () => ({ type: "deleteWindow", dialogId }));
    },
    putOutbox: (entry: OutboxEntry) =>
      after(inner.putOutbox(entry), () => ({ type: "outbox", entry: outboxToRecord(entry) })),
    deleteOutbox: (id) => after(inner.deleteOutbox(id), () => ({ type: "deleteOutbox", id })),
  };
}
