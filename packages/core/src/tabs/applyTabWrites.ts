import type { Dialog } from "../model/dialog.js";
import type { Message } from "../model/message.js";
import type { OutboxEntry } from "../model/outboxEntry.js";
import { messageFromRecord, outboxFromRecord } from "../persistence/indexedDb/storedRecords.js";
import type { StoredWindow } from "../persistence/Persistence.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { type DialogsState, removeDialog, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { MessageWindow } from "../stores/messages/messagesReducer.js";
import { confirmedEnd } from "../stores/messages/windowOrder.js";
import type { TabWrite } from "./createBroadcastingSession.js";

/** What a follower's stores take from the leader's writes. */
export interface FollowerStores {
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: {
    readonly entries: { get(): readonly OutboxEntry[] };
    /** Shows the leader's copy of an entry (`null`: it left the outbox) without writing anything. */
    mirror(id: string, entry: OutboxEntry | null): void;
  };
  /** A window's changes name a message this tab does not hold: it reads the window from the database instead. */
  missing?: (dialogId: string) => void;
  /**
   * True for a message this tab got from the leader's live relay after the stream message `seen` (the leader's
   * snapshot of a committed window was taken then, so the window cannot hold it yet). Without it none is kept.
   */
  cameLiveAfter?: (messageId: string, seen: number) => boolean;
  /** Most messages a window keeps (the live messages' cap). Default 500. */
  windowCap?: number;
}

const unconfirmed = (m: Message) => m.status === "pending" || m.status === "failed";

/**
 * The leader's window as a follower shows it. The leader's copy is the truth for the history it covers; the
 * follower keeps the older history it loaded itself (strictly older than the leader's oldest message), and its own
 * messages still waiting in the outbox that the leader has not taken up yet.
 */
export function mergeLeaderWindow(
  current: MessageWindow,
  stored: StoredWindow,
  waiting: (messageId: string) => boolean,
  newer?: (message: Message) => boolean,
): MessageWindow {
  const ids = new Set(stored.items.map((m) => m.id));
  const oldest = stored.items.find((m) => !unconfirmed(m))?.dateSent ?? Number.POSITIVE_INFINITY;
  const older = current.items.filter((m) => !ids.has(m.id) && !unconfirmed(m) && m.dateSent < oldest);
  // Messages the leader got after its snapshot, already here through the live relay: they stay, after its history.
  const later = newer ? current.items.filter((m) => !ids.has(m.id) && !unconfirmed(m) && newer(m)) : [];
  const own = current.items.filter((m) => !ids.has(m.id) && unconfirmed(m) && waiting(m.id));
  let items = stored.items;
  if (later.length) {
    const end = confirmedEnd(stored.items);
    items = [...stored.items.slice(0, end), ...later, ...stored.items.slice(end)];
  }
  if (older.length || own.length) items = [...older, ...items, ...own];
  return Object.freeze({
    ...current,
    items,
    hasOlder: older.length ? current.hasOlder : stored.hasOlder,
    detached: older.length ? current.detached : Boolean(stored.detached),
  });
}

/** The leader's copy wins even over a local one that looks newer (a follower's own optimistic change). */
export const withoutNewer = (state: DialogsState, copies: readonly Dialog[]): DialogsState =>
  copies.reduce((s, d) => ((s.byId.get(d.id)?.updatedAt ?? 0) > d.updatedAt ? removeDialog(s, d.id) : s), state);

/** Applies the leader's committed writes to a follower's stores (docs/architecture.md, Tabs). */
export function applyTabWrites(writes: readonly TabWrite[], stores: FollowerStores): void {
  const { dialogs, messages, outbox } = stores;
  const cap = stores.windowCap ?? 500;
  const waiting = (messageId: string) =>
    outbox.entries.get().some((e) => e.kind === "send" && e.messageId === messageId);
  const newerThan = (seen: number | undefined) => {
    const cameLiveAfter = stores.cameLiveAfter;
    return seen === undefined || !cameLiveAfter ? undefined : (m: Message) => cameLiveAfter(m.id, seen);
  };
  for (const write of writes) {
    switch (write.type) {
      case "dialogs":
        dialogs.apply((s) => upsertDialogs(withoutNewer(s, write.dialogs), write.dialogs));
        break;
      case "deleteDialogs":
        dialogs.apply((s) => write.ids.reduce(removeDialog, s));
        for (const id of write.ids) messages.drop(id);
        break;
      case "window": {
        const stored: StoredWindow = { ...write.window, items: write.window.items.map(messageFromRecord) };
        const newer = newerThan(write.window.liveSeen);
        messages.apply(stored.dialogId, (w) => mergeLeaderWindow(w, stored, waiting, newer));
        break;
      }
      case "windowChanges": {
        const { dialogId } = write.window;
        const current = messages.window(dialogId).get().items;
        const known = new Map(current.map((m) => [m.id, m]));
        for (const record of write.window.items) known.set(record.id, messageFromRecord(record));
        // The oldest may be gone here already: this tab's window got newer messages first (the live relay) and was
        // trimmed to its cap, or a merge kept fewer. The window it holds is then the newer part of the leader's (with
        // older history to page). Past them, a message this tab lacks means its window is not what the leader thinks.
        const found = write.ids.findIndex((id) => known.has(id));
        const from = current.length > 0 ? Math.max(found, 0) : 0;
        const items = write.ids.slice(from).map((id) => known.get(id));
        if (items.some((m) => m === undefined)) {
          messages.receive(write.window.items.map(messageFromRecord), { cap }); // what changed, until the read
          stores.missing?.(dialogId);
          break;
        }
        const stored: StoredWindow = {
          ...write.window,
          items: items as Message[],
          hasOlder: from > 0 || write.window.hasOlder,
        };
        const newer = newerThan(write.window.liveSeen);
        messages.apply(dialogId, (w) => mergeLeaderWindow(w, stored, waiting, newer));
        break;
      }
      case "deleteWindow":
        messages.drop(write.dialogId);
        break;
      case "outbox":
        outbox.mirror(write.entry.id, outboxFromRecord(write.entry));
        break;
      case "deleteOutbox":
        outbox.mirror(write.id, null);
        break;
    }
  }
}
