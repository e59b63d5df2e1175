import type { Dialog } from "../../model/dialog.js";
import { compareOutbox, type OutboxEntry } from "../../model/outboxEntry.js";
import type { User } from "../../model/user.js";
import { createStore } from "../../reactive/createStore.js";
import {
  databaseName,
  type Persistence,
  type PersistenceSession,
  type PersistenceStatus,
  type StoredSession,
  type StoredSnapshot,
  type StoredValue,
  type StoredWindow,
} from "../Persistence.js";

interface MemoryDatabase {
  dialogs: Map<string, Dialog>;
  windows: Map<string, StoredWindow>;
  outbox: Map<string, OutboxEntry>;
  cursors: Map<string, number>;
  users: Map<number, User>;
  privacy: Map<string, StoredValue>;
}

const emptyDatabase = (): MemoryDatabase => ({
  dialogs: new Map(),
  windows: new Map(),
  outbox: new Map(),
  cursors: new Map(),
  users: new Map(),
  privacy: new Map(),
});

/** A session over one in-memory database (also what the IndexedDB persistence falls back to). */
export function createMemorySession(
  data: MemoryDatabase = emptyDatabase(),
  onClose: (deleteData: boolean) => void = () => {},
): PersistenceSession {
  return {
    async load(onDialogs): Promise<StoredSnapshot> {
      const dialogs = [...data.dialogs.values()];
      onDialogs?.(dialogs);
      return {
        dialogs,
        windows: [...data.windows.values()].map((w) => ({
          dialogId: w.dialogId,
          hasOlder: w.hasOlder,
          viewedAt: w.viewedAt,
          count: w.items.length,
        })),
        outbox: [...data.outbox.values()].sort(compareOutbox),
        cursors: Object.fromEntries(data.cursors),
        users: [...data.users.values()],
        privacy: Object.fromEntries(data.privacy),
      };
    },
    async loadWindow(dialogId) {
      const window = data.windows.get(dialogId);
      return window ? { ...window, items: [...window.items] } : null;
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
      data.windows.set(window.dialogId, { ...window, items: [...window.items] });
    },
    async deleteWindow(dialogId) {
      data.windows.delete(dialogId);
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
    async putUsers(users) {
      for (const user of users) data.users.set(user.id, user);
    },
    async putPrivacy(name, value) {
      if (value === null) data.privacy.delete(name);
      else data.privacy.set(name, value);
    },
    async flush() {},
    async close(closeOptions = {}) {
      onClose(Boolean(closeOptions.deleteData));
    },
  };
}

/**
 * Keeps each user's data in memory for the life of the page: what a client uses under SSR, in tests, and as the
 * fallback when IndexedDB is unavailable. Databases are kept per app and user, so two users never share data.
 * `reason` makes the status `degraded` (memory used because something better was not available).
 */
export function createMemoryPersistence(options: { reason?: string | null } = {}): Persistence {
  const databases = new Map<string, MemoryDatabase>();
  const sessions = new Map<number, StoredSession>();
  const status = createStore<PersistenceStatus>({
    status: options.reason ? "degraded" : "ok",
    reason: options.reason ?? null,
  });
  return {
    status,
    async open(scope): Promise<PersistenceSession> {
      const key = databaseName(scope);
      let db = databases.get(key);
      if (!db) databases.set(key, (db = emptyDatabase()));
      return createMemorySession(db, (deleteData) => {
        if (deleteData) databases.delete(key);
      });
    },
    async loadSession(appId) {
      return sessions.get(appId) ?? null;
    },
    async saveSession(appId, session) {
      if (session) sessions.set(appId, session);
      else sessions.delete(appId);
    },
  };
}
