import {
  type ChatError,
  type DialogMessages,
  type Message,
  type MessageWindow,
  type Readable,
  type ReadableSource,
  readableOf,
  select,
} from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/** One dialog's loaded messages and how to page back through its history. */
export interface MessagesView {
  /** Messages, oldest first. */
  items: readonly Message[];
  /** True when older history exists beyond `items`. */
  hasOlder: boolean;
  /** Loads the next older page (no-op while loading or when there is none). */
  loadOlder: () => Promise<void>;
  /** True while an older page is loading. */
  loadingOlder: boolean;
  /** The last failure to load, if any. */
  error: ChatError | null;
  /** True when the window was replaced by the newest page after a gap. */
  detached: boolean;
}

const loadNothing = (): Promise<void> => Promise.resolve();
const NO_MESSAGES: ReadableSource<MessagesView> = readableOf<MessagesView>(
  Object.freeze({
    items: Object.freeze([]),
    hasOlder: false,
    loadOlder: loadNothing,
    loadingOlder: false,
    error: null,
    detached: false,
  }),
);

const views = new WeakMap<DialogMessages, Readable<MessagesView>>();

/** The view of one dialog's messages, the same Readable for the same dialog. */
function viewOf(messages: DialogMessages): Readable<MessagesView> {
  let view = views.get(messages);
  if (!view) {
    const toView = (window: MessageWindow): MessagesView => ({ ...window, loadOlder: messages.loadOlder });
    views.set(messages, (view = select(messages, toView)));
  }
  return view;
}

/**
 * One dialog's messages as a store (nothing when `dialogId` is empty; a getter follows runes). Subscribing starts
 * loading the newest page; subscribers hear only of this dialog's changes.
 */
export function useMessages(dialogId: MaybeGetter<string | null | undefined>): Readable<MessagesView> {
  const client = getChatClient();
  return follow(dialogId, (id) => (id ? viewOf(client.messages.forDialog(id)) : NO_MESSAGES));
}
