import type { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Message } from "../model/message.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { replaceDialogs, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { detachWindow } from "../stores/messages/messagesReducer.js";
import type { Clock } from "../time/clock.js";
import type { PersistenceSession } from "../persistence/Persistence.js";

/** Where synchronisation stands. */
export interface SyncState {
  state: "idle" | "syncing" | "synced" | "error";
  /** When the last sync completed (ms), or null. */
  lastSyncedAt: number | null;
  /** Why the last sync failed, if it did. */
  error: ChatError | null;
}

/** Dependencies of `createSync`, by name. */
export interface SyncOptions {
  rest: Pick<RestClient, "dialogs" | "messages">;
  dialogs: DialogsStore;
  messages: MessagesStore;
  clock: Clock;
  persistence: () => PersistenceSession | null;
  /** Messages per history page (a gap larger than one page detaches the window). */
  pageSize: number;
  /** How far before the stored cursor the dialog delta starts, for clock skew and same-second updates (ms). */
  overlapMs?: number;
  reportError: (error: ChatError) => void;
}

/** Delta sync (DESIGN.md Data flow §3): dialogs changed since the cursor, then what is new in each loaded window. */
export interface Sync {
  readonly state: Readable<SyncState>;
  /** Runs a sync now; `full` refetches every dialog and drops those the server no longer lists. */
  run(options?: { full?: boolean }): Promise<void>;
  /** Fetches one dialog by id into the list (a message or event named a dialog the list lacks). */
  fetchDialog(id: string): Promise<void>;
  /** Starts from a cursor restored from the cache (only changes since then are fetched). */
  seed(cursor: number): void;
  /** Forgets the cursor (logout). */
  reset(): void;
}

/** The cursor key of the dialog list. */
export const DIALOGS_CURSOR = "dialogs";

/** Creates the sync engine. */
export function createSync(options: SyncOptions): Sync {
  const { rest, dialogs, messages, clock } = options;
  const overlapMs = options.overlapMs ?? 60_000;
  const state = createStore<SyncState>({ state: "idle", lastSyncedAt: null, error: null });
  let cursor: number | null = null;
  let running: Promise<void> | null = null;
  const fetching = new Set<string>();

  async function syncDialogs(full: boolean): Promise<void> {
    const since = full || cursor === null ? undefined : cursor - overlapMs;
    const fetched = await rest.dialogs.listAll(since);
    dialogs.apply((s) => (since === undefined ? replaceDialogs(s, fetched) : upsertDialogs(s, fetched)));
    const newest = fetched.reduce((max, d) => Math.max(max, d.updatedAt), cursor ?? 0);
    if (newest > 0) cursor = newest;
    const db = options.persistence();
    if (db) {
      await db.putDialogs(fetched);
      if (cursor !== null) await db.setCursor(DIALOGS_CURSOR, cursor);
    }
  }

  async function syncWindow(dialogId: string): Promise<void> {
    const window = messages.window(dialogId).get();
    const known = window.items.filter((m) => m.status !== "pending" && m.status !== "failed");
    const newest = known.length ? known[known.length - 1].dateSent : null;
    if (newest === null) return; // nothing loaded: the window loads its newest page when someone looks
    // date_sent has one-second resolution: ask from a second earlier and let the merge drop what we have.
    const page: Message[] = await rest.messages.list(dialogId, { after: newest - 1000, limit: options.pageSize, sort: "desc" });
    if (page.length >= options.pageSize) {
      messages.apply(dialogId, (w) => detachWindow(w, [...page].reverse(), true)); // a gap: no silent hole
    } else if (page.length) {
      messages.receive(page);
    }
  }

  async function runOnce(full: boolean): Promise<void> {
    state.set({ ...state.get(), state: "syncing", error: null });
    try {
      await syncDialogs(full);
      for (const dialogId of messages.dialogIds()) {
        if (!dialogs.state.get().byId[dialogId]) continue;
        await syncWindow(dialogId);
      }
      state.set({ state: "synced", lastSyncedAt: clock.now(), error: null });
    } catch (cause) {
      const error = toChatError(cause);
      state.set({ ...state.get(), state: "error", error });
      options.reportError(error);
    }
  }

  return {
    state,
    run(runOptions = {}) {
      if (!running) running = runOnce(runOptions.full ?? false).finally(() => (running = null));
      return running;
    },
    async fetchDialog(id) {
      if (fetching.has(id)) return;
      fetching.add(id);
      try {
        const dialog = await rest.dialogs.get(id);
        dialogs.apply((s) => upsertDialogs(s, [dialog]));
        await options.persistence()?.putDialogs([dialog]);
      } catch (cause) {
        options.reportError(toChatError(cause));
      } finally {
        fetching.delete(id);
      }
    },
    seed(value) {
      cursor = value;
    },
    reset() {
      cursor = null;
      state.set({ state: "idle", lastSyncedAt: null, error: null });
    },
  };
}
