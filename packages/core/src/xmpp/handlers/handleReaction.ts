import { applyReaction } from "../../stores/messages/messagesReducer.js";
import type { ParsedReaction } from "../stanzas/parsedMessage.js";
import { type IngestContext, privateDialogWith } from "./ingestContext.js";

/**
 * A reaction push (docs/protocol.md §9): counts change on the message for every occupant; `own` tracks the current
 * user's. A forwarded (carbon) groupchat reaction is ignored, as the SDK does: the room delivers the push itself. A
 * 1-1 push without `dialog_id` belongs to the private dialog with the other user.
 */
export function handleReaction(ctx: IngestContext, parsed: ParsedReaction): void {
  if (parsed.isCarbon && parsed.chatType === "groupchat") return;
  const self = ctx.selfUserId();
  const own = parsed.userId === self;
  const dialogId =
    parsed.dialogId ?? (parsed.chatType === "chat" && !own ? privateDialogWith(ctx, parsed.userId) : null);
  if (!dialogId) return;
  ctx.messages.apply(dialogId, (window) => {
    const removed = parsed.removed.length ? parsed.removed : [null];
    return removed.reduce(
      (next, emoji, index) =>
        applyReaction(next, parsed.messageId, {
          add: index === 0 ? (parsed.added[0] ?? null) : null,
          remove: emoji,
          own,
        }),
      window,
    );
  });
}
