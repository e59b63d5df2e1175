import type { Dialog, LastMessage } from "../model/dialog.js";
import type { DialogsState } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { indexOfMessage } from "../stores/messages/messagesReducer.js";
import { comesAfter, isConfirmed } from "../stores/messages/windowOrder.js";

/**
 * Counts each unread message once, whichever path brought it: a live message, one delivered from offline storage
 * (`<delay>`), one replayed after a resumed stream, or one already inside a server count (a dialog's
 * `unread_messages_count`, `GET /chat/Message/unread`). See docs/decisions.md "Unread counts".
 *
 * A server count covers every message stored before it was computed. The ledger remembers, per dialog, the messages
 * it counted since its last server count, and when a new count arrives it adds only those the server could not have
 * included: received after the request was sent, and after the snapshot's last message in the server's order.
 */
export interface UnreadLedger {
  /** Taken right before a request whose answer carries unread counts. */
  ticket(): UnreadTicket;
  /** Whether someone else's new message adds one to its dialog's count (false: counted already, or in the count). */
  count(dialog: Dialog, message: { id: string; dateSent: number }): boolean;
  /** Server dialogs fetched with `ticket`: their counts plus what the server could not include; live last messages kept. */
  adjust(fetched: readonly Dialog[], ticket: UnreadTicket, state: DialogsState): Dialog[];
  /**
   * Counts from the unread endpoint, fetched with `ticket`, for the dialogs the list has (a missing one is 0). Dialogs
   * that got a counted message during the request are left out: their count is newer than the answer.
   */
  adjustCounts(
    counts: Readonly<Record<string, number>>,
    ticket: UnreadTicket,
    state: DialogsState,
    only?: readonly string[],
  ): Map<string, number>;
  /** The user read the dialog (here or elsewhere): what was counted is gone. */
  read(dialogId: string): void;
  /** Forgets everything (logout). */
  reset(): void;
}

/** When a request for counts was sent: messages received up to then are certainly inside its answer. */
export interface UnreadTicket {
  readonly received: number;
}

interface Counted {
  id: string;
  dateSent: number;
  /** Receive order (the ledger's own counter). */
  received: number;
}

/** Most counted messages remembered per dialog (the oldest are forgotten first). */
const MAX_COUNTED = 256;

/** Dependencies of `createUnreadLedger`, by name. */
export interface UnreadLedgerOptions {
  /** Windows tell the server's order within a second (where the snapshot's last message sits). */
  messages: Pick<MessagesStore, "window">;
  /** True while the dialog has read work in the outbox: the server does not know that read yet. */
  readPending: (dialogId: string) => boolean;
}

/** Creates the ledger. */
export function createUnreadLedger(options: UnreadLedgerOptions): UnreadLedger {
  // Per dialog, by message id, in receive order. Bounded: an entry far older than the newest ones can only matter to
  // a server count older than all of them, and a replay of it is at or before the list's last message anyway.
  const counted = new Map<string, Map<string, Counted>>();
  const entriesOf = (dialogId: string): Counted[] => [...(counted.get(dialogId)?.values() ?? [])];
  const keep = (dialogId: string, entries: readonly Counted[]) => {
    if (entries.length === 0) counted.delete(dialogId);
    else counted.set(dialogId, new Map(entries.map((entry) => [entry.id, entry])));
  };
  let received = 0;

  /** Whether `entry` is inside a count that runs up to `last` (never an unconfirmed message of ours). */
  const atOrBefore = (dialogId: string, last: LastMessage, entry: { id: string; dateSent: number }): boolean => {
    const items = options.messages.window(dialogId).get().items;
    if (comesAfter(items, last, entry)) return false;
    const lastAt = last.id === null ? -1 : indexOfMessage(items, last.id);
    return lastAt < 0 || isConfirmed(items[lastAt]); // our own unsent message bounds no count
  };

  /** Whether the server's count with `last` as the newest message (fetched with `ticket`) includes `entry`. */
  const covers = (dialogId: string, last: LastMessage | null, ticket: UnreadTicket, entry: Counted): boolean => {
    if (entry.received <= ticket.received) return true; // received before the request: stored before it
    return last !== null && atOrBefore(dialogId, last, entry);
  };

  const newerLocally = (current: Dialog, server: Dialog, extra: readonly Counted[]): boolean => {
    const mine = current.lastMessage;
    const theirs = server.lastMessage;
    if (!mine || mine.id === theirs?.id) return false;
    if (!theirs) return true;
    if (mine.dateSent !== theirs.dateSent) return mine.dateSent > theirs.dateSent;
    return extra.some((e) => e.id === mine.id);
  };

  return {
    ticket: () => ({ received }),
    count(dialog, message) {
      let entries = counted.get(dialog.id);
      if (entries?.has(message.id)) return false; // a replay or a second path: counted already
      // At or before the list's last message: inside its count already (a server count, or counted when it came).
      if (dialog.lastMessage && atOrBefore(dialog.id, dialog.lastMessage, message)) return false;
      received += 1;
      if (!entries) counted.set(dialog.id, (entries = new Map()));
      entries.set(message.id, { id: message.id, dateSent: message.dateSent, received });
      if (entries.size > MAX_COUNTED) entries.delete(entries.keys().next().value as string);
      return true;
    },
    adjust(fetched, ticket, state) {
      return fetched.map((dialog) => {
        const current = state.byId.get(dialog.id);
        const extra = entriesOf(dialog.id).filter((entry) => !covers(dialog.id, dialog.lastMessage, ticket, entry));
        keep(dialog.id, extra);
        let next = dialog;
        if (current && options.readPending(dialog.id)) next = { ...next, unreadCount: current.unreadCount };
        else if (extra.length) next = { ...next, unreadCount: dialog.unreadCount + extra.length };
        if (current && newerLocally(current, dialog, extra)) {
          next = { ...next, lastMessage: current.lastMessage, lastMessageStatus: current.lastMessageStatus };
        }
        return next;
      });
    },
    adjustCounts(counts, ticket, state, only) {
      const result = new Map<string, number>();
      for (const id of only ?? state.order) {
        if (!state.byId.get(id)) continue;
        if (options.readPending(id)) continue;
        if (entriesOf(id).some((entry) => entry.received > ticket.received)) continue;
        counted.delete(id);
        result.set(id, counts[id] ?? 0);
      }
      return result;
    },
    read(dialogId) {
      counted.delete(dialogId);
    },
    reset() {
      counted.clear();
      received = 0;
    },
  };
}
