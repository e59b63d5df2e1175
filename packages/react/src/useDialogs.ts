import type { Dialog } from "@chatcube/core";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/** The dialog list, sorted by last activity, live. */
export const useDialogs = (): readonly Dialog[] => useReadable(useChatClient().dialogs.list);

/** One dialog (undefined until known, or when `id` is empty); re-renders only when that dialog changes. */
export function useDialog(id: string | null | undefined): Dialog | undefined {
  return useReadable(useChatClient().dialogs.get(id));
}
