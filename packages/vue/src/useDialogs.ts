import type { Dialog } from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/** The dialog list, sorted by last activity, live. */
export const useDialogs = (): ReadonlyRef<readonly Dialog[]> => useReadable(useChatClient().dialogs.list);

/** One dialog (undefined until known, or when `id` is empty); triggers only when that dialog changes. */
export function useDialog(id: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<Dialog | undefined> {
  const { dialogs } = useChatClient();
  return useReadable(() => dialogs.get(toValue(id)));
}
