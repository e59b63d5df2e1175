import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";

/** Whose data a persistence session holds: one database per app and user (`chatcube:{appId}:{userId}`). */
export interface PersistenceScope {
  appId: number;
  userId: number;
}

/** A dialog's cached window of history. */
export interface StoredWindow {
  dialogId: string;
  /** Messages, oldest first. */
  items: Message[];
  hasOlder: boolean;
  /** When the user last viewed the dialog (ms), for eviction of the least recently viewed windows. */
  viewedAt: number;
}

/** Everything needed to publish the cached state before any network round-trip (DESIGN.md Data flow §1). */
export interface StoredSnapshot {
  dialogs: Dialog[];
  windows: StoredWindow[];
  outbox: OutboxEntry[];
  /** Sync cursors, e.g. `dialogs` → the newest `updatedAt` seen (ms). */
  cursors: Record<string, number>;
}

/** Whether the data survives a reload: `degraded` means memory only, with the reason. */
export interface PersistenceStatus {
  status: "ok" | "degraded";
  reason: string | null;
}

/** An open database of one user. Every write is a small batch; implementations coalesce them. */
export interface PersistenceSession {
  /** The whole cached state. */
  load(): Promise<StoredSnapshot>;
  /** Writes (or replaces) dialogs. */
  putDialogs(dialogs: readonly Dialog[]): Promise<void>;
  /** Forgets dialogs (and their windows). */
  deleteDialogs(ids: readonly string[]): Promise<void>;
  /** Writes a dialog's window (replacing what was cached for it). */
  putWindow(window: StoredWindow): Promise<void>;
  /** Writes an outbox entry; resolves once it is durable (a `send()` waits for it). */
  putOutbox(entry: OutboxEntry): Promise<void>;
  /** Removes an outbox entry. */
  deleteOutbox(id: string): Promise<void>;
  /** Sets a sync cursor. */
  setCursor(key: string, value: number): Promise<void>;
  /** Closes the database; `{ deleteData: true }` also deletes it (logout). */
  close(options?: { deleteData?: boolean }): Promise<void>;
}

/**
 * Where a client keeps its data between runs (DESIGN.md `persistence/`): `open` one user's database.
 * `createMemoryPersistence()` keeps it for the life of the page (SSR, tests, private mode, fallback).
 */
export interface Persistence {
  /** Opens (creating when needed) the database of one user. */
  open(scope: PersistenceScope): Promise<PersistenceSession>;
  /** The current status, for the UI. */
  readonly status: PersistenceStatus;
}
