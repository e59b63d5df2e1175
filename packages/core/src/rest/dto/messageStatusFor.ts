import type { Message, MessageStatus } from "../../model/message.js";
import { statusFrom } from "./messageFromDto.js";

/**
 * A stored message's status as the current user sees it. Their own message: `read` / `delivered` when anyone else
 * is in `read_ids` / `delivered_ids`, else `sent`. Someone else's message: `read` / `delivered` when the current
 * user is in those lists (they already acknowledged it), else `sent` (no marker from them yet).
 */
export function messageStatusFor(
  message: Pick<Message, "senderId" | "readIds" | "deliveredIds">,
  currentUserId: number,
): MessageStatus {
  if (message.senderId === currentUserId) return statusFrom(message.senderId, message.readIds, message.deliveredIds);
  if (message.readIds.includes(currentUserId)) return "read";
  if (message.deliveredIds.includes(currentUserId)) return "delivered";
  return "sent";
}
