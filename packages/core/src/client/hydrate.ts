import type { Dialog } from "../model/dialog.js";
import type { WriteBehind } from "../persistence/createWriteBehind.js";
import type { PersistenceSession, StoredWindow, StoredWindowInfo } from "../persistence/Persistence.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { EMPTY_WINDOW, type MessageWindow, prependOlder } from "../stores/messages/messagesReducer.js";
import type { Outbox } from "../sync/createOutbox.js";
import { DIALOGS_CURSOR } from "../sync/dialogsCursor.js";
import { newestKnown } from "../sync/newestKnown.js";

/** Dependencies of `createHydrator`, by name. */
export interface HydratorOptions {
  /** The open database, once signed in. */
  db: () => PersistenceSession | null;
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Outbox;
  writeBehind: WriteBehind;
  /** How many cached messages to restore at once (most recently viewed windows first); the others when opened. */
  eagerMessages: number;
  /** A window came back from the cache; `watermark` is its newest known message (a catch-up starts there). */
  onRestored: (dialogId: string, watermark: number | null) => void;
}

/** What `hydrate()` publishes and hands on. */
interface Hydrated {
  /** The dialogs sync cursor, if any. */
  cursor: number | null;
  /** Settles when the windows restored eagerly are in their stores. */
  windows: Promise<void>;
}

/**
 * Publishes the cache (docs/architecture.md, Data flow §1) and restores cached windows, eagerly or when a dialog is
 * opened.
 */
export interface Hydrator {
  /**
   * Publishes what the database holds before any network call: the dialog list with its unread counts, the pending
   * outbox and the windows of the dialogs it concerns; then, in the background, the most recently viewed windows.
   */
  hydrate(): Promise<Hydrated>;
  /** Restores one dialog's cached window into its store (once); resolves true when the cache had it. */
  restoreWindow(dialogId: string): Promise<boolean>;
  /** Forgets what the cache held (logout). */
  reset(): void;
}

function restored(window: MessageWindow, stored: StoredWindow): MessageWindow {
  const merged = prependOlder(window, stored.items, stored.hasOlder);
  return Object.freeze({ ...merged, detached: window === EMPTY_WINDOW ? Boolean(stored.detached) : merged.detached });
}

/** Creates the hydrator of one client. */
export function createHydrator(options: HydratorOptions): Hydrator {
  const { dialogs, messages, outbox, writeBehind } = options;
  let cached = new Map<string, StoredWindowInfo>();
  let known = false; // true once `cached` holds what the database has (before, a window is looked for anyway)
  const restoring = new Map<string, Promise<boolean>>();

  async function restore(dialogId: string): Promise<boolean> {
    const db = options.db();
    if (!db) return false;
    const stored = await db.loadWindow(dialogId).catch(() => null);
    if (!stored || stored.items.length === 0 || options.db() !== db || !dialogs.state.get().byId.get(dialogId))
      return false;
    const before = messages.window(dialogId).get();
    messages.apply(dialogId, (window) => restored(window, stored));
    if (before === EMPTY_WINDOW) writeBehind.adoptWindow(dialogId); // exactly what the cache holds: nothing to write
    options.onRestored(dialogId, newestKnown(stored.items));
    return true;
  }

  const restoreWindow = (dialogId: string): Promise<boolean> => {
    let running = restoring.get(dialogId);
    if (!running) {
      running = known && !cached.has(dialogId) ? Promise.resolve(false) : restore(dialogId);
      restoring.set(dialogId, running);
    }
    return running;
  };

  return {
    restoreWindow,
    async hydrate() {
      const db = options.db();
      if (!db) return { cursor: null, windows: Promise.resolve() };
      const publish = (list: readonly Dialog[]) => {
        if (list.length && options.db() === db) dialogs.apply((s) => upsertDialogs(s, list));
      };
      const snapshot = await db.load(publish); // the list (and unread counts) go out as soon as they are read
      if (options.db() !== db) return { cursor: null, windows: Promise.resolve() };
      cached = new Map(snapshot.windows.map((w) => [w.dialogId, w]));
      known = true;
      writeBehind.adopt(snapshot.windows);
      outbox.restore(snapshot.outbox);
      // Windows with pending work first (their messages show as pending, and acks must find them), awaited.
      const urgent = [...new Set(snapshot.outbox.map((e) => e.dialogId))];
      await Promise.all(urgent.map(restoreWindow));
      let budget = options.eagerMessages;
      const eager: string[] = [];
      for (const window of [...snapshot.windows].sort((a, b) => b.viewedAt - a.viewedAt)) {
        if (restoring.has(window.dialogId) || window.count > budget) continue;
        budget -= window.count;
        eager.push(window.dialogId);
      }
      // Two at a time, so a dialog the user opens meanwhile waits for at most two reads, not for all of them.
      const next = async (): Promise<void> => {
        for (let id = eager.shift(); id !== undefined; id = eager.shift()) await restoreWindow(id);
      };
      const windows = Promise.all([next(), next()]).then(() => {});
      return { cursor: snapshot.cursors[DIALOGS_CURSOR] ?? null, windows };
    },
    reset() {
      cached = new Map();
      known = false;
      restoring.clear();
    },
  };
}
