import type { Message } from "../../model/message.js";

/**
 * The order of a message window: the order the server gives, which is `date_sent` (one-second resolution) with ties
 * in arrival order at the server — never the id, whose low bits are random. Whoever places a message keeps that order:
 *
 * - a live message goes after every server-confirmed message of its second or earlier (it arrived after them);
 * - a page of history is server order already: each message goes right after (or, for older pages, right before)
 *   its neighbour in the page;
 * - the current user's pending and failed messages stay at the end, in creation order, after everything the server
 *   has confirmed; once confirmed, a message takes its place among the others — before any later message of the
 *   same tab in its second (one tab's outbox sends in creation order, which its ids keep), which may have been
 *   confirmed first by another path (a history page after a crashed tab's work was sent again).
 *
 * `position` records the place for the cache: within a second it is a number between its neighbours', so sorting by
 * it (unconfirmed messages last) restores the window exactly. See docs/decisions.md "Same-second order".
 */

const SECOND = 1000;
const second = (ms: number) => Math.floor(ms / SECOND);

/** True for a message the server has confirmed (not one of ours still pending or failed). */
export const isConfirmed = (message: Pick<Message, "status">): boolean =>
  message.status !== "pending" && message.status !== "failed";

/** How placed messages sort: confirmed first by position, then unconfirmed by position (creation). */
function compareByPosition(a: Message, b: Message): number {
  const ca = isConfirmed(a);
  if (ca !== isConfirmed(b)) return ca ? -1 : 1;
  return positionOf(a) - positionOf(b);
}

/** A message's position, or where it would sit alone in its second. */
function positionOf(message: Pick<Message, "dateSent" | "position">): number {
  return message.position ?? second(message.dateSent) * SECOND + SECOND / 2;
}

/** The index after the last confirmed message (unconfirmed ones sit from here to the end). */
export function confirmedEnd(items: readonly Message[]): number {
  let end = items.length;
  while (end > 0 && !isConfirmed(items[end - 1])) end--;
  return end;
}

/** Where a live confirmed message goes: after every confirmed message of its second or earlier. */
export function liveIndex(items: readonly Message[], message: Message, end = confirmedEnd(items)): number {
  const s = second(message.dateSent);
  let index = end;
  while (index > 0 && second(items[index - 1].dateSent) > s) index--;
  return index;
}

/** The process part of a client-made id (`model/ids.ts`): the same for every id one page load makes. */
const tabOf = (message: Pick<Message, "id">): string | null =>
  /^[0-9a-f]{24}$/.test(message.id) ? message.id.slice(8, 18) : null;

/**
 * Where a message confirmed by live rule goes once `liveIndex` found `index`: before the earliest confirmed message
 * of its second that the same tab of the same sender made after it (ids of one tab grow), else at `index`.
 */
export function beforeLaterOfItsTab(items: readonly Message[], message: Message, index: number): number {
  const tab = tabOf(message);
  if (tab === null) return index;
  const s = second(message.dateSent);
  let at = index;
  for (let i = index - 1; i >= 0 && isConfirmed(items[i]) && second(items[i].dateSent) === s; i--) {
    const other = items[i];
    if (other.senderId === message.senderId && tabOf(other) === tab && other.id > message.id) at = i;
  }
  return at;
}

/** Where the oldest message of an older page goes when the window lacks its neighbours: before its second. */
export function olderIndex(items: readonly Message[], message: Message, end = confirmedEnd(items)): number {
  const s = second(message.dateSent);
  let index = 0;
  while (index < end && second(items[index].dateSent) < s) index++;
  return index;
}

/** True when inserting the message at `index` keeps the confirmed run in `date_sent` seconds order. */
export function fits(items: readonly Message[], index: number, message: Message, end = confirmedEnd(items)): boolean {
  const s = second(message.dateSent);
  return (
    (index === 0 || second(items[index - 1].dateSent) <= s) && (index >= end || second(items[index].dateSent) >= s)
  );
}

/** A position strictly between the confirmed neighbours of `index` (where the message is being inserted), in its second. */
export function positionAt(items: readonly Message[], index: number, message: Message): number {
  const base = second(message.dateSent) * SECOND;
  const before = index > 0 ? items[index - 1] : undefined;
  const after = index < items.length && isConfirmed(items[index]) ? items[index] : undefined;
  const low = before && second(before.dateSent) === second(message.dateSent) ? positionOf(before) : null;
  const high = after && second(after.dateSent) === second(message.dateSent) ? positionOf(after) : null;
  if (low === null && high === null) return base + SECOND / 2;
  if (high === null) return Math.min((low as number) + 1, ((low as number) + base + SECOND) / 2);
  if (low === null) return Math.max(high - 1, (base + high) / 2);
  return (low + high) / 2;
}

/**
 * Whether `message` comes after `last` in the window's order: by second, and within a second by where the window has
 * them. A `last` the window lacks (a server's last message not received yet) comes after what was received, as the
 * server delivers a stream's messages in order.
 */
export function comesAfter(
  items: readonly Message[],
  last: { id: string | null; dateSent: number },
  message: { id: string; dateSent: number },
): boolean {
  if (message.id === last.id) return false;
  if (second(message.dateSent) !== second(last.dateSent)) return second(message.dateSent) > second(last.dateSent);
  const lastAt = last.id === null ? -1 : indexOfMessage(items, last.id);
  if (lastAt < 0) return false;
  return indexOfMessage(items, message.id) > lastAt;
}

/** Index of a message in a window, searching from the newest (markers and edits mostly concern recent messages). */
export function indexOfMessage(items: readonly Pick<Message, "id">[], id: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].id === id) return i;
  return -1;
}

/** Sorts messages restored from a cache into window order. */
export function sortForWindow(messages: Message[]): Message[] {
  return messages.sort(compareByPosition);
}
