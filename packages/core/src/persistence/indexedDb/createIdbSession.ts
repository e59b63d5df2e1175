import { type IDBPDatabase, unwrap, wrap } from "idb";
import type { Message } from "../../model/message.js";
import { compareOutbox } from "../../model/outboxEntry.js";
import { sortForWindow } from "../../stores/messages/windowOrder.js";
import type { PersistenceSession, StoredSnapshot, StoredWindow } from "../Persistence.js";
import { chooseEvictions } from "./chooseEvictions.js";
import { createWriteQueue, type WriteBatch } from "./createWriteQueue.js";
import { type ChatcubeDbSchema, STORE_NAMES, type WindowRecord } from "./schema.js";
import {
  describeError,
  isQuotaError,
  messageFromRecord,
  messageToRecord,
  outboxFromRecord,
  outboxToRecord,
} from "./storedRecords.js";

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

type Known = Map<string, Message | undefined>;

/** A session over an open IndexedDB database: reads, and writes coalesced per tick into one transaction. */
export function createIdbSession(options: IdbSessionOptions): PersistenceSession {
  const { db, keyRange, caps } = options;
  const raw = unwrap(db) as IDBDatabase;
  const metas = new Map<string, WindowRecord>();
  const written = new Map<string, Known>(); // per dialog: message id → the object last written (compared by reference)
  const evicted = new Map<string, number>(); // dialog → viewedAt when evicted: it stays out until viewed again
  const outboxDialogs = new Map<string, string>(); // outbox entry → its dialog (protected from eviction)
  let degraded = false;
  let closed = false;
  let metasLoaded = false; // every cached window's facts, from load() or the first write
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

  async function writeBatch(batch: WriteBatch): Promise<void> {
    const tx = raw.transaction([...STORE_NAMES], "readwrite");
    const done = wrap(tx).done;
    done.catch(() => {});
    const store = (name: (typeof STORE_NAMES)[number]) => tx.objectStore(name);
    const stagedKnown = new Map<string, Known | null>();
    const stagedMeta = new Map<string, WindowRecord | null>();
    const evictedNow = new Map<string, number>(); // dialog → its viewedAt
    if (!metasLoaded) {
      for (const meta of (await wrap(store("windows").getAll())) as WindowRecord[])
        if (!metas.has(meta.dialogId)) metas.set(meta.dialogId, meta);
      metasLoaded = true;
    }
    const knownOf = async (dialogId: string): Promise<Known> => {
      const staged = stagedKnown.get(dialogId);
      if (staged !== undefined) return staged ?? new Map();
      const cached = written.get(dialogId);
      if (cached) return cached;
      if (!metas.has(dialogId) && !stagedMeta.has(dialogId)) return new Map(); // never cached: nothing to replace
      const keys = (await wrap(store("messages").index("byDialogDate").getAllKeys(rangeOf(dialogId)))) as string[];
      return new Map(keys.map((key) => [key, undefined]));
    };
    const removeWindow = async (dialogId: string) => {
      for (const id of (await knownOf(dialogId)).keys()) store("messages").delete(id);
      store("windows").delete(dialogId);
      stagedKnown.set(dialogId, null);
      stagedMeta.set(dialogId, null);
    };
    const putWindow = async (window: StoredWindow) => {
      const { dialogId } = window;
      const evictedAt = evicted.get(dialogId);
      if (evictedAt !== undefined && window.viewedAt <= evictedAt) return; // evicted: back only once viewed again
      let items = window.items;
      let hasOlder = window.hasOlder;
      if (items.length > caps.messagesPerDialog) {
        items = items.slice(items.length - caps.messagesPerDialog);
        hasOlder = true;
      }
      const before = await knownOf(dialogId);
      const next: Known = new Map();
      const messages = store("messages");
      for (const message of items) {
        next.set(message.id, message);
        if (before.get(message.id) !== message) messages.put(messageToRecord(message));
      }
      for (const id of before.keys()) if (!next.has(id)) messages.delete(id);
      const meta: WindowRecord = {
        dialogId,
        hasOlder,
        viewedAt: window.viewedAt,
        detached: Boolean(window.detached),
        count: items.length,
      };
      const previous = stagedMeta.get(dialogId) ?? metas.get(dialogId);
      if (
        !previous ||
        previous.hasOlder !== meta.hasOlder ||
        previous.viewedAt !== meta.viewedAt ||
        previous.detached !== meta.detached ||
        previous.count !== meta.count
      ) {
        store("windows").put(meta);
      }
      stagedKnown.set(dialogId, next);
      stagedMeta.set(dialogId, meta);
    };

    try {
      const windows = new Map(batch.windows);
      for (const [id, dialog] of batch.dialogs) {
        if (dialog) store("dialogs").put(dialog);
        else {
          store("dialogs").delete(id);
          windows.set(id, null);
        }
      }
      for (const [dialogId, window] of windows) await (window ? putWindow(window) : removeWindow(dialogId));
      for (const [id, entry] of batch.outbox)
        entry ? store("outbox").put(outboxToRecord(entry)) : store("outbox").delete(id);
      for (const [key, value] of batch.cursors) store("cursors").put({ key, value });
      for (const user of batch.users.values()) store("users").put(user);
      for (const [name, value] of batch.privacy)
        value === null ? store("privacy").delete(name) : store("privacy").put({ name, value });

      const view = new Map(metas);
      for (const [id, meta] of stagedMeta) meta ? view.set(id, meta) : view.delete(id);
      const protect = new Set(outboxDialogs.values());
      for (const entry of batch.outbox.values()) if (entry) protect.add(entry.dialogId);
      for (const id of chooseEvictions(view.values(), caps.totalMessages, protect)) {
        evictedNow.set(id, view.get(id)?.viewedAt ?? 0);
        await removeWindow(id);
      }
      await done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already aborted or finished
      }
      throw error;
    }

    for (const [id, known] of stagedKnown) known ? written.set(id, known) : written.delete(id);
    for (const [id, meta] of stagedMeta) {
      if (meta) {
        metas.set(id, meta);
        evicted.delete(id);
      } else {
        const viewedAt = evictedNow.get(id);
        if (viewedAt !== undefined) evicted.set(id, viewedAt);
        metas.delete(id);
      }
    }
    for (const [id, entry] of batch.outbox) entry ? outboxDialogs.set(id, entry.dialogId) : outboxDialogs.delete(id);
  }

  /** After a quota error: drops the least recently viewed windows until half the cached messages are gone. */
  async function evictForQuota(): Promise<void> {
    const total = [...metas.values()].reduce((sum, m) => sum + m.count, 0);
    const victims = chooseEvictions(metas.values(), Math.floor(total / 2), new Set(outboxDialogs.values()));
    if (victims.length === 0) throw new Error("nothing left to evict");
    const tx = raw.transaction(["messages", "windows"], "readwrite");
    const done = wrap(tx).done;
    done.catch(() => {});
    for (const dialogId of victims) {
      const known = written.get(dialogId);
      const ids = known
        ? [...known.keys()]
        : ((await wrap(tx.objectStore("messages").index("byDialogDate").getAllKeys(rangeOf(dialogId)))) as string[]);
      for (const id of ids) tx.objectStore("messages").delete(id);
      tx.objectStore("windows").delete(dialogId);
    }
    await done;
    for (const dialogId of victims) {
      evicted.set(dialogId, metas.get(dialogId)?.viewedAt ?? 0);
      metas.delete(dialogId);
      written.delete(dialogId);
    }
  }

  async function commit(batch: WriteBatch): Promise<void> {
    if (degraded || closed) return;
    try {
      await writeBatch(batch);
    } catch (error) {
      if (!isQuotaError(error))
        return degrade(`Writing to IndexedDB failed (${describeError(error)}); data is kept in memory only`);
      try {
        await evictForQuota();
        await writeBatch(batch);
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
      metasLoaded = true;
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
    async close(closeOptions = {}) {
      if (!closeOptions.deleteData && !closed) await queue.flush();
      if (!closed) raw.close();
      closed = true;
      if (closeOptions.deleteData) await options.deleteDatabase();
    },
  };
}
