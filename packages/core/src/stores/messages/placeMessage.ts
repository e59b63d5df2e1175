import type { Message } from "../../model/message.js";
import { deepFreeze } from "./deepFreeze.js";
import {
  beforeLaterOfItsTab,
  confirmedEnd,
  fits,
  indexOfMessage,
  isConfirmed,
  liveIndex,
  olderIndex,
  positionAt,
} from "./windowOrder.js";

// Where a message enters a window: the rules of windowOrder.ts applied to one insertion.

/** Where, in `items`, the first of `nth(from…count-1)` that the window holds as confirmed sits, or -1. */
export function knownAhead(
  items: readonly Message[],
  count: number,
  nth: (k: number) => Message,
  from: number,
): number {
  for (let k = from; k < count; k++) {
    const at = indexOfMessage(items, nth(k).id);
    if (at >= 0 && isConfirmed(items[at])) return at;
  }
  return -1;
}

/**
 * Inserts a new message at its place (see windowOrder.ts) with its position; returns its index. With an anchor it
 * goes right after it, or right before it when `older` (both only where that keeps the seconds in order).
 * `confirming`: it is ours, pending until now, so its tab's later messages of its second stay after it.
 */
export function place(items: Message[], message: Message, anchor: number, older: boolean, confirming = false): number {
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
  else if (older) index = olderIndex(items, message, end);
  else {
    index = liveIndex(items, message, end);
    if (confirming) index = beforeLaterOfItsTab(items, message, index); // ours, pending until now
  }
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

/**
 * Puts the confirmed messages of a page (in the server's order, oldest first) into that order where the window has
 * them otherwise — live arrival can differ from the server's order within a second (a message kept offline is
 * delivered after a live one that came later) — keeping every other message where it is. Seconds are never crossed:
 * time orders them already. Positions of the seconds touched are laid out again.
 */
export function followPageOrder(items: Message[], page: readonly Message[]): void {
  const bySecond = new Map<number, { slots: number[]; messages: Message[]; sorted: boolean }>();
  for (const message of page) {
    const at = indexOfMessage(items, message.id);
    if (at < 0 || !isConfirmed(items[at])) continue;
    const second = Math.floor(items[at].dateSent / 1000);
    let group = bySecond.get(second);
    if (!group) bySecond.set(second, (group = { slots: [], messages: [], sorted: true }));
    if (group.slots.length > 0 && at < group.slots[group.slots.length - 1]) group.sorted = false;
    group.slots.push(at);
    group.messages.push(items[at]);
  }
  for (const [second, group] of bySecond) {
    if (group.sorted) continue;
    const ascending = [...group.slots].sort((a, b) => a - b);
    ascending.forEach((slot, k) => (items[slot] = group.messages[k]));
    respace(items, second);
  }
}

/** Lays out the positions of one second's confirmed messages evenly, in the window's order. */
function respace(items: Message[], second: number): void {
  const run: number[] = [];
  for (let i = 0; i < items.length; i++)
    if (isConfirmed(items[i]) && Math.floor(items[i].dateSent / 1000) === second) run.push(i);
  run.forEach((index, k) => {
    const position = second * 1000 + ((k + 1) * 1000) / (run.length + 1);
    items[index] = positioned(items[index], position);
  });
}
