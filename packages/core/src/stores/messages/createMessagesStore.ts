import { type Observable, Subject } from "rxjs";
import type { Message } from "../../model/message.js";
import { createStore, type Store } from "../../reactive/createStore.js";
import type { Readable } from "../../reactive/readable.js";
import { EMPTY_WINDOW, type MessageWindow, receiveMessages } from "./messagesReducer.js";

/** A window that changed, for persistence (write-behind) and sync. */
interface WindowChange {
  dialogId: string;
  window: MessageWindow;
}

/**
 * Messages: one store per dialog window, so an update in dialog B never reaches dialog A's subscribers and costs
 * nothing proportional to the number of dialogs.
 */
export interface MessagesStore {
  /** One dialog's window (EMPTY_WINDOW until something is loaded or arrives). */
  window(dialogId: string): Readable<MessageWindow>;
  /** Runs a window reducer of messagesReducer.ts on one dialog's window; an unchanged window notifies nobody. */
  apply(dialogId: string, reducer: (window: MessageWindow) => MessageWindow): void;
  /** Adds messages to their dialogs' windows (grouped per dialog); `onlyLoaded` skips dialogs with no window yet. */
  receive(messages: readonly Message[], options?: { cap?: number; onlyLoaded?: boolean }): void;
  /** True when the dialog has a window (loaded or received into). */
  has(dialogId: string): boolean;
  /** Dialogs with a window. */
  dialogIds(): string[];
  /** Forgets a dialog's window (dialog deleted, history cleared, logout). */
  drop(dialogId: string): void;
  /** Every window change, after it is published. */
  readonly changes$: Observable<WindowChange>;
}

/** Creates the messages store, optionally with windows restored from a cache. */
export function createMessagesStore(initial: Record<string, MessageWindow> = {}): MessagesStore {
  const stores = new Map<string, Store<MessageWindow>>();
  // Ids that may be in each window (a superset): most incoming messages are new, and this spares their duplicate
  // search. Rebuilt from the window when it grows far past it, so it stays bounded.
  const seen = new Map<string, Set<string>>();
  const seenOf = (dialogId: string): Set<string> => {
    let ids = seen.get(dialogId);
    if (!ids)
      seen.set(
        dialogId,
        (ids = new Set(
          storeOf(dialogId)
            .get()
            .items.map((m) => m.id),
        )),
      );
    return ids;
  };
  const changes = new Subject<WindowChange>();
  const storeOf = (dialogId: string): Store<MessageWindow> => {
    let store = stores.get(dialogId);
    if (!store) stores.set(dialogId, (store = createStore<MessageWindow>(EMPTY_WINDOW, { deepFreeze: false })));
    return store;
  };
  for (const [dialogId, window] of Object.entries(initial)) storeOf(dialogId).set(window);

  const apply = (dialogId: string, reducer: (window: MessageWindow) => MessageWindow): void => {
    const store = storeOf(dialogId);
    const before = store.get();
    const after = reducer(before);
    if (after === before) return;
    store.set(after);
    changes.next({ dialogId, window: after });
  };

  return {
    window: (dialogId) => storeOf(dialogId),
    apply(dialogId, reducer) {
      const before = storeOf(dialogId).get();
      apply(dialogId, reducer);
      const after = storeOf(dialogId).get();
      // A reducer that added messages (a page, a restored cache, a detached window): rebuild the id index on the next receive.
      if (after.items.length > before.items.length || (after.detached && after !== before)) seen.delete(dialogId);
    },
    receive(messages, options = {}) {
      const into = (dialogId: string, list: readonly Message[]) => {
        const ids = seenOf(dialogId);
        apply(dialogId, (window) =>
          receiveMessages(window, list, { cap: options.cap, maybeKnown: (id) => ids.has(id) }),
        );
        for (const message of list) ids.add(message.id);
        const items = storeOf(dialogId).get().items;
        if (ids.size > 2 * items.length + 100) seen.set(dialogId, new Set(items.map((m) => m.id)));
      };
      // One live message (the usual case) needs no grouping.
      if (messages.length === 1) {
        const dialogId = messages[0].dialogId;
        if (!options.onlyLoaded || storeOf(dialogId).get() !== EMPTY_WINDOW) into(dialogId, messages);
        return;
      }
      const byDialog = new Map<string, Message[]>();
      for (const message of messages) {
        if (options.onlyLoaded && storeOf(message.dialogId).get() === EMPTY_WINDOW) continue;
        let list = byDialog.get(message.dialogId);
        if (!list) byDialog.set(message.dialogId, (list = []));
        list.push(message);
      }
      for (const [dialogId, list] of byDialog) into(dialogId, list);
    },
    has: (dialogId) => (stores.get(dialogId)?.get() ?? EMPTY_WINDOW) !== EMPTY_WINDOW,
    dialogIds: () => [...stores.keys()].filter((id) => stores.get(id)!.get() !== EMPTY_WINDOW),
    drop(dialogId) {
      const store = stores.get(dialogId);
      seen.delete(dialogId);
      if (!store || store.get() === EMPTY_WINDOW) return;
      store.set(EMPTY_WINDOW);
      changes.next({ dialogId, window: EMPTY_WINDOW });
    },
    changes$: changes.asObservable(),
  };
}
