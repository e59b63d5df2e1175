import type { ServerContext } from "../context.js";
import { isObjectId, objectId } from "../model/ids.js";
import { type Attachment, type DialogRecord, DialogType, type MessageRecord } from "../model/types.js";
import { touchDialog } from "./dialogs.js";
import { invalid } from "./errors.js";
import { subscriptionSummary } from "./subscriptions.js";
import { iso, parseDateSent } from "./time.js";

/** What a new message carries, from XMPP extraParams or a REST body. */
export interface NewMessage {
  /** The client's 24-hex stanza id; a new one is made when missing or not hex. */
  id?: string | null;
  dialog: DialogRecord;
  senderId: number;
  body: string | null;
  attachments?: Attachment[];
  custom?: Record<string, string>;
  dateSent?: unknown;
  /** True when the message asks for no push (`silent=1`). */
  silent?: boolean;
}

/**
 * Stores a message and updates the dialog (last message, `updated_at`, unread counts come from `read_ids`).
 * A message whose `_id` is already stored is not stored again: `duplicate` is true and the stored one returned.
 */
export function saveMessage(ctx: ServerContext, input: NewMessage): { message: MessageRecord; duplicate: boolean } {
  const id = input.id && isObjectId(input.id) ? input.id.toLowerCase() : objectId(ctx.clock());
  const existing = ctx.db.messages.get(id);
  if (existing) return { message: existing, duplicate: true };
  const { dialog, senderId } = input;
  const now = ctx.clock();
  const dateSent = parseDateSent(input.dateSent) ?? Math.floor(now / 1000);
  const recipient = dialog.type === DialogType.PRIVATE ? (dialog.occupants_ids.find((o) => o !== senderId) ?? 0) : 0;
  const message: MessageRecord = {
    _id: id,
    seq: ctx.db.takeMessageSeq(),
    chat_dialog_id: dialog._id,
    message: input.body,
    date_sent: dateSent,
    sender_id: senderId,
    recipient_id: recipient,
    read_ids: [senderId],
    delivered_ids: [senderId],
    views_count: 0,
    attachments: input.attachments ?? [],
    reactions: {},
    custom: input.custom ?? {},
    deleted_for: [],
    created_at: now,
    updated_at: now,
  };
  ctx.db.addMessage(message);
  if (dialog.last_message_date_sent === null || dateSent >= dialog.last_message_date_sent) {
    dialog.last_message = input.body ?? (message.attachments.length ? "Attachment" : null);
    dialog.last_message_id = id;
    dialog.last_message_user_id = senderId;
    dialog.last_message_date_sent = dateSent;
  }
  if (dialog.type === DialogType.PRIVATE) dialog.hidden_for = [];
  touchDialog(ctx, dialog);
  recordPushes(ctx, dialog, message, Boolean(input.silent));
  return { message, duplicate: false };
}

/** Records a push for each occupant who is offline or inactive, unless silent or muted (chat alerts). */
function recordPushes(ctx: ServerContext, dialog: DialogRecord, message: MessageRecord, silent: boolean): void {
  if (silent) return;
  for (const userId of dialog.occupants_ids) {
    if (userId === message.sender_id || dialog.notifications_off.includes(userId)) continue;
    if (ctx.chat.isActive(userId)) continue;
    ctx.db.addPush({
      id: ctx.db.nextPushId++,
      user_id: userId,
      dialog_id: dialog._id,
      message_id: message._id,
      sender_id: message.sender_id,
      body: message.message,
      created_at: ctx.clock(),
      subscriptions: ctx.db.subscriptionsOf(userId).map(subscriptionSummary),
    });
  }
}

/** Adds the user to `delivered_ids`; returns true when that changed anything. */
export function markDelivered(ctx: ServerContext, message: MessageRecord, userId: number): boolean {
  if (message.delivered_ids.includes(userId)) return false;
  message.delivered_ids.push(userId);
  message.updated_at = ctx.clock();
  ctx.db.changed("message", message._id);
  return true;
}

/** Adds the user to `read_ids` (and `delivered_ids`); returns true when that changed anything. */
export function markRead(ctx: ServerContext, message: MessageRecord, userId: number): boolean {
  const delivered = markDelivered(ctx, message, userId);
  if (message.read_ids.includes(userId)) return delivered;
  message.read_ids.push(userId);
  message.views_count++;
  message.updated_at = ctx.clock();
  ctx.db.changed("message", message._id);
  return true;
}

