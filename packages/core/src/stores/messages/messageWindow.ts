import type { ChatError } from "../../errors/ChatError.js";
import type { Message, MessageStatus } from "../../model/message.js";
import { deepFreeze } from "./deepFreeze.js";
import { place } from "./placeMessage.js";
import { indexOfMessage, isConfirmed } from "./windowOrder.js";

// One dialog's window and what every window reducer shares (docs/architecture.md, core by folder): the reducers are in
// messagesReducer.ts, applyMarker.ts and applyReaction.ts.

/** The loaded messages of one dialog: a window of its history, oldest first. */
export interface MessageWindow {
  /** Messages in the server's order, oldest first (see windowOrder.ts); the user's unconfirmed ones last. */
  readonly items: readonly Message[];
  /** True when older history exists beyond `items` (load it with `loadOlder()`). */
  readonly hasOlder: boolean;
  /** True while an older page is loading. */
  readonly loadingOlder: boolean;
  /** The last failure to load, if any. */
  readonly error: ChatError | null;
  /** True when the window was replaced by the newest page after a gap (older history loads on demand). */
  readonly detached: boolean;
}

/** An empty window (nothing loaded yet; older history may exist). */
export const EMPTY_WINDOW: MessageWindow = Object.freeze({
  items: [] as readonly Message[],
  hasOlder: true,
  loadingOlder: false,
  error: null,
  detached: false,
});

/** How far a message's status has come; it only moves forward (or to `failed`/`pending` for retries). */
export const STATUS_RANK: Record<MessageStatus, number> = { failed: -1, pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * A window frozen shallowly. Its messages are frozen when they enter; its `items` array is left unfrozen (read-only
 * by type) because V8 copies a frozen array about 20× slower, and every update copies it.
 */
export function frozen(window: MessageWindow): MessageWindow {
  return Object.freeze(window);
}

/** Replaces one message of a window by `update(message)`; unchanged when the message is not there. */
export function updateMessage(
  window: MessageWindow,
  messageId: string,
  update: (message: Message) => Message | null,
): MessageWindow {
  const at = indexOfMessage(window.items, messageId);
  if (at < 0) return window;
  const replaced = update(window.items[at]);
  if (!replaced || replaced === window.items[at]) return window;
  const items = window.items.slice();
  if (isConfirmed(replaced) !== isConfirmed(window.items[at])) {
    items.splice(at, 1); // confirmed (an ack, or a marker proving it reached the server): it takes its place
    place(items, deepFreeze(replaced), -1, false, isConfirmed(replaced));
  } else items[at] = deepFreeze(replaced);
  return frozen({ ...window, items });
}
