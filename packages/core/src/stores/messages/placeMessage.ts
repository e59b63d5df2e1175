import type { Message } from "../../model/message.js";
import { deepFreeze } from "./deepFreeze.js";
import { confirmedEnd, fits, indexOfMessage, isConfirmed, liveIndex, olderIndex, positionAt } from "./windowOrder.js";

// Where a message enters a window: the rules of windowOrder.ts applied to one insertion.

/** Where, in `items`, the first of `nth(from…count-1)` that the window holds as confirmed sits, or -1. */
export function knownAhead(items: readonly Message[], count: number, nth: (k: number) => Message, from: number): number {
  for (let k = from; k < count; k++) {
    const at = indexOfMessage(items, nth(k).id);
    if (at >= 0 && isConfirmed(items[at])) return at;
  }
  return -1;
}

/**
 * Inserts a new message at its place (see windowOrder.ts) with its position; returns its index. With an anchor it
 * goes right after it, or right before it when `older` (both only where that keeps the seconds in order).
 */
export function place(items: Message[], message: Message, anchor: number, older: boolean): number {
  if (!isConfirmed(message)) {
    // The unconfirmed tail, in creation order (its position), whatever order a page or a cache hands it in.
    let index = items.length;
    while (index > 0 && !isConfirmed(items[index - 1]) && (items[index - 1].position ?? 0) > message.dateSent) index--;
    items.splice(index, 0, positioned(message, message.dateSent));
    return index;
  }
  const end = confirmedEnd(items);
  let index: number;
  const next = older ? anchor : anchor + 1;
  if (anchor >= 0 && anchor < end && fits(items, next, message, end)) index = next;
  else index = older ? olderIndex(items, message, end) : liveIndex(items, message, end);
  items.splice(index, 0, positioned(message, positionAt(items, index, message)));
  return index;
}

/** The message with its position, frozen: set in place on a new message, a copy of one already frozen. */
function positioned(message: Message, position: number): Message {
  if (message.position === position) return deepFreeze(message);
  if (Object.isFrozen(message)) return Object.freeze({ ...message, position });
  message.position = position;
  return deepFreeze(message);
}
