import type { ChatError, DialogMessages, Message, MessageWindow, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { useMemo } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/** One dialog's loaded messages and how to page back through its history. */
export interface MessagesView {
  /** Messages, oldest first. */
  items: readonly Message[];
  /** True when older history exists beyond `items`. */
  hasOlder: boolean;
  /** Loads the next older page (no-op while loading or when there is none). */
  loadOlder: () => Promise<void>;
  /** True while an older page is loading. */
  loadingOlder: boolean;
  /** The last failure to load, if any. */
  error: ChatError | null;
  /** True when the window was replaced by the newest page after a gap. */
  detached: boolean;
}

const NO_WINDOW: ReadableSource<MessageWindow> = readableOf<MessageWindow>(
  Object.freeze({ items: Object.freeze([]), hasOlder: false, loadingOlder: false, error: null, detached: false }),
);
const loadNothing = (): Promise<void> => Promise.resolve();

/**
 * One dialog's messages (nothing when `dialogId` is empty). Subscribing starts loading the newest page; the
 * component re-renders only when this dialog's window changes.
 */
export function useMessages(dialogId: string | null | undefined): MessagesView {
  const client = useChatClient();
  const messages: DialogMessages | null = useMemo(
    () => (dialogId ? client.messages.forDialog(dialogId) : null),
    [client, dialogId],
  );
  const window = useReadable(messages ?? NO_WINDOW);
  return useMemo(
    () => ({
      items: window.items,
      hasOlder: window.hasOlder,
      loadOlder: messages ? messages.loadOlder : loadNothing,
      loadingOlder: window.loadingOlder,
      error: window.error,
      detached: window.detached,
    }),
    [window, messages],
  );
}
