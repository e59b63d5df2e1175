import type { Message } from "../model/message.js";
import { isConfirmed } from "../stores/messages/windowOrder.js";

/**
 * The `dateSent` of a window's newest message the server knows, or null: the watermark of a catch-up. On its own (not
 * in windowDelta.ts) because the hydrator needs it in the first chunk and the rest of the delta comes with the sync.
 */
export function newestKnown(items: readonly Message[]): number | null {
  for (let i = items.length - 1; i >= 0; i--) if (isConfirmed(items[i])) return items[i].dateSent;
  return null;
}
