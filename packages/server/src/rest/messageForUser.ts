import type { ServerContext } from "../context.js";
import { requireOccupant } from "../domain/dialogs.js";
import { ApiError, notFound } from "../domain/errors.js";
import type { MessageRecord } from "../model/types.js";

/**
 * The message with this id as `userId` may act on it: 404 when there is none or the user deleted it for
 * themselves; 403 when it is in a dialog the user does not take part in (the same rule as for dialogs).
 */
export function messageForUser(ctx: ServerContext, id: string, userId: number): MessageRecord {
  const message = ctx.db.messages.get(id.trim().toLowerCase());
  const dialog = message && ctx.db.dialogs.get(message.chat_dialog_id);
  if (!message || !dialog || message.deleted_for.includes(userId)) throw notFound("Message not found");
  requireOccupant(dialog, userId);
  return message;
}

/** Like `messageForUser`, but answers which outcome a multi-id request records instead of throwing. */
export function messageOutcome(
  ctx: ServerContext,
  id: string,
  userId: number,
): MessageRecord | "NotFound" | "WrongPermissions" {
  try {
    return messageForUser(ctx, id, userId);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.status === 403 ? "WrongPermissions" : "NotFound";
  }
}
