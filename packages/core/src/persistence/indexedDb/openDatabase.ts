import { type IDBPDatabase, wrap } from "idb";
import { ChatError } from "../../errors/ChatError.js";
import {
  type AnyDatabase,
  DB_VERSION,
  MIGRATIONS,
  type Migration,
  runMigrations,
  type UpgradeTransaction,
} from "./migrations.js";
import type { ChatcubeDbSchema } from "./schema.js";

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /** How long to wait for other tabs to close an older version before giving up. */
  blockedTimeoutMs: number;
  /** The version to open (tests open older ones). Default the current one. */
  version?: number;
  /** The schema steps. Default `MIGRATIONS`. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating or upgrading) a user's database through `factory`, running the migrations. Rejects with a
 * `storage` ChatError when the upgrade stays blocked by another tab, or with the browser's error (private mode,
 * security, a failed migration). Never touches a global.
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  options: OpenDatabaseOptions,
): Promise<IDBPDatabase<ChatcubeDbSchema>> {
  const version = options.version ?? DB_VERSION;
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = (act: () => void) => {
      if (timer !== null) clearTimeout(timer);
      if (settled) return;
      settled = true;
      act();
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, version);
    } catch (error) {
      reject(error);
      return;
    }
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (!tx) return;
      const upgrade = wrap(tx) as unknown as UpgradeTransaction;
      upgrade.done.catch(() => {}); // an aborted upgrade is reported through the open request
      runMigrations(
        wrap(request.result) as AnyDatabase,
        upgrade,
        event.oldVersion,
        version,
        options.migrations ?? MIGRATIONS,
      ).catch((error: unknown) => {
        try {
          tx.abort();
        } catch {
          // already finished
        }
        settle(() => reject(error));
      });
    };
    request.onblocked = () => {
      if (timer !== null || settled) return;
      timer = setTimeout(() => {
        timer = null;
        settle(() =>
          reject(
            new ChatError(
              "storage",
              "Opening the database is blocked by another tab that keeps an older version open",
              { details: { blocked: true } },
            ),
          ),
        );
      }, options.blockedTimeoutMs);
    };
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {
        db.close(); // we gave up waiting: this tab runs from memory
        return;
      }
      settle(() => resolve(wrap(db) as unknown as IDBPDatabase<ChatcubeDbSchema>));
    };
    request.onerror = (event) => {
      event.preventDefault?.();
      settle(() => reject(request.error ?? new ChatError("storage", "The database could not be opened")));
    };
  });
}

/** Deletes a database; resolves when it is gone, or after `blockedTimeoutMs` if other tabs keep it open (it goes when they close). */
export function deleteDatabase(factory: IDBFactory, name: string, blockedTimeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.deleteDatabase(name);
    } catch {
      resolve();
      return;
    }
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => setTimeout(resolve, blockedTimeoutMs);
  });
}
