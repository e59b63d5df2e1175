import type { ServerContext } from "../context.js";
import { ensurePrivateDialog, getDialog, isAdmin, isOccupant, requireOccupant } from "../domain/dialogs.js";
import { forbidden, invalid, notFound } from "../domain/errors.js";
import {
  deleteMessageForAll,
  deleteMessageForUser,
  editMessage,
  markDelivered,
  markDialogRead,
  markRead,
  messageToWire,
  saveMessage,
} from "../domain/messages.js";
import { isObjectId } from "../model/ids.js";
import { type DialogRecord, DialogType, type MessageRecord, type UserRecord } from "../model/types.js";
import { messageStanza, removeStanza } from "../xmpp/stanzas.js";
import { coerce } from "./coerce.js";
import { deleteOutcome } from "./deleteOutcome.js";
import { deliverToDialog } from "./deliverToDialog.js";
import { listQuery } from "./listQuery.js";
import { messageForUser, messageOutcome } from "./messageForUser.js";
import { messageListSpec } from "./messageListSpec.js";
import { readMessageInput } from "./readMessageInput.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** How many messages `preview=1` shows to a non-member (docs/protocol.md §5). */
const PREVIEW_SIZE = 20;

/** `/chat/Message` (docs/protocol.md §5): history, create, update (read/delivered/edit), delete. */
export function messageRoutes(router: Router, ctx: ServerContext): void {
  router.get("/chat/Message", (request) => {
    const { user } = requireUser(ctx, request);
    const dialogId = coerce.string(request.query.chat_dialog_id);
    if (!dialogId) throw invalid("chat_dialog_id", "can't be blank");
    const dialog = getDialog(ctx, dialogId);
    let messages = ctx.db.messagesByDialog.get(dialog._id) ?? [];
    const member = isOccupant(dialog, user.id);
    if (!member) {
      if (!(coerce.flag(request.query.preview) && dialog.permissions?.allow_preview)) requireOccupant(dialog, user.id);
      messages = messages.slice(-PREVIEW_SIZE);
    }
    const page = listQuery(
      messages.filter((message) => !message.deleted_for.includes(user.id)),
      request.query,
      messageListSpec,
    );
    if (page.countOnly) return reply.ok({ items_count: page.total });
    // Reading history marks what it returns as read, unless `mark_as_read=0` (docs/protocol.md §5).
    if (member && coerce.notOff(request.query.mark_as_read)) {
      for (const message of page.items) if (message.sender_id !== user.id) markRead(ctx, message, user.id);
    }
    return reply.ok({
      skip: page.skip,
      limit: page.limit,
      items: page.items.map((message) => messageToWire(message, user.id)),
    });
  });

  router.post("/chat/Message", (request) => {
    const { user } = requireUser(ctx, request);
    const body = request.body;
    const dialog = targetDialog(ctx, user, body);
    const id = body._id === undefined || body._id === null || body._id === "" ? null : String(body._id);
    if (id !== null && !isObjectId(id)) throw invalid("_id", "must be a 24-character hexadecimal id");
    const existing = id ? ctx.db.messages.get(id.toLowerCase()) : undefined;
    if (existing && (existing.sender_id !== user.id || existing.chat_dialog_id !== dialog._id))
      throw invalid("_id", "has already been taken");
    const { message, duplicate } = saveMessage(ctx, { id, dialog, senderId: user.id, ...readMessageInput(body) });
    if (!duplicate && coerce.flag(body.send_to_chat))
      deliverToDialog(ctx, dialog, messageStanza(ctx, message, dialog), user.id);
    return reply.created(messageToWire(message, user.id));
  });

  router.put("/chat/Message", (request) => {
    const { user } = requireUser(ctx, request);
    const dialogId = coerce.string(request.body.chat_dialog_id);
    if (!dialogId) throw invalid("chat_dialog_id", "can't be blank");
    const dialog = getDialog(ctx, dialogId);
    requireOccupant(dialog, user.id);
    if (request.body.message !== undefined) throw invalid("message", "can only be changed for a message given by id");
    if (coerce.flag(request.body.read)) markDialogRead(ctx, dialog, user.id);
    if (coerce.flag(request.body.delivered)) {
      for (const message of ctx.db.messagesByDialog.get(dialog._id) ?? [])
        if (message.sender_id !== user.id) markDelivered(ctx, message, user.id);
    }
    return reply.empty();
  });

  router.put("/chat/Message/:ids", (request) => {
    const { user } = requireUser(ctx, request);
    const dialogId = coerce.string(request.body.chat_dialog_id);
    if (dialogId) requireOccupant(getDialog(ctx, dialogId), user.id);
    const messages = coerce.list(request.params.ids).map((id) => messageForUser(ctx, id, user.id));
    if (dialogId && messages.some((message) => message.chat_dialog_id !== dialogId.toLowerCase()))
      throw notFound("Message not found in this dialog");
    const text = request.body.message;
    if (text !== undefined) {
      if (typeof text !== "string") throw invalid("message", "must be a string");
      if (messages.some((message) => message.sender_id !== user.id))
        throw forbidden("Only the sender can edit a message");
    }
    for (const message of messages) {
      if (typeof text === "string") editMessage(ctx, message, text);
      if (coerce.flag(request.body.read) && message.sender_id !== user.id) markRead(ctx, message, user.id);
      if (coerce.flag(request.body.delivered) && message.sender_id !== user.id) markDelivered(ctx, message, user.id);
    }
    return reply.empty();
  });

  router.delete("/chat/Message/:ids", (request) => {
    const { user } = requireUser(ctx, request);
    const force = coerce.flag(request.input.force);
    const outcome = deleteOutcome();
    for (const id of coerce.list(request.params.ids)) {
      const found = messageOutcome(ctx, id, user.id);
      if (typeof found === "string") outcome[found].ids.push(id);
      else if (!force) {
        deleteMessageForUser(ctx, found, user.id);
        outcome.SuccessfullyDeleted.ids.push(id);
      } else outcome[deleteForAll(ctx, found, user) ? "SuccessfullyDeleted" : "WrongPermissions"].ids.push(id);
    }
    return reply.ok(outcome);
  });
}

