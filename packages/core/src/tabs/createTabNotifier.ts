import { type Observable, Subject } from "rxjs";
import type { Message } from "../model/message.js";
import type { MessageRecord } from "../persistence/indexedDb/schema.js";
import { messageFromRecord, messageToRecord } from "../persistence/indexedDb/storedRecords.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { VISIBLE_REPORT } from "./createSharedVisibility.js";
import type { TabShare } from "./createTabShare.js";

/** Dependencies of `createTabNotifier`, by name. */
export interface TabNotifierOptions {
  share: TabShare;
  messages: Pick<MessagesStore, "window">;
  /** Whether this tab's page is visible (true without a page). */
  isVisible(): boolean;
  /** How many message ids are remembered against repeats. Default 500. */
  remember?: number;
}

/** `client.notifications$` and the ingest's side of it. */
export interface TabNotifier {
  /** Someone else's new message, once per message across the user's tabs: in a visible tab if any, else the leader. */
  notifications$: Observable<Message>;
  /** The ingest got someone else's message (in the tab holding the connection). */
  incoming(message: { id: string; dialogId: string }): void;
  dispose(): void;
}

/** The message `id` among `items`, looked for from the end: a live message is (nearly always) the newest. */
function newest(items: readonly Message[], id: string): Message | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].id === id) return items[i];
  return undefined;
}

/**
 * Picks one tab per incoming message for the app's notification (docs/architecture.md, Tabs). Only the tab that holds
 * the connection ingests messages, so it decides: itself when its page is visible, else the first visible tab (by
 * id), else itself. A message seen again (a resend, a reconnect's replay) notifies nobody.
 */
export function createTabNotifier(options: TabNotifierOptions): TabNotifier {
  const { share, messages } = options;
  const remember = options.remember ?? 500;
  const subject = new Subject<Message>();
  const seen = new Set<string>();
  const once = (id: string) => {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > remember) seen.delete(seen.values().next().value as string);
    return true;
  };
  const stopTold = share.onTold("notify", (payload) => {
    const message = messageFromRecord(payload as MessageRecord);
    if (once(message.id)) subject.next(message);
  });
  return {
    notifications$: subject.asObservable(),
    incoming({ id, dialogId }) {
      if (!once(id)) return;
      const message = newest(messages.window(dialogId).get().items, id);
      if (!message) return;
      const visible = [...share.reports(VISIBLE_REPORT)].filter(([, v]) => v === true).map(([tabId]) => tabId);
      const target = options.isVisible() || visible.length === 0 ? null : visible.sort()[0];
      if (target === null) subject.next(message);
      else share.tell("notify", target, messageToRecord(message));
    },
    dispose() {
      stopTold();
      subject.complete();
    },
  };
}
