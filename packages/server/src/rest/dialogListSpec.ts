import type { DialogRecord } from "../model/types.js";
import type { ListSpec } from "./listQuery.js";

/** When a dialog last had activity, in unix seconds: its last message, or its last change when it has none. */
function activity(dialog: DialogRecord): number {
  return dialog.last_message_date_sent ?? dialog.updated_at / 1000;
}

/**
 * Filters and sorting of `GET /chat/Dialog.json` (docs/protocol.md §4). The default order is the most recent
 * activity first (`last_message_date_sent` desc, falling back to `updated_at`); `date_sent` is accepted as a
 * name for `last_message_date_sent` (the react hook sorts by it).
 */
export const dialogListSpec: ListSpec<DialogRecord> = {
  fields: {
    _id: "id",
    type: "number",
    name: "string",
    description: "string",
    photo: "string",
    user_id: "number",
    occupants_ids: "numbers",
    admins_ids: "numbers",
    pinned_messages_ids: "strings",
    last_message: "string",
    last_message_id: "id",
    last_message_user_id: "number",
    last_message_date_sent: "seconds",
    created_at: "ms",
    updated_at: "ms",
    "extensions.*": "string",
  },
  aliases: { date_sent: "last_message_date_sent", id: "_id" },
  get: (dialog, field) =>
    field.startsWith("extensions.")
      ? (dialog.extensions?.[field.slice("extensions.".length)] ?? null)
      : (dialog as unknown as Record<string, unknown>)[field],
  sortValue: (dialog, field) =>
    field === "last_message_date_sent" ? activity(dialog) : (dialog as unknown as Record<string, unknown>)[field],
  defaultOrder: (a, b) => activity(b) - activity(a) || b.updated_at - a.updated_at || (a._id < b._id ? 1 : -1),
  tieBreak: (a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
};
