import type { Dialog, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

const NO_DIALOG: ReadableSource<Dialog | undefined> = readableOf(undefined);

/** The dialog list, sorted by last activity, live. */
export function useDialogs(): ReadonlyRef<readonly Dialog[]> {
  return useReadable(useChatClient().dialogs.list);
}

/** One dialog (undefined until known, or when `id` is empty); triggers only when that dialog changes. */
export function useDialog(id: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<Dialog | undefined> {
  const client = useChatClient();
  return useReadable(() => {
    const dialogId = toValue(id);
    return dialogId ? client.dialogs.get(dialogId) : NO_DIALOG;
  });
}
