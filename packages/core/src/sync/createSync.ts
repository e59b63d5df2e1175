import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Dialog } from "../model/dialog.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { replaceDialogs, setUnread, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { detachWindow, indexOfMessage, removeMessages } from "../stores/messages/messagesReducer.js";
import type { Clock } from "../time/clock.js";
import type { UnreadLedger, UnreadTicket } from "./createUnreadLedger.js";
import { DIALOGS_CURSOR } from "./dialogsCursor.js";
import { deletedSince, needsCatchUp, newestKnown, sameSecondCount } from "./windowDelta.js";

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
  /** How far before the stored cursor the dialog delta starts, for same-second and late-committed updates (ms). Default 60 s. */
  overlapMs?: number;
  /** After a delta, compare the server's dialog count with ours and reconcile ids when they differ (deletions). Default true. */
  verifyCount?: boolean;
  /** Counts each unread message once across server counts and live messages. Default: server counts as they come. */
  unread?: UnreadLedger;
  reportError: (error: ChatError) => void;
}

/**
 * Delta sync (docs/architecture.md, Data flow §3): dialogs changed since the cursor, then what is new in each loaded
 * window.
 */
export interface Sync {
  readonly state: Readable<SyncState>;
  /** Runs a sync now; `full` refetches every dialog, drops those the server no longer lists and reconciles windows. */
  run(options?: { full?: boolean }): Promise<void>;
  /** Fetches what is newer than `watermark` (default: the newest known message) in one loaded window, after any running sync. */
  catchUp(dialogId: string, watermark?: number | null): Promise<void>;
  /**
   * Asks the server for unread counts (`GET /chat/Message/unread`) and takes them: reads made elsewhere over REST move
   * no dialog's `updated_at`, so only this shows them. `dialogIds` limits it to some dialogs.
   */
  refreshUnread(dialogIds?: readonly string[]): Promise<void>;
  /** Fetches one dialog by id into the list (a message or event named a dialog the list lacks). */
  fetchDialog(id: string): Promise<void>;
  /** Starts from a cursor restored from the cache (only changes since then are fetched). */
  seed(cursor: number): void;
  /** Forgets the cursor (logout). */
  reset(): void;
}

export { DIALOGS_CURSOR };

