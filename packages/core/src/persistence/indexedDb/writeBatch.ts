import { wrap } from "idb";
import type { Message } from "../../model/message.js";
import type { StoredWindow } from "../Persistence.js";
import { chooseEvictions } from "./chooseEvictions.js";
import type { CacheCaps } from "./createIdbSession.js";
import type { WriteBatch } from "./createWriteQueue.js";
import { STORE_NAMES, type WindowRecord } from "./schema.js";
import { messageToRecord, outboxToRecord } from "./storedRecords.js";
import { holdsTerm, type TermFence, userWorkOnly } from "./termFence.js";

/** Per dialog: message id → the object last written (compared by reference). */
type Known = Map<string, Message | undefined>;

/** What a session knows of its database between batches (createIdbSession.ts owns it; the writes here keep it true). */
export interface IdbSessionState {
  raw: IDBDatabase;
  keyRange: typeof IDBKeyRange;
  caps: CacheCaps;
  /** Every cached window's facts, from load() or the first write (`metasLoaded`). */
  metas: Map<string, WindowRecord>;
  metasLoaded: boolean;
  /** Per dialog, the messages last written. */
  written: Map<string, Known>;
  /** Dialog → viewedAt when evicted: it stays out until viewed again. */
  evicted: Map<string, number>;
  /** Outbox entry → its dialog (protected from eviction). */
  outboxDialogs: Map<string, string>;
  /** Set while this tab leads (docs/architecture.md, Tabs): each batch checks the stored term first. */
  fence: TermFence | null;
}

/**
 * Writes one coalesced batch in one transaction: dialogs, windows (capped, diffed), outbox, cursors, users, privacy.
 * While this tab leads, the transaction also reads the stored term, first, but the writes do not wait for it: an
 * answer that says another tab leads now aborts the transaction (nothing of it is kept), the fence is told, and
 * the user's new work alone is written in a second one. Waiting for the read before writing cost a round trip to
 * the database per batch, which halved the rate of offline queueing in Chromium (each send waits for its batch).
 */
export async function writeBatch(state: IdbSessionState, given: WriteBatch): Promise<void> {
  const fence = state.fence;
  if ((await writeInTransaction(state, given, fence)) === "stale") {
    fence?.onStale();
    await writeInTransaction(state, userWorkOnly(given), null); // a stale leader writes only the user's new work
  }
}

async function writeInTransaction(
  state: IdbSessionState,
  batch: WriteBatch,
  fence: TermFence | null,
): Promise<"written" | "stale"> {
  const { raw, caps, metas, written, evicted, outboxDialogs } = state;
  const rangeOf = (dialogId: string) => state.keyRange.bound([dialogId, -Infinity], [dialogId, Infinity]);
  const tx = raw.transaction([...STORE_NAMES], "readwrite");
  const done = wrap(tx).done;
  done.catch(() => {});
  const store = (name: (typeof STORE_NAMES)[number]) => tx.objectStore(name);
  let stale = false;
  if (fence) {
    // Requests run in order: the read goes first, and its answer comes before the transaction can commit.
    void holdsTerm(store("cursors"), fence).then(
      (holds) => {
        if (holds) return;
        stale = true;
        try {
          tx.abort();
        } catch {
          // finished already: impossible while writes are pending, harmless otherwise
        }
      },
      () => {}, // the transaction failed; `done` says why
    );
  }
  const stagedKnown = new Map<string, Known | null>();
  const stagedMeta = new Map<string, WindowRecord | null>();
  const evictedNow = new Map<string, number>(); // dialog → its viewedAt
  if (!state.metasLoaded) {
    for (const meta of (await wrap(store("windows").getAll())) as WindowRecord[])
      if (!metas.has(meta.dialogId)) metas.set(meta.dialogId, meta);
    state.metasLoaded = true;
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
    if (stale) return "stale";
    throw error;
  }
  if (stale) return "stale"; // (the abort always rejects `done`; this only keeps the types honest)

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
  return "written";
}

/** After a quota error: drops the least recently viewed windows until half the cached messages are gone. */
export async function evictForQuota(state: IdbSessionState): Promise<void> {
  const { raw, metas, written, evicted, outboxDialogs } = state;
  const rangeOf = (dialogId: string) => state.keyRange.bound([dialogId, -Infinity], [dialogId, Infinity]);
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
