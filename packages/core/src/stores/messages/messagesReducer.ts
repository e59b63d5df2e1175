import type { ChatError } from "../../errors/ChatError.js";
import type { Message, MessageStatus } from "../../model/message.js";
import { deepFreeze } from "./deepFreeze.js";
import { frozen, type MessageWindow, STATUS_RANK, updateMessage } from "./messageWindow.js";
import { followPageOrder, knownAhead, place } from "./placeMessage.js";
import { indexOfMessage, isConfirmed } from "./windowOrder.js";

export { applyReaction } from "./applyReaction.js";
export { EMPTY_WINDOW, type MessageWindow } from "./messageWindow.js";
export { indexOfMessage } from "./windowOrder.js";

/**
 * Messages, as a window of loaded history per dialog; each dialog's window lives in its own store, so a message in
 * dialog B touches nothing of dialog A's.
 *
 * The reducers are plain immutable functions (`window → window`): untouched messages keep their identity, new nodes
 * are frozen here (so the store's deep freeze stops at once), and nothing walks a whole window except to copy it.
 * Immer's drafts walked every message of a window on each update, which made ingest cost grow with the window
 * (see scripts/bench/ingest.ts).
 */

/** Merges what we know of a message with a new copy of it: statuses never go back, reads and deliveries add up. */
function merge(current: Message, next: Message): Message {
  const keepStatus = STATUS_RANK[current.status] > STATUS_RANK[next.status] && current.status !== "failed";
  const merged: Message = {
    ...next,
    status: keepStatus ? current.status : next.status,
    readIds: union(current.readIds, next.readIds),
    deliveredIds: union(current.deliveredIds, next.deliveredIds),
    editedAt: next.editedAt ?? current.editedAt,
    dateSent: next.dateSent || current.dateSent,
  };
  if (current.position !== undefined) merged.position = current.position; // where it sits stays until it moves
  const error = keepStatus ? current.error : next.error;
  if (error) merged.error = error;
  else delete merged.error;
  return merged;
}

function union(a: readonly number[], b: readonly number[]): number[] {
  if (b.every((id) => a.includes(id))) return a as number[];
  return [...a, ...b.filter((id) => !a.includes(id))];
}

/** Options of `receiveMessages`. */
export interface ReceiveOptions {
  /** Most messages the window keeps (the oldest are dropped). */
  cap?: number;
  /**
   * False when the message id is certainly not in the window, which spares the duplicate search (an index kept by
   * the store; it may answer true for ids no longer there, never false for one that is).
   */
  maybeKnown?: (id: string) => boolean;
  /**
   * How `messages` relate to the window (see windowOrder.ts): `newer` (the default) for live messages in arrival order
   * and pages of newer history in server order; `older` for a page of older history in server order, which goes
   * before what the window holds.
   */
  order?: "newer" | "older";
}

/**
 * Adds messages to a window in the server's order, without duplicates (a message already there is merged). `cap`
 * bounds a window that grows by live messages: the oldest are dropped (and `hasOlder` set), so ingest stays O(cap)
 * per message however long a dialog is open, and the newest are never the ones dropped.
 */
export function receiveMessages(
  window: MessageWindow,
  messages: readonly Message[],
  options: ReceiveOptions = {},
): MessageWindow {
  if (messages.length === 0) return window;
  const items = window.items.slice();
  const older = options.order === "older";
  let hasOlder = window.hasOlder;
  let anchor = -1; // where the previous message of the batch sits: the next one goes right after it (before, for older pages)
  const nth = (k: number) => messages[older ? messages.length - 1 - k : k];
  for (let k = 0; k < messages.length; k++) {
    const message = nth(k); // frozen when it takes its place
    const at = options.maybeKnown && !options.maybeKnown(message.id) ? -1 : indexOfMessage(items, message.id);
    if (at >= 0) {
      const current = items[at];
      const merged = merge(current, deepFreeze(message));
      const sameSecond = Math.floor(merged.dateSent / 1000) === Math.floor(current.dateSent / 1000);
      if (isConfirmed(merged) === isConfirmed(current) && sameSecond) {
        items[at] = deepFreeze(merged);
        anchor = at;
        continue;
      }
      // Ours, now confirmed by the server, or a copy that moves it to another second: it takes its place again.
      items.splice(at, 1);
      if (anchor > at) anchor--;
      anchor = place(items, deepFreeze(merged), anchor, older, isConfirmed(merged) && !isConfirmed(current));
      continue;
    }
    if (anchor < 0 && messages.length > 1) {
      // The first new message of a page: a message further on in the page that the window has says where it goes.
      const ahead = knownAhead(items, messages.length, nth, k + 1);
      if (ahead >= 0) {
        anchor = place(items, message, ahead, !older); // right before it in a newer page, right after in an older one
        continue;
      }
    }
    anchor = place(items, message, anchor, older);
  }
  if (messages.length > 1) followPageOrder(items, messages); // a page is the server's order: it wins over arrival
  if (options.cap && items.length > options.cap) {
    items.splice(0, items.length - options.cap);
    hasOlder = true;
  }
  return frozen({ ...window, items, hasOlder });
}

/** Puts an older page in front of a window (history paging) and records whether even older history exists. */
export function prependOlder(window: MessageWindow, page: readonly Message[], hasOlder: boolean): MessageWindow {
  return frozen({ ...receiveMessages(window, page, { order: "older" }), hasOlder, loadingOlder: false, error: null });
}

/** Replaces a window by the newest page after a gap too large to fill (docs/architecture.md, Data flow §3). */
export function detachWindow(window: MessageWindow, newest: readonly Message[], hasOlder: boolean): MessageWindow {
  const pending = window.items.filter((m) => m.status === "pending" || m.status === "failed");
  return receiveMessages(frozen({ items: [], hasOlder, loadingOlder: false, error: null, detached: true }), [
    ...newest,
    ...pending,
  ]);
}

/** Marks a window as loading older history, or records a load failure. */
export function setLoading(window: MessageWindow, loading: boolean, error: ChatError | null = null): MessageWindow {
  if (window.loadingOlder === loading && window.error === error) return window;
  return frozen({ ...window, loadingOlder: loading, error });
}

/** Moves one message's status forward (or to `failed`/`pending` for retries). */
export function setStatus(
  window: MessageWindow,
  messageId: string,
  status: MessageStatus,
  error?: ChatError,
): MessageWindow {
  return updateMessage(window, messageId, (message) => {
    const backwards = STATUS_RANK[status] < STATUS_RANK[message.status];
    if (backwards && status !== "failed" && status !== "pending") return null;
    if (backwards && message.status !== "pending" && message.status !== "failed") return null; // a sent message can't fail
    if (message.status === status && message.error === error) return null;
    const next: Message = { ...message, status };
    if (error) next.error = error;
    else delete next.error;
    return next;
  });
}

/** Replaces a message's text (a correction). */
export function editMessage(window: MessageWindow, messageId: string, body: string, editedAt: number): MessageWindow {
  return updateMessage(window, messageId, (message) => (message.body === body ? null : { ...message, body, editedAt }));
}

/** Removes messages from a window. */
export function removeMessages(window: MessageWindow, ids: readonly string[]): MessageWindow {
  const gone = new Set(ids);
  if (!window.items.some((m) => gone.has(m.id))) return window;
  return frozen({ ...window, items: window.items.filter((m) => !gone.has(m.id)) });
}
