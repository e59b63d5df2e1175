import type { IDBPDatabase, IDBPTransaction } from "idb";
import type { MessageRecord, WindowRecord } from "./schema.js";

/** A database of any version, as a migration sees it (its shape is whatever the previous version left). */
export type AnyDatabase = IDBPDatabase<unknown>;
/** The `versionchange` transaction a migration runs in. */
export type UpgradeTransaction = IDBPTransaction<unknown, ArrayLike<string>, "versionchange">;

/** One step of the schema: it turns a database of `version - 1` into one of `version`. */
export interface Migration {
  version: number;
  /** What the step changes, for humans. */
  description: string;
  /** Runs inside the upgrade transaction; it may only await IndexedDB requests. */
  migrate(db: AnyDatabase, tx: UpgradeTransaction): void | Promise<void>;
}

const ignore = (): void => {};

/** A window as version 1 kept it: the messages inline in one record. */
interface WindowRecordV1 {
  dialogId: string;
  items: MessageRecord[];
  hasOlder: boolean;
  viewedAt: number;
}

/**
 * Every schema step, oldest first. Never edit a step that has shipped: add one. A database opened at version N runs
 * the steps after N in one `versionchange` transaction, so an upgrade is all or nothing.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "dialogs, windows with their messages inline, outbox, sync cursors",
    migrate(db) {
      db.createObjectStore("dialogs", { keyPath: "id" });
      db.createObjectStore("windows", { keyPath: "dialogId" });
      db.createObjectStore("outbox", { keyPath: "id" });
      db.createObjectStore("cursors", { keyPath: "key" });
    },
  },
  {
    version: 2,
    description:
      "messages in their own store, indexed by dialog and dateSent (a window is written by its changes); users; privacy",
    async migrate(db, tx) {
      const messages = db.createObjectStore("messages", { keyPath: "id" });
      messages.createIndex("byDialogDate", ["dialogId", "dateSent"]);
      db.createObjectStore("users", { keyPath: "id" });
      db.createObjectStore("privacy", { keyPath: "name" });
      const windows = tx.objectStore("windows");
      for (let cursor = await windows.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = cursor.value as WindowRecordV1;
        for (const message of old.items ?? []) tx.objectStore("messages").put(message).catch(ignore); // a failure aborts the upgrade
        const next: WindowRecord = {
          dialogId: old.dialogId,
          hasOlder: old.hasOlder,
          viewedAt: old.viewedAt ?? 0,
          detached: false,
          count: old.items?.length ?? 0,
        };
        cursor.update(next).catch(ignore);
      }
    },
  },
];

/** The version the current code writes. */
export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Runs the steps after `oldVersion` up to `newVersion`, in order, in the upgrade transaction. */
export async function runMigrations(
  db: AnyDatabase,
  tx: UpgradeTransaction,
  oldVersion: number,
  newVersion: number = DB_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  for (const step of migrations) {
    if (step.version > oldVersion && step.version <= newVersion) await step.migrate(db, tx);
  }
}
