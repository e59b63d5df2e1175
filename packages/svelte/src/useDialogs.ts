import type { Dialog, Readable, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

const NO_DIALOG: ReadableSource<Dialog | undefined> = readableOf(undefined);

/** The dialog list, sorted by last activity, live. */
export function useDialogs(): Readable<Dialog[]> {
  return getChatClient().dialogs.list;
}

/** One dialog (undefined until known, or when `id` is empty); notifies only when that dialog changes. */
export function useDialog(id: MaybeGetter<string | null | undefined>): Readable<Dialog | undefined> {
  const client = getChatClient();
  return follow(id, (dialogId) => (dialogId ? client.dialogs.get(dialogId) : NO_DIALOG));
}
