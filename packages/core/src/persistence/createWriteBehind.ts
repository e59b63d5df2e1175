import type { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { DialogsState } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { EMPTY_WINDOW } from "../stores/messages/messagesReducer.js";
import type { Clock } from "../time/clock.js";
import type { PersistenceSession, StoredWindowInfo } from "./Persistence.js";

/** Dependencies of `createWriteBehind`, by name. */
export interface WriteBehindOptions {
  dialogs: DialogsStore;
  messages: MessagesStore;
  /** The open database, once signed in. */
  session: () => PersistenceSession | null;
  clock: Clock;
  reportError: (error: ChatError) => void;
}

/** Writes store changes behind to the open database (docs/architecture.md, Data flow §4). */
export interface WriteBehind {
  /** Writes what changed now; resolves when it is durable. */
  flush(): Promise<void>;
  /** Records that the user looks at a dialog (least recently viewed windows are evicted first). */
  markViewed(dialogId: string): void;
  /** Takes what came from the cache as written: the current dialog list, and these windows. */
  adopt(windows?: readonly StoredWindowInfo[]): void;
  /** Takes one window as written (it was just restored from the cache). */
  adoptWindow(dialogId: string): void;
  /** Forgets what was written (logout; call it after the stores are cleared). */
  reset(): void;
  /** Stops listening to the stores. */
  dispose(): void;
}

/**
 * Creates the write-behind: store changes are gathered and written once per tick (the session then commits the
 * batch in one transaction). The dialog list is diffed against what was last written, so only changed dialogs go out;
 * a window is written by its changes (the session compares messages by reference).
 */
export function createWriteBehind(options: WriteBehindOptions): WriteBehind {
  const { dialogs, messages, clock } = options;
  const dirtyWindows = new Set<string>();
  const views = new Map<string, number>();
  let written: DialogsState = dialogs.state.get();
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();
  const report = (error: unknown) => options.reportError(toChatError(error, "storage"));

  const write = (): Promise<void> => {
    scheduled = false;
    const target = options.session();
    const state = dialogs.state.get();
    const before = written;
    written = state;
    if (!target) {
      dirtyWindows.clear();
      return writing;
    }
    const work: Array<Promise<void>> = [];
    if (state !== before) {
      const changed = [];
      for (const id of state.order) if (before.byId.get(id) !== state.byId.get(id)) changed.push(state.byId.get(id)!);
      const removed = before.order.filter((id) => !state.byId.get(id));
      if (changed.length) work.push(target.putDialogs(changed));
      if (removed.length) work.push(target.deleteDialogs(removed));
    }
    for (const dialogId of dirtyWindows) {
      const window = messages.window(dialogId).get();
      if (window === EMPTY_WINDOW) {
        if (state.byId.get(dialogId)) work.push(target.deleteWindow(dialogId)); // a removed dialog takes its window along
        continue;
      }
      work.push(
        target.putWindow({
          dialogId,
          items: window.items,
          hasOlder: window.hasOlder,
          viewedAt: views.get(dialogId) ?? 0,
          detached: window.detached,
        }),
      );
    }
    dirtyWindows.clear();
    writing = Promise.all(work).then(
      () => {},
      (error: unknown) => report(error),
    );
    return writing;
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    clock.setTimeout(() => void write(), 0);
  };

  const windowSubscription = messages.changes$.subscribe(({ dialogId }) => {
    dirtyWindows.add(dialogId);
    schedule();
  });
  const dialogsSubscription = dialogs.state.value$.subscribe((state) => {
    if (state !== written) schedule();
  });

  return {
    async flush() {
      await write();
      await options.session()?.flush();
    },
    markViewed(dialogId) {
      views.set(dialogId, Math.max(clock.now(), (views.get(dialogId) ?? 0) + 1));
      if (messages.has(dialogId)) {
        dirtyWindows.add(dialogId);
        schedule();
      }
    },
    adopt(windows = []) {
      written = dialogs.state.get();
      for (const window of windows)
        views.set(window.dialogId, Math.max(window.viewedAt, views.get(window.dialogId) ?? 0));
    },
    adoptWindow(dialogId) {
      dirtyWindows.delete(dialogId);
    },
    reset() {
      dirtyWindows.clear();
      views.clear();
      written = dialogs.state.get();
    },
    dispose() {
      windowSubscription.unsubscribe();
      dialogsSubscription.unsubscribe();
    },
  };
}
