import type { ServerContext } from "../context.js";
import { objectId } from "../model/ids.js";
import { type DialogRecord, DialogType, type DialogTypeValue, type UserRecord } from "../model/types.js";
import { forbidden, invalid, notFound } from "./errors.js";
import { roomJid } from "./jid.js";
import { iso } from "./time.js";

/** At most this many admins per dialog (docs/protocol.md §4). */
export const MAX_ADMINS = 5;

/** Reads a list of ids sent as an array, a number, or a comma(-space) joined string. */
export function idList(value: unknown): number[] {
  if (value === undefined || value === null || value === "") return [];
  const parts = Array.isArray(value) ? value : String(value).split(",");
  const ids: number[] = [];
  for (const part of parts) {
    const text = String(part).trim();
    if (text === "") continue;
    const id = Number(text);
    if (!Number.isInteger(id) || id <= 0) throw invalid("occupants_ids", `has an invalid id: ${text}`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Reads a list of 24-hex ids sent as an array or a joined string. */
export function stringIdList(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  const parts = Array.isArray(value) ? value : String(value).split(",");
  return [...new Set(parts.map((part) => String(part).trim()).filter(Boolean))];
}

/** True when the user takes part in the dialog. */
export function isOccupant(dialog: DialogRecord, userId: number): boolean {
  return dialog.occupants_ids.includes(userId);
}

/** True when the user may read the dialog: occupants, and anyone for a public dialog. */
export function canRead(dialog: DialogRecord, userId: number): boolean {
  return isOccupant(dialog, userId) || dialog.type === DialogType.PUBLIC;
}

/** True for the owner and the admins. */
export function isAdmin(dialog: DialogRecord, userId: number): boolean {
  return dialog.user_id === userId || dialog.admins_ids.includes(userId);
}

/** Input for `createDialog`, as the REST body carries it. */
export interface DialogInput {
  type?: unknown;
  occupants_ids?: unknown;
  admins_ids?: unknown;
  name?: unknown;
  photo?: unknown;
  description?: unknown;
  extensions?: unknown;
  permissions?: unknown;
}

/** Creates a dialog owned by `owner`; a private dialog is unique per pair (the existing one is returned). */
export function createDialog(
  ctx: ServerContext,
  owner: UserRecord,
  input: DialogInput,
): { dialog: DialogRecord; created: boolean } {
  const type = Number(input.type ?? DialogType.GROUP) as DialogTypeValue;
  if (!(Object.values(DialogType) as number[]).includes(type)) throw invalid("type", "is not included in the list");
  const others = idList(input.occupants_ids).filter((id) => id !== owner.id);
  for (const id of others) if (!ctx.db.users.has(id)) throw invalid("occupants_ids", `user ${id} does not exist`);
  if (type === DialogType.PRIVATE) {
    if (others.length !== 1) throw invalid("occupants_ids", "a private dialog has exactly one other occupant");
    const existing = ctx.db.privateDialogOf(owner.id, others[0]);
    if (existing) {
      const hidden = existing.hidden_for.indexOf(owner.id);
      if (hidden >= 0) {
        existing.hidden_for.splice(hidden, 1);
        ctx.db.changed("dialog", existing._id);
      }
      return { dialog: existing, created: false };
    }
  }
  if (type === DialogType.GROUP && input.name === undefined) {
    // The service requires a name for group dialogs; the SDK always sends one.
    throw invalid("name", "can't be blank");
  }
  const admins = idList(input.admins_ids);
  if (admins.length > MAX_ADMINS) throw invalid("admins_ids", `at most ${MAX_ADMINS} admins`);
  const now = ctx.clock();
  const dialog: DialogRecord = {
    _id: objectId(now),
    type,
    name: type === DialogType.PRIVATE ? null : str(input.name),
    description: str(input.description),
    photo: str(input.photo),
    user_id: owner.id,
    occupants_ids: [owner.id, ...others],
    admins_ids: admins.filter((id) => id !== owner.id),
    pinned_messages_ids: [],
    extensions: extensions(input.extensions),
    permissions: permissions(input.permissions),
    created_at: now,
    updated_at: now,
    last_message: null,
    last_message_id: null,
    last_message_user_id: null,
    last_message_date_sent: null,
    hidden_for: [],
    notifications_off: [],
  };
  ctx.db.addDialog(dialog);
  return { dialog, created: true };
}

/** The private dialog of two users, created on the first 1-1 message (docs/protocol.md §4). */
export function ensurePrivateDialog(ctx: ServerContext, a: number, b: number): DialogRecord {
  const existing = ctx.db.privateDialogOf(a, b);
  if (existing) return existing;
  const owner = ctx.db.users.get(a);
  if (!owner) throw invalid("sender", "unknown user");
  return createDialog(ctx, owner, { type: DialogType.PRIVATE, occupants_ids: [b] }).dialog;
}

const str = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

/** Extensions: an object of string values (values are cast to string), or null. */
export function extensions(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("extensions", "must be an object");
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = item === null ? "" : typeof item === "object" ? JSON.stringify(item) : String(item);
  return out;
}

/** Permissions `{allow_preview}` or null. */
export function permissions(value: unknown): { allow_preview: boolean } | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object") throw invalid("permissions", "must be an object");
  const preview = (value as { allow_preview?: unknown }).allow_preview;
  return { allow_preview: preview === true || preview === 1 || preview === "1" || preview === "true" };
}

/** Unread messages of the dialog for this user. */
export function unreadCount(ctx: ServerContext, dialog: DialogRecord, userId: number): number {
  let count = 0;
  for (const message of ctx.db.messagesByDialog.get(dialog._id) ?? []) {
    if (message.sender_id !== userId && !message.read_ids.includes(userId) && !message.deleted_for.includes(userId))
      count++;
  }
  return count;
}

/**
 * The name `viewerId` sees: a private dialog is named after the other occupant (full name, else login), as
 * the service does; other dialogs have their own name.
 */
export function dialogNameFor(ctx: ServerContext, dialog: DialogRecord, viewerId: number): string | null {
  if (dialog.type !== DialogType.PRIVATE) return dialog.name;
  const otherId = dialog.occupants_ids.find((id) => id !== viewerId) ?? dialog.occupants_ids[0];
  const other = otherId === undefined ? undefined : ctx.db.users.get(otherId);
  return other?.full_name || other?.login || dialog.name;
}

/** The dialog as the REST API shows it to `viewerId`. */
export function dialogToWire(ctx: ServerContext, dialog: DialogRecord, viewerId: number): Record<string, unknown> {
  let status: string | null = null;
  if (dialog.last_message_id && dialog.last_message_user_id === viewerId) {
    const last = ctx.db.messages.get(dialog.last_message_id);
    const others = (ids: number[]) => ids.some((id) => id !== viewerId);
    status = !last ? "sent" : others(last.read_ids) ? "read" : others(last.delivered_ids) ? "delivered" : "sent";
  }
  return {
    _id: dialog._id,
    type: dialog.type,
    name: dialogNameFor(ctx, dialog, viewerId),
    description: dialog.description,
    photo: dialog.photo,
    user_id: dialog.user_id,
    occupants_ids: [...dialog.occupants_ids],
    ...(dialog.type === DialogType.PUBLIC ? { occupants_count: dialog.occupants_ids.length } : {}),
    admins_ids: [...dialog.admins_ids],
    pinned_messages_ids: [...dialog.pinned_messages_ids],
    last_message: dialog.last_message,
    last_message_id: dialog.last_message_id,
    last_message_user_id: dialog.last_message_user_id,
    last_message_date_sent: dialog.last_message_date_sent,
    last_message_status: status,
    unread_messages_count: isOccupant(dialog, viewerId) ? unreadCount(ctx, dialog, viewerId) : 0,
    xmpp_room_jid: dialog.type === DialogType.PRIVATE ? null : roomJid(ctx, dialog._id),
    created_at: iso(dialog.created_at),
    updated_at: iso(dialog.updated_at),
    extensions: dialog.extensions ? { ...dialog.extensions } : null,
    permissions: dialog.permissions ? { ...dialog.permissions } : null,
  };
}

/** Marks the dialog changed now (moves `updated_at`, which drives `updated_at[gt]` delta sync). */
export function touchDialog(ctx: ServerContext, dialog: DialogRecord): void {
  dialog.updated_at = Math.max(ctx.clock(), dialog.updated_at + 1);
  ctx.db.changed("dialog", dialog._id);
}

/** The dialog with this id; 404 when there is none. */
export function getDialog(ctx: ServerContext, id: unknown): DialogRecord {
  const dialog = typeof id === "string" ? ctx.db.dialogs.get(id.trim().toLowerCase()) : undefined;
  if (!dialog) throw notFound("Dialog not found");
  return dialog;
}

/**
 * Throws 403 unless the user is an occupant. A dialog that exists but that the user may not see answers 403,
 * not 404, everywhere in the REST API: ids are unguessable, and a clear "not allowed" helps while developing.
 */
export function requireOccupant(dialog: DialogRecord, userId: number): void {
  if (!isOccupant(dialog, userId)) throw forbidden("You are not an occupant of this dialog");
}

/** Adds users to the occupants (no duplicates); returns the ids actually added. */
export function addOccupants(ctx: ServerContext, dialog: DialogRecord, ids: number[]): number[] {
  const added = ids.filter((id) => !dialog.occupants_ids.includes(id));
  if (added.length === 0) return added;
  dialog.occupants_ids.push(...added);
  dialog.hidden_for = dialog.hidden_for.filter((id) => !added.includes(id));
  touchDialog(ctx, dialog);
  return added;
}

/** Removes users from the occupants and the admins; returns the ids actually removed. */
export function removeOccupants(ctx: ServerContext, dialog: DialogRecord, ids: number[]): number[] {
  const removed = ids.filter((id) => dialog.occupants_ids.includes(id) || dialog.admins_ids.includes(id));
  if (removed.length === 0) return removed;
  dialog.occupants_ids = dialog.occupants_ids.filter((id) => !removed.includes(id));
  dialog.admins_ids = dialog.admins_ids.filter((id) => !removed.includes(id));
  touchDialog(ctx, dialog);
  return removed;
}
