import type { ChatError } from "../errors/ChatError.js";
import type { Attachment } from "./attachment.js";
import type { CustomParams } from "./message.js";
import type { PendingUpload } from "./pendingUpload.js";

/** The kinds of work the outbox holds. */
export type OutboxKind = "send" | "edit" | "remove" | "react" | "read";

/** Where an outbox entry stands: waiting to go, on the wire now, or given up (until `retry()`). */
export type OutboxState = "queued" | "in-flight" | "failed";

/** Fields every outbox entry has. Times are milliseconds since the epoch. */
export interface OutboxEntryBase {
  /** The entry's own 24-hex id; for `send`, the same as `messageId` (so a resend is idempotent). */
  id: string;
  /** What to do. */
  kind: OutboxKind;
  /** Dialog concerned. */
  dialogId: string;
  /** The message concerned (the new message for `send`). */
  messageId: string;
  /** When the user asked for it; entries go out in this order per dialog. */
  createdAt: number;
  /** Where it stands. */
  state: OutboxState;
  /** Attempts made so far. */
  attempts: number;
  /** Earliest time of the next attempt (backoff), or null for "as soon as online". */
  nextAttemptAt: number | null;
  /** The last failure. Persist with `toJSON()`, restore with `ChatError.fromJSON()`. */
  lastError: ChatError | null;
}

/** Send a new message. */
export interface OutboxSend extends OutboxEntryBase {
  kind: "send";
  /** Text. */
  body: string | null;
  /** Attachments (already uploaded). */
  attachments: Attachment[];
  /** Files to upload before sending; each becomes an attachment (appended to `attachments`) once uploaded. */
  uploads?: PendingUpload[];
  /** No push notification for offline or inactive recipients (`silent=1`). */
  silent?: boolean;
  /** Custom parameters. */
  customParams: CustomParams;
  /** Recipient of a 1-1 message; null for a group dialog. */
  recipientId: number | null;
}

/** Edit one's own message (a correction stanza, then REST persist). */
export interface OutboxEdit extends OutboxEntryBase {
  kind: "edit";
  /** New text. */
  body: string;
  /** Whether it is the dialog's last message (`replace@last`). */
  last: boolean;
}

/** Delete a message. */
export interface OutboxRemove extends OutboxEntryBase {
  kind: "remove";
  /** Delete for everyone (`force=1`, own messages) rather than for the current user only. */
  forEveryone: boolean;
}

/** Add and/or remove a reaction. */
export interface OutboxReact extends OutboxEntryBase {
  kind: "react";
  /** Emoji to add. */
  add: string | null;
  /** Emoji to remove. */
  remove: string | null;
}

/**
 * Mark read what the user saw: the message named and the unread messages before it (a `<displayed>` marker to its
 * sender, and `PUT /chat/Message/{ids}` with those ids). Messages that arrived after it stay unread.
 */
export interface OutboxRead extends OutboxEntryBase {
  kind: "read";
  /** Who sent the message (the marker goes to them). */
  senderId: number;
  /** When that message was sent (ms), where history is looked up for the unread ones before it; null if unknown. */
  dateSent?: number | null;
}

/** One persisted unit of outgoing work (docs/decisions.md, "A durable outbox"). */
export type OutboxEntry = OutboxSend | OutboxEdit | OutboxRemove | OutboxReact | OutboxRead;

/** Orders outbox entries as they were made: by `createdAt`, then by id (ids grow within a process). */
export const compareOutbox = (a: OutboxEntry, b: OutboxEntry): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
