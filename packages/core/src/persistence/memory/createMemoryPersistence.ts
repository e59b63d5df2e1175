import type { Dialog } from "../../model/dialog.js";
import type { OutboxEntry } from "../../model/outboxEntry.js";
import type { Persistence, PersistenceScope, PersistenceSession, StoredSnapshot, StoredWindow } from "../Persistence.js";

interface MemoryDatabase {
  dialogs: Map<string, Dialog>;
  windows: Map<string, StoredWindow>;
  outbox: Map<string, OutboxEntry>;
  cursors: Map<string, number>;
}

/**
 * Keeps each user's data in memory for the life of the page: what a client uses under SSR, in tests, and as the
 * fallback when IndexedDB is unavailable. Databases are kept per app and user, so two users never share data.
 */
export function createMemoryPersistence(options: { reason?: string | null } = {}): Persistence {
  const databases = new Map<string, MemoryDatabase>();
  const keyOf = (scope: PersistenceScope) => `chatcube:${scope.appId}:${scope.userId}`;
  return {
    status: { status: options.reason ? "degraded" : "ok", reason: options.reason ?? null },
    async open(scope): Promise<PersistenceSession> {
      const key = keyOf(scope);
      let db = databases.get(key);
      if (!db) databases.set(key, (db = { dialogs: new Map(), windows: new Map(), outbox: new Map(), cursors: new Map() }));
      const data = db;
      return {
        async load(): Promise<StoredSnapshot> {
          return {
            dialogs: [...data.dialogs.values()],
            windows: [...data.windows.values()],
            outbox: [...data.outbox.values()].sort((a, b) => a.createdAt - b.createdAt),
            cursors: Object.fromEntries(data.cursors),
          };
        },
        async putDialogs(dialogs) {
          for (const dialog of dialogs) data.dialogs.set(dialog.id, dialog);
        },
        async deleteDialogs(ids) {
          for (const id of ids) {
            data.dialogs.delete(id);
            data.windows.delete(id);
          }
        },
        async putWindow(window) {
          data.windows.set(window.dialogId, window);
        },
        async putOutbox(entry) {
          data.outbox.set(entry.id, entry);
        },
        async deleteOutbox(id) {
          data.outbox.delete(id);
        },
        async setCursor(key, value) {
          data.cursors.set(key, value);
        },
        async close(closeOptions = {}) {
          if (closeOptions.deleteData) databases.delete(key);
        },
      };
    },
  };
}
