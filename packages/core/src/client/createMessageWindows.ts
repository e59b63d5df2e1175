import { toChatError } from "../errors/toChatError.js";
import { createKeyedReadables } from "../reactive/createKeyedReadables.js";
import type { Readable } from "../reactive/readable.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { EMPTY_WINDOW, type MessageWindow, prependOlder, setLoading } from "../stores/messages/messagesReducer.js";
import { type DialogMessages, type MessagesView, NO_MESSAGES, viewOf } from "../stores/messages/messagesView.js";

/** Dependencies of the message windows, by name. */
export interface MessageWindowsOptions {
  rest: Pick<RestClient, "messages">;
  messages: MessagesStore;
  pageSize: number;
  /** Restores a dialog's cached window before its newest page is fetched; resolves true when it did. */
  restore?: (dialogId: string) => Promise<boolean>;
  /** Told when a dialog's messages get their first subscriber (for least-recently-viewed eviction). */
  onView?: (dialogId: string) => void;
}

/**
 * `client.messages.forDialog(id)`: one Readable window per dialog, made on first use, filled from the cache or the
 * newest page when its first subscriber comes, with `loadOlder()` paging back (docs/architecture.md, "Keyed readables").
 */
export function createMessageWindows(options: MessageWindowsOptions): {
  /** One dialog's window; `null` (no dialog open) gives an empty one. */
  forDialog(dialogId: string | null | undefined): DialogMessages;
  /** The window and its `loadOlder` as one value (what the bindings show). */
  view(dialogId: string | null | undefined): Readable<MessagesView>;
  dispose(): void;
} {
  const { rest, messages } = options;
  const loading = new Map<string, Promise<void>>();

  async function loadPage(dialogId: string): Promise<void> {
    const window = messages.window(dialogId).get();
    if (window.loadingOlder || !window.hasOlder) return;
    messages.apply(dialogId, (w) => setLoading(w, true));
    try {
      const known = window.items.filter((m) => m.status !== "pending" && m.status !== "failed");
      const oldest = known[0];
      // date_sent has one-second resolution: ask up to the end of the oldest second, for as many more as we hold
      // of that second, and let the merge drop those we have.
      const sameSecond = oldest
        ? known.filter((m) => Math.floor(m.dateSent / 1000) === Math.floor(oldest.dateSent / 1000)).length
        : 0;
      const limit = options.pageSize + sameSecond;
      const page = await rest.messages.list(dialogId, {
        before: oldest ? Math.floor(oldest.dateSent / 1000) * 1000 + 1000 : undefined,
        limit,
        sort: "desc",
      });
      messages.apply(dialogId, (w) => prependOlder(w, [...page].reverse(), page.length >= limit));
    } catch (cause) {
      const error = toChatError(cause);
      if (error.code === "cancelled") return; // signed out meanwhile: the window went with the user's data
      messages.apply(dialogId, (w) => setLoading(w, false, error));
    }
  }

  const loadOlder = (dialogId: string): Promise<void> => {
    let running = loading.get(dialogId);
    if (!running) {
      running = loadPage(dialogId).finally(() => loading.delete(dialogId));
      loading.set(dialogId, running);
    }
    return running;
  };

  const keyed = createKeyedReadables<string, MessageWindow>((dialogId) => ({
    readable: messages.window(dialogId),
    start: () => {
      options.onView?.(dialogId);
      const window = messages.window(dialogId).get();
      if (window !== EMPTY_WINDOW) {
        // Live messages may have opened the window before anyone looked: fill it up to a page of history (from the
        // cache first, when it has the dialog).
        const fill = () => {
          const current = messages.window(dialogId).get();
          const known = current.items.filter((m) => m.status !== "pending" && m.status !== "failed").length;
          if (current.hasOlder && known < options.pageSize) void loadOlder(dialogId);
        };
        if (options.restore) void options.restore(dialogId).then(fill);
        else fill();
        return;
      }
      if (!options.restore) return void loadOlder(dialogId);
      // The newest page comes from the cache when it has the dialog, else from the server.
      void options.restore(dialogId).then((restored) => {
        if (!restored) void loadOlder(dialogId);
      });
    },
  }));
  const windows = new Map<string, DialogMessages>();
  const forDialog = (dialogId: string | null | undefined): DialogMessages => {
    if (!dialogId) return NO_MESSAGES;
    let window = windows.get(dialogId);
    if (!window) {
      const readable = keyed.get(dialogId);
      window = {
        get: readable.get,
        subscribe: readable.subscribe,
        value$: readable.value$,
        loadOlder: () => loadOlder(dialogId),
      };
      windows.set(dialogId, window);
    }
    return window;
  };

  return {
    view: (dialogId) => viewOf(forDialog(dialogId)),
    forDialog,
    dispose: () => keyed.dispose(),
  };
}
