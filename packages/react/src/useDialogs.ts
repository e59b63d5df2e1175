import type { Dialog, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { useMemo } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

const NO_DIALOG: ReadableSource<Dialog | undefined> = readableOf(undefined);

/** The dialog list, sorted by last activity, live. */
export function useDialogs(): readonly Dialog[] {
  return useReadable(useChatClient().dialogs.list);
}

/** One dialog (undefined until known, or when `id` is empty); re-renders only when that dialog changes. */
export function useDialog(id: string | null | undefined): Dialog | undefined {
  const client = useChatClient();
  const dialog = useMemo(() => (id ? client.dialogs.get(id) : NO_DIALOG), [client, id]);
  return useReadable(dialog);
}
