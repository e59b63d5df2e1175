import type { ChatError } from "../errors/ChatError.js";
import type { Attachment } from "./attachment.js";

/**
 * Client-side life of a message: `pending` (in the outbox), `sent` (acknowledged by the server), `delivered` /
 * `read` (a peer's marker, or the server's `delivered_ids`/`read_ids`), `failed` (permanent error, see `error`).
 */
export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

/** Reactions on a message: the current user's own emoji and a count per emoji. */
export interface Reactions {
  /** Emoji the current user reacted with. */
  own: string[];
  /** emoji → number of users. */
  total: Record<string, number>;
}

/** Custom string parameters of a message (extraParams children / top-level REST keys). */
export type CustomParams = Record<string, string>;

/**
 * A chat message. **All times are milliseconds since the epoch**; the wire's `date_sent` (unix seconds) is
 * converted by the DTO mappers and stanza parsers, so `dateSent` of a message from the server is a whole second.
 */
export interface Message {
  /** 24-hex id; the client generates it for its own messages and the server keeps it. */
  id: string;
  /** Dialog the message belongs to. */
  dialogId: string;
  /** Author. */
  senderId: number;
  /** Recipient of a 1-1 message; null in group dialogs (the wire's 0). */
  recipientId: number | null;
  /** Text; null for an attachment-only message. */
  body: string | null;
  /** When it was sent (ms). */
  dateSent: number;
  /** Attached files. */
  attachments: Attachment[];
  /** Reactions (empty when none). */
  reactions: Reactions;
  /** Custom parameters. */
  customParams: CustomParams;
  /** Users who read it. */
  readIds: number[];
  /** Users it was delivered to. */
  deliveredIds: number[];
  /** When it was last edited (ms), or null. Set from corrections; REST does not report edits. */
  editedAt: number | null;
  /** Client-side status. */
  status: MessageStatus;
  /**
   * Where the message sits in its dialog's order, set when it enters a window: the server's order (`date_sent`,
   * then arrival at the server), which an id can't give within a second. Unset on messages not in a window.
   */
  position?: number;
  /** Why it failed, when `status` is `failed`. */
  error?: ChatError;
}
