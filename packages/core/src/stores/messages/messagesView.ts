import type { Message } from "../../model/message.js";
import type { Readable } from "../../reactive/readable.js";
import { readableOf } from "../../reactive/readableOf.js";
import { select } from "../../reactive/select.js";
import type { MessageWindow } from "./messagesReducer.js";

/** One dialog's messages, readable, with paging (`client.messages.forDialog(id)`). */
export interface DialogMessages extends Readable<MessageWindow> {
  /** Loads the next older page of history (no-op while loading or when there is none). */
  loadOlder(): Promise<void>;
}

/** One dialog's loaded messages and how to page back through its history, as one value (what the bindings show). */
export interface MessagesView extends MessageWindow {
  /** Loads the next older page (no-op while loading or when there is none). */
  readonly loadOlder: () => Promise<void>;
}

const NOTHING: MessageWindow = Object.freeze({
  items: Object.freeze([]) as readonly Message[],
  hasOlder: false,
  loadingOlder: false,
  error: null,
  detached: false,
});
const loadNothing = (): Promise<void> => Promise.resolve();

/** The messages of no dialog (`forDialog(null)`): empty, with nothing older. */
export const NO_MESSAGES: DialogMessages = { ...readableOf(NOTHING), loadOlder: loadNothing };

const views = new WeakMap<DialogMessages, Readable<MessagesView>>();

/** The view of one dialog's messages: the same Readable for the same `DialogMessages`, a new value per window. */
export function viewOf(messages: DialogMessages): Readable<MessagesView> {
  let view = views.get(messages);
  if (!view) {
    const toView = (window: MessageWindow): MessagesView => ({ ...window, loadOlder: messages.loadOlder });
    views.set(messages, (view = select(messages, toView)));
  }
  return view;
}
