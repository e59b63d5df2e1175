import type { MessageRecord } from "../model/types.js";
import type { ListSpec } from "./listQuery.js";

const byId = (a: MessageRecord, b: MessageRecord) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** Filters and sorting of `GET /chat/Message.json` (PROTOCOL.md §5): by default ascending `date_sent`, ties by `_id`. */
export const messageListSpec: ListSpec<MessageRecord> = {
  fields: {
    _id: "id",
    message: "string",
    date_sent: "seconds",
    sender_id: "number",
    recipient_id: "number",
    read_ids: "numbers",
    delivered_ids: "numbers",
    "attachments.type": "strings",
    created_at: "ms",
    updated_at: "ms",
  },
  aliases: { id: "_id" },
  get: (message, field) =>
    field === "attachments.type"
      ? message.attachments.map((attachment) => String(attachment.type ?? ""))
      : (message as unknown as Record<string, unknown>)[field],
  defaultOrder: (a, b) => a.date_sent - b.date_sent || byId(a, b),
  tieBreak: byId,
};