/** The dialog a new message goes to: `chat_dialog_id` (occupants only; admins for a broadcast), or the private dialog with `recipient_id`. */
function targetDialog(ctx: ServerContext, user: UserRecord, body: Record<string, unknown>): DialogRecord {
  const dialogId = coerce.string(body.chat_dialog_id);
  if (dialogId) {
    const dialog = getDialog(ctx, dialogId);
    requireOccupant(dialog, user.id);
    if (dialog.type === DialogType.BROADCAST && !isAdmin(dialog, user.id))
      throw forbidden("Only the owner and the admins post to a broadcast dialog");
    return dialog;
  }
  const recipientId = coerce.int(body.recipient_id, "recipient_id");
  if (recipientId === null) throw invalid("chat_dialog_id", "or recipient_id is required");
  if (recipientId === user.id || !ctx.db.users.has(recipientId))
    throw invalid("recipient_id", "is not a user you can write to");
  return ensurePrivateDialog(ctx, user.id, recipientId);
}

/** Deletes for everyone when the user sent the message or owns/administers the dialog; tells the occupants. */
function deleteForAll(ctx: ServerContext, message: MessageRecord, user: UserRecord): boolean {
  const dialog = ctx.db.dialogs.get(message.chat_dialog_id);
  if (!dialog || (message.sender_id !== user.id && !isAdmin(dialog, user.id))) return false;
  deleteMessageForAll(ctx, message);
  deliverToDialog(ctx, dialog, removeStanza(ctx, message, dialog, user.id), user.id);
  return true;
}
