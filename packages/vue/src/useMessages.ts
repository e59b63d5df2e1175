import type { ChatError, Message, MessageWindow, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { type ComputedRef, computed, type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { useReadable } from "./useReadable.js";

/** One dialog's loaded messages, as readonly refs, and how to page back through its history. */
export interface MessagesView {
  /** Messages, oldest first. */
  items: ComputedRef<readonly Message[]>;
  /** True when older history exists beyond `items`. */
  hasOlder: ComputedRef<boolean>;
  /** Loads the next older page of the current dialog (no-op while loading or when there is none). */
  loadOlder: () => Promise<void>;
  /** True while an older page is loading. */
  loadingOlder: ComputedRef<boolean>;
  /** The last failure to load, if any. */
  error: ComputedRef<ChatError | null>;
  /** True when the window was replaced by the newest page after a gap. */
  detached: ComputedRef<boolean>;
}

const NO_WINDOW: ReadableSource<MessageWindow> = readableOf<MessageWindow>(
  Object.freeze({ items: Object.freeze([]), hasOlder: false, loadingOlder: false, error: null, detached: false }),
);

/**
 * One dialog's messages (nothing when `dialogId` is empty; a ref or getter may change it). Subscribing starts loading
 * the newest page; the refs trigger only when this dialog's window changes.
 */
export function useMessages(dialogId: MaybeRefOrGetter<string | null | undefined>): MessagesView {
  const client = useChatClient();
  const source = () => {
    const id = toValue(dialogId);
    return id ? client.messages.forDialog(id) : null;
  };
  const window = useReadable(() => source() ?? NO_WINDOW);
  return {
    items: computed(() => window.value.items),
    hasOlder: computed(() => window.value.hasOlder),
    loadOlder: () => source()?.loadOlder() ?? Promise.resolve(),
    loadingOlder: computed(() => window.value.loadingOlder),
    error: computed(() => window.value.error),
    detached: computed(() => window.value.detached),
  };
}
