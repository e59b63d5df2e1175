import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import type { User } from "../model/user.js";
import type { Readable } from "../reactive/readable.js";

/** Whose data a persistence session holds: one database per app and user (`chatcube:{appId}:{userId}`). */
export interface PersistenceScope {
  appId: number;
  userId: number;
}

/** The database name of one user, the same for every kind of persistence: `chatcube:{appId}:{userId}`. */
export const databaseName = (scope: PersistenceScope): string => `chatcube:${scope.appId}:${scope.userId}`;

/** A dialog's cached window of history. */
export interface StoredWindow {
  dialogId: string;
  /** Messages, oldest first. */
  items: readonly Message[];
  hasOlder: boolean;
  /** When the user last viewed the dialog (ms), for eviction of the least recently viewed windows. */
  viewedAt: number;
  /** True when the window was replaced by the newest page after a gap (see `detachWindow`). */
  detached?: boolean;
}

/** What `load()` says about a cached window without reading its messages (they load with `loadWindow`). */
export interface StoredWindowInfo {
  dialogId: string;
  hasOlder: boolean;
  viewedAt: number;
  /** Messages cached for the dialog. */
  count: number;
}

/** A JSON-like value kept as is (privacy lists and other small records). */
export type StoredValue =
  | string
  | number
  | boolean
  | null
  | readonly StoredValue[]
  | { readonly [key: string]: StoredValue };

/** Everything needed to publish the cached state before any network round-trip (docs/architecture.md, Data flow §1). */
export interface StoredSnapshot {
  dialogs: Dialog[];
  /** The cached windows, without their messages (a cache of 100,000 messages must not delay the dialog list). */
  windows: StoredWindowInfo[];
  /** Pending work, oldest first. */
  outbox: OutboxEntry[];
  /** Sync cursors, e.g. `dialogs` → the newest `updatedAt` seen (ms). */
  cursors: Record<string, number>;
  /** Cached user profiles. */
  users: User[];
  /** Privacy lists by name. */
  privacy: Record<string, StoredValue>;
}

/** Whether the data survives a reload: `degraded` means memory only, with the reason. */
export interface PersistenceStatus {
  status: "ok" | "degraded";
  reason: string | null;
}

/** A signed-in session remembered between runs, so a reload can publish the cache and reconnect with no login. */
export interface StoredSession {
  user: User;
  token: string;
}

/**
 * An open database of one user. Writes are queued and coalesced per tick into one transaction; each resolves once
 * its batch is durable (or at once in degraded mode, where nothing is written).
 */
export interface PersistenceSession {
  /**
   * The cached state (dialogs, outbox, cursors, users, privacy, and which windows are cached). `onDialogs` is called
   * as soon as the dialogs are read, so the list can be published before the rest is.
   */
  load(onDialogs?: (dialogs: Dialog[]) => void): Promise<StoredSnapshot>;
  /** One dialog's cached window with its messages, or null when none is cached. */
  loadWindow(dialogId: string): Promise<StoredWindow | null>;
  /** Writes (or replaces) dialogs. */
  putDialogs(dialogs: readonly Dialog[]): Promise<void>;
  /** Forgets dialogs (and their windows). */
  deleteDialogs(ids: readonly string[]): Promise<void>;
  /** Writes a dialog's window (replacing what was cached for it; only changed messages are written). */
  putWindow(window: StoredWindow): Promise<void>;
  /** Forgets a dialog's window (history cleared, window dropped). */
  deleteWindow(dialogId: string): Promise<void>;
  /** Writes an outbox entry; resolves once it is durable (a `send()` waits for it). */
  putOutbox(entry: OutboxEntry): Promise<void>;
  /** Removes an outbox entry. */
  deleteOutbox(id: string): Promise<void>;
  /** Sets a sync cursor. */
  setCursor(key: string, value: number): Promise<void>;
  /** Writes (or replaces) cached user profiles. */
  putUsers(users: readonly User[]): Promise<void>;
  /** Writes a privacy list by name; `null` deletes it. */
  putPrivacy(name: string, value: StoredValue | null): Promise<void>;
  /** Resolves once everything queued so far is durable. */
  flush(): Promise<void>;
  /**
   * Takes the next leader term, stored with the data (docs/architecture.md, Tabs). Only a database shared by the
   * tabs has it; without it each tab runs alone.
   */
  claimTerm?(): Promise<number>;
  /** The leader term stored now (see `claimTerm`). */
  currentTerm?(): Promise<number>;
  /**
   * While this tab leads with `term`, every batch checks in its own transaction that the stored term is still that
   * one; the batch of a stale leader writes only the user's new outbox entries, and `onStale` is called. `null`
   * lifts the check (a follower writes its outbox entries unfenced).
   */
  fence?(term: number | null, onStale?: () => void): void;
  /** Closes the database; `{ deleteData: true }` also deletes it (logout). */
  close(options?: { deleteData?: boolean }): Promise<void>;
}

/**
 * Where a client keeps its data between runs (docs/architecture.md, core by folder: `persistence/`): `open` one
 * user's database. `createIndexedDbPersistence()` keeps it in the browser; `createMemoryPersistence()` for the life of
 * the page (SSR, tests, private mode, fallback).
 */
export interface Persistence {
  /** Opens (creating when needed) the database of one user; never rejects (falls back to memory, see `status`). */
  open(scope: PersistenceScope): Promise<PersistenceSession>;
  /** Whether data survives a reload, live: `degraded` with the reason when the client runs from memory. */
  readonly status: Readable<PersistenceStatus>;
  /** The session remembered for an app (for `auth.resume()`), or null. */
  loadSession(appId: number): Promise<StoredSession | null>;
  /** Remembers the signed-in session of an app; `null` forgets it (logout). */
  saveSession(appId: number, session: StoredSession | null): Promise<void>;
}
