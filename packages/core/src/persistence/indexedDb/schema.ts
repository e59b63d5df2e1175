import type { DBSchema } from "idb";
import type { ChatErrorJson } from "../../errors/ChatError.js";
import type { Dialog } from "../../model/dialog.js";
import type { Message } from "../../model/message.js";
import type { OutboxEntry } from "../../model/outboxEntry.js";
import type { User } from "../../model/user.js";
import type { StoredValue } from "../Persistence.js";

/** A message as IndexedDB keeps it: its ChatError, if any, in plain form (structured clone keeps no class). */
export type MessageRecord = Omit<Message, "error"> & { error?: ChatErrorJson };

/** An outbox entry as IndexedDB keeps it (the last error in plain form). */
export type OutboxRecord = OutboxEntry extends infer E
  ? E extends OutboxEntry
    ? Omit<E, "lastError"> & { lastError: ChatErrorJson | null }
    : never
  : never;

/** A cached window, without its messages (they live in `messages`, indexed by dialog and `dateSent`). */
export interface WindowRecord {
  dialogId: string;
  hasOlder: boolean;
  viewedAt: number;
  detached: boolean;
  /** Messages of the dialog in `messages`. */
  count: number;
}

/** The current schema of a user's database (version `DB_VERSION`; `migrations.ts` builds it step by step). */
export interface ChatcubeDbSchema extends DBSchema {
  dialogs: { key: string; value: Dialog };
  messages: { key: string; value: MessageRecord; indexes: { byDialogDate: [string, number] } };
  windows: { key: string; value: WindowRecord };
  outbox: { key: string; value: OutboxRecord };
  cursors: { key: string; value: { key: string; value: number } };
  users: { key: number; value: User };
  privacy: { key: string; value: { name: string; value: StoredValue } };
}

/** Every object store of the current schema (a write batch spans them all). */
export const STORE_NAMES = ["dialogs", "messages", "windows", "outbox", "cursors", "users", "privacy"] as const;
