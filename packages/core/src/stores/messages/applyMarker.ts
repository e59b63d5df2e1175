import type { Message } from "../../model/message.js";
import { deepFreeze } from "./deepFreeze.js";
import { frozen, type MessageWindow, STATUS_RANK } from "./messageWindow.js";
import { place } from "./placeMessage.js";
import { indexOfMessage, isConfirmed } from "./windowOrder.js";

/**
 * Applies a delivered/read marker from `userId` to one of the current user's messages. Earlier own messages of the
 * dialog count as delivered/read too (a reader has seen everything above), which is how markers are meant.
 */
export function applyMarker(
  window: MessageWindow,
  messageId: string,
  userId: number,
  kind: "delivered" | "read",
): MessageWindow {
  const at = indexOfMessage(window.items, messageId);
  if (at < 0) return window;
  const author = window.items[at].senderId;
  let items: Message[] | null = null;
  for (let i = at; i >= 0; i--) {
    const message = window.items[i];
    // A marker about this very message proves it reached the server, even if our ack has not come back yet;
    // earlier messages of ours that are still pending or failed were not seen.
    if (message.senderId !== author || (i !== at && (message.status === "pending" || message.status === "failed")))
      continue;
    const has = (kind === "read" ? message.readIds : message.deliveredIds).includes(userId);
    if (has && i !== at) break; // older ones were covered by an earlier marker
    const readIds =
      kind === "read" && !message.readIds.includes(userId) ? [...message.readIds, userId] : message.readIds;
    const deliveredIds = message.deliveredIds.includes(userId)
      ? message.deliveredIds
      : [...message.deliveredIds, userId];
    const status = STATUS_RANK[message.status] < STATUS_RANK[kind] ? kind : message.status;
    if (readIds === message.readIds && deliveredIds === message.deliveredIds && status === message.status) continue;
    items ??= window.items.slice();
    items[i] = deepFreeze({ ...message, readIds, deliveredIds, status });
  }
  if (items && !isConfirmed(window.items[at]) && isConfirmed(items[at]))
    place(items, items.splice(at, 1)[0], -1, false, true); // ours, pending until this marker
  return items ? frozen({ ...window, items }) : window;
}
