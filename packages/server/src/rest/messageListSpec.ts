import type { MessageRecord } from "../model/types.js";
import type { ListSpec } from "./listQuery.js";

/** Arrival order at the server: what breaks ties of `date_sent` (one-second resolution) and of any other sort. */
const byArrival = (a: MessageRecord, b: MessageRecord) => a.seq - b.seq;

/** Filters and sorting of `GET /chat/Message.json`: by default ascending `date_sent`, ties in arrival order. */
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
  defaultOrder: (a, b) => a.date_sent - b.date_sent || byArrival(a, b),
  tieBreak: byArrival,
};
