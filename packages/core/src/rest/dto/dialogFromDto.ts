import type { Result } from "../../errors/result.js";
import {
  type Dialog,
  type DialogType,
  isDialogType,
  type LastMessage,
  type LastMessageStatus,
} from "../../model/dialog.js";
import { isObjectId, normalizeId, objectIdTime } from "../../model/ids.js";
import { type FieldReader, readDto } from "./readDto.js";

const STATUSES: readonly string[] = ["sent", "delivered", "read"];

/**
 * Maps a wire dialog (`GET/POST/PUT /chat/Dialog`, docs/protocol.md §4) to a `Dialog`. Times become milliseconds
 * (`last_message_date_sent` is unix seconds, `created_at`/`updated_at` ISO strings); a missing `created_at` falls
 * back to the id's time and a missing `updated_at` to `created_at`. A malformed DTO gives `{ok: false}`.
 */
export function dialogFromDto(dto: unknown): Result<Dialog> {
  return readDto(dto, "dialog", (r) => {
    const id = r.objectId("_id");
    const rawType = r.int("type");
    if (r.raw.type !== undefined && r.raw.type !== null && !isDialogType(rawType))
      r.problem(`type ${String(r.raw.type)} is unknown`);
    const createdAt = r.optTime("created_at") ?? objectIdTime(id);
    const updatedAt = r.optTime("updated_at") ?? createdAt;
    if (updatedAt === null) r.problem("updated_at is missing");
    const occupantIds = r.userIdList("occupants_ids");
    const status = r.optString("last_message_status");
    const permissions = r.optObject("permissions");
    return {
      id,
      type: rawType as DialogType,
      name: r.optString("name"),
      photo: r.optString("photo"),
      description: r.optString("description"),
      ownerId: r.userId("user_id"),
      occupantIds,
      occupantsCount: r.optCount("occupants_count") ?? occupantIds.length,
      adminIds: r.userIdList("admins_ids"),
      pinnedMessageIds: objectIds(r, "pinned_messages_ids"),
      lastMessage: readLastMessage(r, updatedAt ?? 0),
      lastMessageStatus: status !== null && STATUSES.includes(status) ? (status as LastMessageStatus) : null,
      unreadCount: r.optCount("unread_messages_count") ?? 0,
      roomJid: r.optString("xmpp_room_jid"),
      createdAt: createdAt ?? 0,
      updatedAt: updatedAt ?? 0,
      extensions: r.stringRecord("extensions"),
      permissions: { allowPreview: permissions !== null && isOn(permissions.allow_preview) },
    };
  });
}

/** The last-message summary, or null when the dialog has none; a summary without a date takes `updatedAt`. */
function readLastMessage(r: FieldReader, updatedAt: number): LastMessage | null {
  const id = r.optString("last_message_id");
  if (id !== null && !isObjectId(id)) r.problem("last_message_id is not a 24-hex id");
  const text = r.optString("last_message");
  const senderId = r.optUserId("last_message_user_id", true);
  const dateSent = r.optTime("last_message_date_sent");
  if (dateSent === null && id === null && text === null) return null;
  return { id: id === null ? null : normalizeId(id), text, senderId, dateSent: dateSent ?? updatedAt };
}

function isOn(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "true";
}

/** A list of 24-hex ids; anything else in it is a problem. */
function objectIds(r: FieldReader, key: string): string[] {
  const ids = r.stringList(key);
  if (!ids.every(isObjectId)) r.problem(`${key} has an item that is not a 24-hex id`);
  return ids.filter(isObjectId).map(normalizeId);
}