/** Creates the sync engine. */
export function createSync(options: SyncOptions): Sync {
  const { rest, dialogs, messages, clock, pageSize } = options;
  const overlapMs = options.overlapMs ?? 60_000;
  const state = createStore<SyncState>({ state: "idle", lastSyncedAt: null, error: null });
  let cursor: number | null = null;
  let running: Promise<void> | null = null;
  let fullQueued: Promise<void> | null = null;
  let epoch = 0; // one per sign-in (reset): work of an earlier one neither reports nor marks this one's state
  const fetching = new Set<string>();
  const catchingUp = new Map<string, Promise<void>>();
  const knownIds = () => new Set(dialogs.state.get().byId.keys());
  const ticket = (): UnreadTicket | null => options.unread?.ticket() ?? null;
  /** Server dialogs fetched with `taken`, with the unread messages the server could not have counted yet. */
  const counted = (fetched: readonly Dialog[], taken: UnreadTicket | null): readonly Dialog[] =>
    options.unread && taken ? options.unread.adjust(fetched, taken, dialogs.state.get()) : fetched;

  /** Replaces the list by the server's (a full fetch): dialogs it no longer lists go, with their windows. */
  function replaceAll(fetched: readonly Dialog[]): void {
    const keep = new Set(fetched.map((d) => d.id));
    const gone = [...knownIds()].filter((id) => !keep.has(id));
    dialogs.apply((s) => replaceDialogs(s, fetched));
    for (const id of gone) messages.drop(id);
  }

  /** `promise`'s value, if the sign-in it was asked in is still this one (no `reset` since `started`). */
  const within = async <T>(started: number, promise: Promise<T>): Promise<T> => {
    const value = await promise;
    if (started !== epoch) throw new ChatError("cancelled", "Signed out while the sync was answered");
    return value;
  };

  async function syncDialogs(full: boolean, started: number): Promise<void> {
    const since = full || cursor === null ? undefined : Math.max(0, cursor - overlapMs);
    const taken = ticket();
    const fetched = counted(await within(started, rest.dialogs.listAll(since)), taken);
    if (since === undefined) replaceAll(fetched);
    else dialogs.apply((s) => upsertDialogs(s, fetched)); // overlap repeats are dropped: same content, same identity
    const newest = fetched.reduce((max, d) => Math.max(max, d.updatedAt), cursor ?? 0);
    if (newest > 0) cursor = newest;
    if (since !== undefined && options.verifyCount !== false) {
      const count = await within(started, rest.dialogs.list({ limit: 1 }));
      if (count.total !== null && count.total !== knownIds().size) {
        const again = ticket();
        replaceAll(counted(await within(started, rest.dialogs.listAll()), again));
      }
    }
    const db = options.persistence();
    if (db) {
      await db.putDialogs(fetched);
      if (cursor !== null) await db.setCursor(DIALOGS_CURSOR, cursor);
    }
  }

  async function fetchNewer(dialogId: string, watermark: number | null, started: number): Promise<void> {
    if (started !== epoch) return; // a catch-up of an earlier sign-in
    const window = messages.window(dialogId).get();
    const has = (id: string) => indexOfMessage(window.items, id) >= 0;
    if (watermark === null || !needsCatchUp(dialogs.state.get().byId.get(dialogId), watermark, has)) return;
    // date_sent has one-second resolution: ask from the watermark's second and let the merge drop what we have.
    const limit = pageSize + sameSecondCount(window.items, watermark);
    const page = await within(started, rest.messages.list(dialogId, { after: watermark - 1000, limit, sort: "desc" }));
    if (page.length >= limit)
      messages.apply(dialogId, (w) => detachWindow(w, [...page].reverse(), true)); // a gap: no silent hole
    else if (page.length) messages.receive([...page].reverse()); // ascending: server order within a second is kept
  }

  async function reconcile(dialogId: string, started: number): Promise<void> {
    const items = messages.window(dialogId).get().items;
    const watermark = newestKnown(items);
    if (watermark === null) return;
    const page = await within(started, rest.messages.list(dialogId, { limit: pageSize, sort: "desc" }));
    const oldest = page.length ? page[page.length - 1].dateSent : Infinity;
    if (page.length >= pageSize && oldest > watermark) {
      messages.apply(dialogId, (w) => detachWindow(w, [...page].reverse(), true));
      return;
    }
    const gone = deletedSince(items, page, pageSize);
    if (gone.length) messages.apply(dialogId, (w) => removeMessages(w, gone));
    messages.receive([...page].reverse());
  }

  async function runOnce(full: boolean): Promise<void> {
    const started = epoch;
    state.set({ ...state.get(), state: "syncing", error: null });
    try {
      // Watermarks before anything new can arrive: live messages after the reconnect must not hide a gap.
      const marks = new Map(messages.dialogIds().map((id) => [id, newestKnown(messages.window(id).get().items)]));
      await syncDialogs(full, started);
      for (const [dialogId, watermark] of marks) {
        if (!dialogs.state.get().byId.get(dialogId) || !messages.has(dialogId)) continue;
        await (full ? reconcile(dialogId, started) : fetchNewer(dialogId, watermark, started));
      }
      await refreshUnread(started); // reads made elsewhere move no dialog's updated_at
      // Windows restored from the cache meanwhile are caught up on their own (`catchUp`); synced once they are.
      if (catchingUp.size === 0 && started === epoch)
        state.set({ state: "synced", lastSyncedAt: clock.now(), error: null });
    } catch (cause) {
      if (started !== epoch) return; // signed out meanwhile: its requests were refused, nothing to tell
      const error = toChatError(cause);
      state.set({ ...state.get(), state: "error", error });
      options.reportError(error);
    }
  }

  async function refreshUnread(started: number, dialogIds?: readonly string[]): Promise<void> {
    if (!options.unread || dialogs.state.get().order.length === 0) return;
    const taken = options.unread.ticket();
    const counts = await within(started, rest.messages.unread(dialogIds));
    const state = dialogs.state.get();
    const taking = options.unread.adjustCounts(counts.byDialog, taken, state, dialogIds);
    if (taking.size === 0) return;
    dialogs.apply((s) => {
      let next = s;
      for (const [dialogId, count] of taking) next = setUnread(next, dialogId, count);
      return next;
    });
  }

  const run = (runOptions: { full?: boolean } = {}): Promise<void> => {
    if (running && runOptions.full) {
      const queuedIn = epoch;
      fullQueued ??= running.then(() => {
        if (queuedIn !== epoch) return;
        fullQueued = null;
        return run({ full: true });
      });
      return fullQueued;
    }
    if (!running) {
      const started: Promise<void> = runOnce(runOptions.full ?? false).finally(() => {
        if (running === started) running = null;
      });
      running = started;
    }
    return running;
  };

  return {
    state,
    run,
    catchUp(dialogId, watermark) {
      const previous = catchingUp.get(dialogId) ?? Promise.resolve();
      const started = epoch;
      if (state.get().state !== "syncing") state.set({ ...state.get(), state: "syncing" }); // not synced until the window is
      const next = previous
        .then(() => running ?? undefined)
        .then(() =>
          fetchNewer(
            dialogId,
            watermark === undefined ? newestKnown(messages.window(dialogId).get().items) : watermark,
            started,
          ),
        )
        .catch((cause: unknown) => {
          if (started === epoch) options.reportError(toChatError(cause));
        })
        .finally(() => {
          if (started !== epoch) return;
          if (catchingUp.get(dialogId) === next) catchingUp.delete(dialogId);
          if (catchingUp.size === 0 && !running && state.get().state === "syncing")
            state.set({ state: "synced", lastSyncedAt: clock.now(), error: state.get().error });
        });
      catchingUp.set(dialogId, next);
      return next;
    },
    async refreshUnread(dialogIds) {
      const started = epoch;
      try {
        await refreshUnread(started, dialogIds);
      } catch (cause) {
        if (started === epoch) options.reportError(toChatError(cause));
      }
    },
    async fetchDialog(id) {
      if (fetching.has(id)) return;
      const started = epoch;
      fetching.add(id);
      try {
        const taken = ticket();
        const dialog = await within(started, rest.dialogs.get(id));
        dialogs.apply((s) => upsertDialogs(s, counted([dialog], taken)));
      } catch (cause) {
        if (started === epoch) options.reportError(toChatError(cause));
      } finally {
        if (started === epoch) fetching.delete(id);
      }
    },
    seed(value) {
      cursor = value;
    },
    reset() {
      epoch++;
      cursor = null;
      running = fullQueued = null; // the next sign-in's sync starts afresh, not behind an earlier one's requests
      catchingUp.clear();
      fetching.clear();
      state.set({ state: "idle", lastSyncedAt: null, error: null });
    },
  };
}