/** Marks every message of the dialog read for the user; returns how many changed. */
export function markDialogRead(ctx: ServerContext, dialog: DialogRecord, userId: number): number {
  let count = 0;
  for (const message of ctx.db.messagesByDialog.get(dialog._id) ?? []) {
    if (message.sender_id !== userId && markRead(ctx, message, userId)) count++;
  }
  return count;
}

/** Replaces the body of a message (edit). */
export function editMessage(ctx: ServerContext, message: MessageRecord, body: string): void {
  message.message = body;
  message.updated_at = ctx.clock();
  const dialog = ctx.db.dialogs.get(message.chat_dialog_id);
  if (dialog && dialog.last_message_id === message._id) {
    dialog.last_message = body;
    touchDialog(ctx, dialog);
  }
  ctx.db.changed("message", message._id);
}

/** Deletes a message for everyone, fixing the dialog's last message. */
export function deleteMessageForAll(ctx: ServerContext, message: MessageRecord): void {
  ctx.db.removeMessage(message._id);
  const dialog = ctx.db.dialogs.get(message.chat_dialog_id);
  if (!dialog) return;
  for (const key of ["pinned_messages_ids"] as const) {
    const index = dialog[key].indexOf(message._id);
    if (index >= 0) dialog[key].splice(index, 1);
  }
  if (dialog.last_message_id === message._id) {
    const list = ctx.db.messagesByDialog.get(dialog._id) ?? [];
    const last = list[list.length - 1];
    dialog.last_message = last ? (last.message ?? (last.attachments.length ? "Attachment" : null)) : null;
    dialog.last_message_id = last ? last._id : null;
    dialog.last_message_user_id = last ? last.sender_id : null;
    dialog.last_message_date_sent = last ? last.date_sent : null;
  }
  touchDialog(ctx, dialog);
}

/** Hides a message for one user only. */
export function deleteMessageForUser(ctx: ServerContext, message: MessageRecord, userId: number): void {
  if (!message.deleted_for.includes(userId)) message.deleted_for.push(userId);
  message.updated_at = ctx.clock();
  ctx.db.changed("message", message._id);
}

/** Applies a reaction change by one user: at most one reaction type per user, so adding replaces. */
export function react(
  ctx: ServerContext,
  message: MessageRecord,
  userId: number,
  change: { add?: string | null; remove?: string | null },
): { added: string | null; removed: string[] } {
  const removed: string[] = [];
  const drop = (emoji: string) => {
    const users = message.reactions[emoji];
    if (!users) return;
    const index = users.indexOf(userId);
    if (index < 0) return;
    users.splice(index, 1);
    if (users.length === 0) delete message.reactions[emoji];
    removed.push(emoji);
  };
  if (change.remove) drop(change.remove);
  let added: string | null = null;
  if (change.add) {
    if (change.add.length > 32) throw invalid("add", "is too long");
    for (const emoji of Object.keys(message.reactions)) if (emoji !== change.add) drop(emoji);
    const users = (message.reactions[change.add] ??= []);
    if (!users.includes(userId)) {
      users.push(userId);
      added = change.add;
    }
  }
  message.updated_at = ctx.clock();
  ctx.db.changed("message", message._id);
  return { added, removed };
}

/** The message as the REST API shows it to `viewerId`. */
export function messageToWire(message: MessageRecord, viewerId: number): Record<string, unknown> {
  const reacted = Object.entries(message.reactions);
  const read =
    message.sender_id === viewerId
      ? message.read_ids.some((id) => id !== viewerId)
      : message.read_ids.includes(viewerId);
  return {
    ...message.custom,
    _id: message._id,
    chat_dialog_id: message.chat_dialog_id,
    message: message.message,
    date_sent: message.date_sent,
    sender_id: message.sender_id,
    recipient_id: message.recipient_id,
    read_ids: [...message.read_ids],
    delivered_ids: [...message.delivered_ids],
    views_count: message.views_count,
    read: read ? 1 : 0,
    attachments: message.attachments.map((a) => ({ ...a })),
    reactions: reacted.length
      ? {
          own: reacted.filter(([, users]) => users.includes(viewerId)).map(([emoji]) => emoji),
          total: Object.fromEntries(reacted.map(([emoji, users]) => [emoji, users.length])),
        }
      : null,
    created_at: iso(message.created_at),
    updated_at: iso(message.updated_at),
  };
}
