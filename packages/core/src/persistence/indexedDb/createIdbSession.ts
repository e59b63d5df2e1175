import { type IDBPDatabase, unwrap } from "idb";
import { compareOutbox } from "../../model/outboxEntry.js";
import { sortForWindow } from "../../stores/messages/windowOrder.js";
import type { PersistenceSession, StoredSnapshot } from "../Persistence.js";
import { createWriteQueue, type WriteBatch } from "./createWriteQueue.js";
import type { ChatcubeDbSchema } from "./schema.js";
import { describeError, isQuotaError, messageFromRecord, outboxFromRecord } from "./storedRecords.js";
import { claimTerm, readTerm } from "./termFence.js";
import { evictForQuota, type IdbSessionState, writeBatch } from "./writeBatch.js";

/** Caps on what the cache keeps. */
export interface CacheCaps {
  /** Most messages cached per dialog (the newest are kept). */
  messagesPerDialog: number;
  /** Most messages cached in all; beyond it the least recently viewed windows are evicted. */
  totalMessages: number;
}

/** Dependencies of `createIdbSession`, by name. */
export interface IdbSessionOptions {
  db: IDBPDatabase<ChatcubeDbSchema>;
  keyRange: typeof IDBKeyRange;
  caps: CacheCaps;
  /** Called once when the session stops writing (quota, another tab's upgrade, a failure): it then runs from memory. */
  onDegraded(reason: string): void;
  /** Deletes the database once closed (logout). */
  deleteDatabase(): Promise<void>;
  /** How a batch is scheduled; default the next macrotask. */
  schedule?: (run: () => void) => void;
}

/** A session over an open IndexedDB database: reads, and writes coalesced per tick into one transaction. */
export function createIdbSession(options: IdbSessionOptions): PersistenceSession {
  const { db, keyRange, caps } = options;
  const raw = unwrap(db) as IDBDatabase;
  const state: IdbSessionState = {
    raw,
    keyRange,
    caps,
    metas: new Map(),
    metasLoaded: false,
    written: new Map(),
    evicted: new Map(),
    outboxDialogs: new Map(),
    fence: null,
  };
  const { metas, written, outboxDialogs } = state;
  let degraded = false;
  let closed = false;
  const rangeOf = (dialogId: string) => keyRange.bound([dialogId, -Infinity], [dialogId, Infinity]);

  const degrade = (reason: string) => {
    if (degraded) return;
    degraded = true;
    options.onDegraded(reason);
  };
  raw.onversionchange = () => {
    raw.close();
    closed = true;
    degrade("Another tab opened a newer version of the database; this tab now keeps data in memory only");
  };
  raw.onclose = () => {
    closed = true;
    degrade("The browser closed the database (storage cleared?); data is kept in memory only");
  };

  async function commit(batch: WriteBatch): Promise<void> {
    if (degraded || closed) return;
    try {
      await writeBatch(state, batch);
    } catch (error) {
      if (!isQuotaError(error))
        return degrade(`Writing to IndexedDB failed (${describeError(error)}); data is kept in memory only`);
      try {
        await evictForQuota(state);
        await writeBatch(state, batch);
      } catch (again) {
        degrade(`The storage quota is exhausted (${describeError(again)}); data is kept in memory only`);
      }
    }
  }

  const queue = createWriteQueue(commit, options.schedule);
  const write = (record: (batch: WriteBatch) => void): Promise<void> =>
    degraded || closed ? Promise.resolve() : queue.enqueue(record);

  return {
    async load(onDialogs): Promise<StoredSnapshot> {
      const tx = db.transaction(["dialogs", "windows", "outbox", "cursors", "users", "privacy"], "readonly");
      const [dialogs, windows, outbox, cursors, users, privacy] = await Promise.all([
        tx
          .objectStore("dialogs")
          .getAll()
          .then((list) => {
            onDialogs?.(list); // the list can be published while the rest is read
            return list;
          }),
        tx.objectStore("windows").getAll(),
        tx.objectStore("outbox").getAll(),
        tx.objectStore("cursors").getAll(),
        tx.objectStore("users").getAll(),
        tx.objectStore("privacy").getAll(),
      ]);
      for (const meta of windows) metas.set(meta.dialogId, meta);
      state.metasLoaded = true;
      for (const entry of outbox) outboxDialogs.set(entry.id, entry.dialogId);
      return {
        dialogs,
        windows: windows.map(({ dialogId, hasOlder, viewedAt, count }) => ({ dialogId, hasOlder, viewedAt, count })),
        outbox: outbox.map(outboxFromRecord).sort(compareOutbox),
        cursors: Object.fromEntries(cursors.map((c) => [c.key, c.value])),
        users,
        privacy: Object.fromEntries(privacy.map((p) => [p.name, p.value])),
      };
    },
    async loadWindow(dialogId) {
      if (closed) return null;
      const tx = db.transaction(["messages", "windows"], "readonly");
      const [meta, records] = await Promise.all([
        tx.objectStore("windows").get(dialogId),
        tx.objectStore("messages").index("byDialogDate").getAll(rangeOf(dialogId)),
      ]);
      if (!meta) return null;
      const items = sortForWindow(records.map(messageFromRecord));
      if (!written.has(dialogId)) written.set(dialogId, new Map(items.map((m) => [m.id, m])));
      return { dialogId, items, hasOlder: meta.hasOlder, viewedAt: meta.viewedAt, detached: meta.detached };
    },
    putDialogs: (dialogs) => write((b) => dialogs.forEach((d) => b.dialogs.set(d.id, d))),
    deleteDialogs: (ids) => write((b) => ids.forEach((id) => b.dialogs.set(id, null))),
    putWindow: (window) => write((b) => b.windows.set(window.dialogId, window)),
    deleteWindow: (dialogId) => write((b) => b.windows.set(dialogId, null)),
    putOutbox: (entry) => write((b) => b.outbox.set(entry.id, entry)),
    deleteOutbox: (id) => write((b) => b.outbox.set(id, null)),
    setCursor: (key, value) => write((b) => b.cursors.set(key, value)),
    putUsers: (users) => write((b) => users.forEach((u) => b.users.set(u.id, u))),
    putPrivacy: (name, value) => write((b) => b.privacy.set(name, value)),
    flush: () => queue.flush(),
    claimTerm: () => claimTerm(raw),
    currentTerm: () => readTerm(raw),
    fence(term, onStale = () => {}) {
      state.fence = term === null ? null : { term, onStale };
    },
    async close(closeOptions = {}) {
      if (!closeOptions.deleteData && !closed) await queue.flush();
      if (!closed) raw.close();
      closed = true;
      if (closeOptions.deleteData) await options.deleteDatabase();
    },
  };
}
