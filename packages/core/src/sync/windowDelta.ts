import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import { isConfirmed } from "../stores/messages/windowOrder.js";

const second = (ms: number) => Math.floor(ms / 1000);

const isKnown = isConfirmed;

export { newestKnown } from "./newestKnown.js";

/** How many known messages of a window share the second of `at` (`date_sent` has one-second resolution). */
export function sameSecondCount(items: readonly Message[], at: number): number {
  let count = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const message = items[i];
    if (!isKnown(message)) continue;
    const s = second(message.dateSent);
    if (s < second(at)) break;
    if (s === second(at)) count++;
  }
  return count;
}

/**
 * Whether a window whose newest known message is at `watermark` may lack newer messages, judged from its dialog's
 * last message (which delta sync and live events keep current): newer than the watermark, or in the same second
 * and not in the window. False spares the request for every dialog that did not change.
 */
export function needsCatchUp(
  dialog: Dialog | undefined,
  watermark: number | null,
  has: (id: string) => boolean,
): boolean {
  const last = dialog?.lastMessage;
  if (!last || watermark === null) return false;
  if (last.dateSent > watermark) return true;
  return second(last.dateSent) === second(watermark) && last.id !== null && !has(last.id);
}

/**
 * What a full page of the newest messages says was deleted from a window: known messages in the range the page
 * covers that it does not list. A page shorter than `limit` is the whole history; a full one covers only the seconds
 * after its oldest message's second (that second may be cut by the limit).
 */
export function deletedSince(items: readonly Message[], newestPage: readonly Message[], limit: number): string[] {
  const listed = new Set(newestPage.map((m) => m.id));
  const complete = newestPage.length < limit;
  const oldest = newestPage.reduce((min, m) => Math.min(min, m.dateSent), Infinity);
  const from = complete ? -Infinity : (second(oldest) + 1) * 1000;
  return items.filter((m) => isKnown(m) && m.dateSent >= from && !listed.has(m.id)).map((m) => m.id);
}
