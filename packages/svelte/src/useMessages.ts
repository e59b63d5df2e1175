import type { MessagesView, Readable } from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/**
 * One dialog's messages and `loadOlder`, as a store (nothing when `dialogId` is empty; a getter follows runes).
 * Subscribing starts loading the newest page; subscribers hear only of this dialog's changes.
 */
export function useMessages(dialogId: MaybeGetter<string | null | undefined>): Readable<MessagesView> {
  return follow(dialogId, getChatClient().messages.view);
}
