import type { OutboxEntry } from "../../model/outboxEntry.js";
import type { Readable } from "../../reactive/readable.js";
import { selectByKey } from "../../reactive/selectByKey.js";
import { shallowEqual } from "../../reactive/shallowEqual.js";

/** `client.outbox`: the entries, and one dialog's entries as their own Readable. */
export interface OutboxReadable extends Readable<readonly OutboxEntry[]> {
  /** One dialog's entries, oldest first; with no dialog (null or undefined) all of them. The same Readable per id. */
  forDialog(dialogId?: string | null): Readable<readonly OutboxEntry[]>;
}

/** `entries` with `forDialog` (a dialog's list keeps its reference until one of its entries changes). */
export function selectOutbox(entries: Readable<readonly OutboxEntry[]>): OutboxReadable {
  const ofDialog = selectByKey(
    entries,
    (all, dialogId: string | null | undefined) => (dialogId ? all.filter((entry) => entry.dialogId === dialogId) : all),
    shallowEqual,
  );
  return { ...entries, forDialog: ofDialog };
}
