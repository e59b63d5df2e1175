import type { Dialog, Readable } from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/** The dialog list, sorted by last activity, live. */
export const useDialogs = (): Readable<Dialog[]> => getChatClient().dialogs.list;

/** One dialog (undefined until known, or when `id` is empty); notifies only when that dialog changes. */
export function useDialog(id: MaybeGetter<string | null | undefined>): Readable<Dialog | undefined> {
  return follow(id, getChatClient().dialogs.get);
}
