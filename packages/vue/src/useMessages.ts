import type { MessagesView } from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/**
 * One dialog's messages and `loadOlder` (nothing when `dialogId` is empty; a ref or getter may change it).
 * Subscribing starts loading the newest page; the ref triggers only when this dialog's window changes.
 */
export function useMessages(dialogId: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<MessagesView> {
  const { messages } = useChatClient();
  return useReadable(() => messages.view(toValue(dialogId)));
}
