import { setLastMessageStatus, setUnread } from "../../stores/dialogs/dialogsReducer.js";
import { applyMarker } from "../../stores/messages/applyMarker.js";
import type { ParsedMarker } from "../stanzas/parsedMessage.js";
import { type IngestContext, privateDialogWith } from "./ingestContext.js";

/**
 * A peer's delivered/read marker moves our message (and our earlier ones) to `delivered`/`read`. Our own read
 * marker, seen as a carbon from another device, means we read the dialog there: its unread count drops to 0.
 */
export function handleMarker(ctx: IngestContext, parsed: ParsedMarker): void {
  const self = ctx.selfUserId();
  const dialogId = parsed.dialogId ?? privateDialogWith(ctx, parsed.senderId);
  if (!dialogId) return;
  if (parsed.senderId === self) {
    if (parsed.marker === "displayed") {
      ctx.onReadElsewhere?.(dialogId);
      ctx.dialogs.apply((s) => setUnread(s, dialogId, 0));
    }
    return;
  }
  const status = parsed.marker === "displayed" ? "read" : "delivered";
  ctx.messages.apply(dialogId, (window) => applyMarker(window, parsed.messageId, parsed.senderId, status));
  ctx.dialogs.apply((s) => setLastMessageStatus(s, dialogId, parsed.messageId, status));
}
