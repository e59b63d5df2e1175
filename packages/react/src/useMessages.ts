import type { MessagesView } from "@chatcube/core";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/**
 * One dialog's messages and `loadOlder` (nothing when `dialogId` is empty). Subscribing starts loading the newest
 * page; the component re-renders only when this dialog's window changes.
 */
export function useMessages(dialogId: string | null | undefined): MessagesView {
  return useReadable(useChatClient().messages.view(dialogId));
}
