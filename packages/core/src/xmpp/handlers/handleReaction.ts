import { applyReaction } from "../../stores/messages/messagesReducer.js";
import type { ParsedReaction } from "../stanzas/parsedMessage.js";
import type { IngestContext } from "./ingestContext.js";

/** A reaction push: counts change on the message for every occupant; `own` tracks the current user's. */
export function handleReaction(ctx: IngestContext, parsed: ParsedReaction): void {
  if (!parsed.dialogId) return;
  const own = parsed.userId === ctx.selfUserId();
  const dialogId = parsed.dialogId;
  ctx.messages.apply(dialogId, (window) => {
    const removed = parsed.removed.length ? parsed.removed : [null];
    return removed.reduce(
      (next, emoji, index) => applyReaction(next, parsed.messageId, { add: index === 0 ? (parsed.added[0] ?? null) : null, remove: emoji, own }),
      window,
    );
  });
}
