import { compareOutbox, type OutboxEntry } from "../model/outboxEntry.js";
import { createStore } from "../reactive/createStore.js";
import { type OutboxReadable, selectOutbox } from "../stores/outbox/selectOutbox.js";

/** The outbox's entries in memory, in outbox order (model/outboxEntry.ts), with an index by id. */
export interface OutboxEntries {
  /** The entries, oldest first, as `client.outbox`. */
  readable: OutboxReadable;
  /** Adds an entry, or replaces the one with its id in place (its order key never changes). */
  put(entry: OutboxEntry): void;
  find(id: string): OutboxEntry | undefined;
  /** Drops an entry from memory. */
  remove(id: string): void;
  clear(): void;
}

/** Creates the entry list of `createOutbox`. Entries are frozen one by one as they enter. */
export function createOutboxEntries(): OutboxEntries {
  // The array is not deep-frozen on every change (O(n) each time).
  const store = createStore<readonly OutboxEntry[]>([], { deepFreeze: false });
  const byId = new Map<string, OutboxEntry>();
  return {
    readable: selectOutbox(store),
    put(entry) {
      Object.freeze(entry);
      const entries = store.get();
      const known = byId.get(entry.id);
      byId.set(entry.id, entry);
      const next = entries.slice();
      const at = known ? entries.indexOf(known) : -1;
      if (at >= 0) next[at] = entry;
      else {
        let index = next.length; // a new entry is almost always the newest
        while (index > 0 && compareOutbox(next[index - 1], entry) > 0) index--;
        next.splice(index, 0, entry);
      }
      store.set(next);
    },
    find: (id) => byId.get(id),
    remove(id) {
      const known = byId.get(id);
      if (!known) return;
      byId.delete(id);
      const next = store.get().slice();
      next.splice(next.indexOf(known), 1);
      store.set(next);
    },
    clear() {
      store.set([]);
      byId.clear();
    },
  };
}
