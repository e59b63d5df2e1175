import type { Result } from "../../errors/result.js";
import { type Attachment, attachmentFromWire } from "../../model/attachment.js";
import type { CustomParams, Message, MessageStatus, Reactions } from "../../model/message.js";
import { nullRecord } from "../../model/nullRecord.js";
import { type FieldReader, isRecord, readDto } from "./readDto.js";

/** Top-level keys of a wire message that are fields, not custom parameters. */
export const MESSAGE_FIELDS: ReadonlySet<string> = new Set([
  "_id",
  "chat_dialog_id",
  "message",
  "date_sent",
  "sender_id",
  "recipient_id",
  "read_ids",
  "delivered_ids",
  "views_count",
  "read",
  "attachments",
  "reactions",
  "created_at",
  "updated_at",
  "markable",
  "send_to_chat",
  "save_to_history",
  "dialog_id",
  "silent",
]);

/**
 * Maps a wire message (`GET /chat/Message`, docs/protocol.md §5) to a `Message`: `date_sent` (unix seconds) becomes
 * milliseconds, `recipient_id` 0 becomes null, unknown top-level string keys become `customParams`, and `status`
 * is `read`/`delivered` when anyone but the sender is in `read_ids`/`delivered_ids`, else `sent`.
 * A malformed DTO gives `{ok: false}`.
 */
export function messageFromDto(dto: unknown): Result<Message> {
  return readDto(dto, "message", (r) => {
    const senderId = r.userId("sender_id");
    const dateSent = r.optTime("date_sent");
    if (dateSent === null) r.problem("date_sent is missing");
    const readIds = r.userIdList("read_ids");
    const deliveredIds = r.userIdList("delivered_ids");
    const recipientId = r.optUserId("recipient_id", true);
    return {
      id: r.objectId("_id"),
      dialogId: r.objectId("chat_dialog_id"),
      senderId,
      recipientId,
      body: r.optString("message"),
      dateSent: dateSent ?? 0,
      attachments: readAttachments(r),
      reactions: readReactions(r),
      customParams: readCustomParams(r.raw),
      readIds,
      deliveredIds,
      editedAt: null,
      status: statusFrom(senderId, readIds, deliveredIds),
    };
  });
}

/** `read` if anyone but the sender read it, `delivered` if anyone but the sender got it, else `sent`. */
export function statusFrom(
  senderId: number,
  readIds: readonly number[],
  deliveredIds: readonly number[],
): MessageStatus {
  if (readIds.some((id) => id !== senderId)) return "read";
  if (deliveredIds.some((id) => id !== senderId)) return "delivered";
  return "sent";
}

function readAttachments(r: FieldReader): Attachment[] {
  const value = r.raw.attachments;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isRecord)) {
    r.problem("attachments is not a list of objects");
    return [];
  }
  return value.map((item) => attachmentFromWire(item));
}

function readReactions(r: FieldReader): Reactions {
  const reactions = r.optObject("reactions");
  if (reactions === null) return { own: [], total: {} };
  const own = Array.isArray(reactions.own) ? reactions.own.filter((e): e is string => typeof e === "string") : [];
  const total = nullRecord<number>();
  if (isRecord(reactions.total)) {
    for (const [emoji, count] of Object.entries(reactions.total)) {
      const n = typeof count === "number" ? count : Number(count);
      if (Number.isInteger(n) && n > 0) total[emoji] = n;
    }
  }
  return { own, total };
}

function readCustomParams(raw: Readonly<Record<string, unknown>>): CustomParams {
  const params: CustomParams = nullRecord();
  for (const [key, value] of Object.entries(raw)) {
    if (MESSAGE_FIELDS.has(key)) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      params[key] = String(value);
  }
  return params;
}
