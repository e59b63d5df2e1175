import { createStore } from "../../reactive/createStore.js";
import { createMemoryPersistence } from "../memory/createMemoryPersistence.js";
import {
  databaseName,
  type Persistence,
  type PersistenceScope,
  type PersistenceStatus,
  type StoredSession,
} from "../Persistence.js";
import { type CacheCaps, createIdbSession } from "./createIdbSession.js";
import { deleteDatabase, openDatabase } from "./openDatabase.js";
import { readStoredSession, writeStoredSession } from "./sessionStore.js";
import { describeError } from "./storedRecords.js";

/** Options of `createIndexedDbPersistence`; every one has a default. */
export interface IndexedDbPersistenceOptions {
  /** The IndexedDB factory. Default the global `indexedDB` (looked up when a database opens, never at import). */
  indexedDB?: IDBFactory;
  /** The key range class that goes with the factory. Default the global `IDBKeyRange`. */
  IDBKeyRange?: typeof IDBKeyRange;
  /** Database name of a user. Default `chatcube:{appId}:{userId}`. */
  dbName?: (scope: PersistenceScope) => string;
  /** Caps on cached messages. Default 500 per dialog and 50,000 in all. */
  caps?: Partial<CacheCaps>;
  /** How long to wait for another tab that blocks an upgrade before running from memory. Default 3 s. */
  blockedTimeoutMs?: number;
}

/** The default caps on cached messages. */
export const DEFAULT_CACHE_CAPS: CacheCaps = { messagesPerDialog: 500, totalMessages: 50_000 };

/**
 * Keeps each user's data in IndexedDB (`idb`), one database per app and user, with versioned migrations, writes
 * batched per tick, and bounded size. When IndexedDB cannot be used (SSR, private mode, an upgrade blocked by another
 * tab, quota) it falls back to memory and says why in `status`.
 */
export function createIndexedDbPersistence(options: IndexedDbPersistenceOptions = {}): Persistence {
  const status = createStore<PersistenceStatus>({ status: "ok", reason: null });
  const fallback = createMemoryPersistence();
  const caps: CacheCaps = { ...DEFAULT_CACHE_CAPS, ...options.caps };
  if (caps.messagesPerDialog > caps.totalMessages) caps.messagesPerDialog = caps.totalMessages;
  const blockedTimeoutMs = options.blockedTimeoutMs ?? 3000;
  const degrade = (reason: string) => status.set({ status: "degraded", reason });
  const environment = () => {
    const scope = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
    const factory = options.indexedDB ?? scope.indexedDB;
    const keyRange = options.IDBKeyRange ?? scope.IDBKeyRange;
    return factory && keyRange ? { factory, keyRange } : null;
  };
  const unavailable =
    "IndexedDB is not available here (server-side rendering, or a locked-down browser); data is kept in memory only";

  return {
    status,
    async open(scope) {
      const env = environment();
      if (!env) {
        degrade(unavailable);
        return fallback.open(scope);
      }
      const name = (options.dbName ?? databaseName)(scope);
      try {
        const db = await openDatabase(env.factory, name, { blockedTimeoutMs });
        status.set({ status: "ok", reason: null });
        return createIdbSession({
          db,
          keyRange: env.keyRange,
          caps,
          onDegraded: degrade,
          deleteDatabase: () => deleteDatabase(env.factory, name, blockedTimeoutMs),
        });
      } catch (error) {
        degrade(`IndexedDB could not be opened (${describeError(error)}); data is kept in memory only`);
        return fallback.open(scope);
      }
    },
    async loadSession(appId): Promise<StoredSession | null> {
      const env = environment();
      if (!env) return fallback.loadSession(appId);
      try {
        return await readStoredSession(env.factory, appId);
      } catch {
        return fallback.loadSession(appId);
      }
    },
    async saveSession(appId, session) {
      await fallback.saveSession(appId, session);
      const env = environment();
      if (!env) return;
      try {
        await writeStoredSession(env.factory, appId, session);
      } catch {
        // kept in memory (above) for this page
      }
    },
  };
}
