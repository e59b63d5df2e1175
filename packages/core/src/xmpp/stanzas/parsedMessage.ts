import type { ChatError } from "../../errors/ChatError.js";
import type { Attachment } from "../../model/attachment.js";
import type { CustomParams } from "../../model/message.js";
import type { ChatState } from "./chatState.js";
import type { MarkerKind } from "./marker.js";

/** What every recognised incoming message carries. Times are milliseconds since the epoch. */
export interface MessageEnvelope {
  /** The stanza `id` (for a chat message, the message id), or null. */
  id: string | null;
  /** `chat` (1-1) or `groupchat` (room). */
  chatType: "chat" | "groupchat";
  /** From `extraParams/dialog_id`, else the room JID; null for a 1-1 stanza without `dialog_id`. */
  dialogId: string | null;
  /** The author: the JID local part `{userId}-{appId}` (chat) or the room resource (groupchat). */
  senderId: number;
  /** Unwrapped from a carbon copy (`<sent>`: written by the current user on another device; `<received>`: to them). */
  isCarbon: boolean;
  /** Which carbon, when `isCarbon`. */
  carbon: "sent" | "received" | null;
  /** `<delay stamp>` (offline or history delivery), or null. */
  delayedAt: number | null;
}

/** A chat message with content (body and/or attachments). */
export interface ParsedChatMessage extends MessageEnvelope {
  kind: "chat-message";
  /** The peer's user id for a 1-1 message (the `to` local part), null in a room. */
  recipientId: number | null;
  body: string | null;
  attachments: Attachment[];
  customParams: CustomParams;
  saveToHistory: boolean;
  silent: boolean;
  /** `extraParams/date_sent`, or null (use `delayedAt`, then the local clock). */
  dateSent: number | null;
}

/** A delivery (`received`) or read (`displayed`) marker from `senderId` about `messageId`. */
export interface ParsedMarker extends MessageEnvelope {
  kind: "marker";
  marker: MarkerKind;
  messageId: string;
}

/** Typing news from `senderId`. */
export interface ParsedChatState extends MessageEnvelope {
  kind: "chat-state";
  state: ChatState;
}

/** An edit of `messageId` by `senderId`. */
export interface ParsedCorrection extends MessageEnvelope {
  kind: "correction";
  messageId: string;
  body: string;
  /** Whether the edited message is the dialog's last one. */
  last: boolean;
}

/** `messageId` was deleted by `senderId`. */
export interface ParsedRemoval extends MessageEnvelope {
  kind: "removal";
  messageId: string;
}

/** A reaction change pushed by the server: `userId` (also `senderId`) added/removed emoji on `messageId`. */
export interface ParsedReaction extends MessageEnvelope {
  kind: "reaction";
  messageId: string;
  userId: number;
  added: string[];
  removed: string[];
}

/** A system message (`type="headline"`); route on `moduleIdentifier` (`SystemNotifications`, `WebRTCVideoChat`…). */
export interface ParsedSystemMessage {
  kind: "system";
  id: string | null;
  /** The sending user, or null when the server sent it. */
  senderId: number | null;
  moduleIdentifier: string;
  body: string | null;
  /** extraParams values other than moduleIdentifier, as strings. */
  params: CustomParams;
  delayedAt: number | null;
}

/** A bounced stanza: `id` is the id of the message that failed. */
interface ParsedMessageError {
  kind: "error";
  id: string | null;
  /** The peer or room that bounced it. */
  from: string | null;
  error: ChatError;
}

/** A well-formed message core has no use for (a MUC invite, a room subject…). */
interface ParsedUnknown {
  kind: "unknown";
  id: string | null;
  reason: string;
}

/** A message that breaks the protocol (no sender, marker without id, forged carbon…). */
interface ParsedMalformed {
  kind: "malformed";
  id: string | null;
  reason: string;
}

/** Every outcome of `parseMessage`. */
export type ParsedMessage =
  | ParsedChatMessage
  | ParsedMarker
  | ParsedChatState
  | ParsedCorrection
  | ParsedRemoval
  | ParsedReaction
  | ParsedSystemMessage
  | ParsedMessageError
  | ParsedUnknown
  | ParsedMalformed;
