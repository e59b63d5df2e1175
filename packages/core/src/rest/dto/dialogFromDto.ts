import type { Result } from "../../errors/result.js";
import { objectIdTime } from "../../model/ids.js";
import { isDialogType, type Dialog, type DialogType, type LastMessage, type LastMessageStatus } from "../../model/dialog.js";
import { readDto, type FieldReader } from "./readDto.js";

const STATUSES: readonly string[] = ["sent", "delivered", "read"];

/**
 * Maps a wire dialog (`GET/POST/PUT /chat/Dialog`, PROTOCOL.md §4) to a `Dialog`. Times become milliseconds
 * (`last_message_date_sent` is unix seconds, `created_at`/`updated_at` ISO strings); a missing `created_at` falls
 * back to the id's time and a missing `updated_at` to `created_at`. A malformed DTO gives `{ok: false}`.
 */
export function dialogFromDto(dto: unknown): Result<Dialog> {
  return readDto(dto, "dialog", (r) => {
    const id = r.objectId("_id");
    const rawType = r.int("type");
    if (r.raw.type !== undefined && r.raw.type !== null && !isDialogType(rawType)) r.problem(`type ${String(r.raw.type)} is unknown`);
    const createdAt = r.optTime("created_at") ?? objectIdTime(id);
    const updatedAt = r.optTime("updated_at") ?? createdAt;
    if (updatedAt === null) r.problem("updated_at is missing");
    const occupantIds = r.intList("occupants_ids");
    const status = r.optString("last_message_status");
    const permissions = r.optObject("permissions");
    return {
      id,
      type: rawType as DialogType,
      name: r.optString("name"),
      photo: r.optString("photo"),
      description: r.optString("description"),
      ownerId: r.int("user_id"),
      occupantIds,
      occupantsCount: r.optInt("occupants_count") ?? occupantIds.length,
      adminIds: r.intList("admins_ids"),
      pinnedMessageIds: r.stringList("pinned_messages_ids"),
      lastMessage: readLastMessage(r, updatedAt ?? 0),
      lastMessageStatus: status !== null && STATUSES.includes(status) ? (status as LastMessageStatus) : null,
      unreadCount: r.optInt("unread_messages_count") ?? 0,
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
  const text = r.optString("last_message");
  const senderId = r.optInt("last_message_user_id");
  const dateSent = r.optTime("last_message_date_sent");
  if (dateSent === null && id === null && text === null) return null;
  return { id, text, senderId, dateSent: dateSent ?? updatedAt };
}

function isOn(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "true";
}
