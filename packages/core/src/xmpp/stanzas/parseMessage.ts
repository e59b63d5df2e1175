import type { Element } from "@xmpp/xml";
import { chatErrorFromStanza } from "../../errors/chatErrorFromStanza.js";
import { isObjectId, normalizeId, userIdFromText } from "../../model/ids.js";
import { nullRecord } from "../../model/nullRecord.js";
import { CHAT_STATES, type ChatState } from "./chatState.js";
import { readExtraParams } from "./extraParams.js";
import { dialogIdFromRoomJid, isOfDomain, isRoomJid, parseJid, userIdFromJid } from "./jid.js";
import { NS } from "./namespaces.js";
import type { MessageEnvelope, ParsedMessage } from "./parsedMessage.js";

/** What `parseMessage` may check against. */
export interface ParseContext {
  /** The current user: carbons must come from their bare JID (or from no one, i.e. their server). */
  selfUserId?: number;
  /** The chat domain: users and the server must be of it, rooms of a subdomain of it. Unchecked when missing. */
  domain?: string;
}

/**
 * Reads an incoming `<message>` into a `ParsedMessage` (docs/protocol.md §8–9). Carbons (`<sent|received
 * xmlns="urn:xmpp:carbons:2"><forwarded><message>`) are unwrapped with `isCarbon`. Order of recognition: error,
 * system (headline), MUC invite (unknown), reactions, removal, correction, marker, content (body/attachments), chat state. Never throws:
 * broken input gives `{kind: "malformed", reason}`: a sender of another domain, a dialog or message id that is no
 * 24-hex id, a user id that is no positive integer.
 */
export function parseMessage(stanza: Element, context: ParseContext = {}): ParsedMessage {
  try {
    return parse(stanza, context);
  } catch (error) {
    return {
      kind: "malformed",
      id: idOf(stanza),
      reason: `unreadable stanza: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function parse(outer: Element, context: ParseContext): ParsedMessage {
  if (outer.name !== "message")
    return { kind: "malformed", id: idOf(outer), reason: `<${outer.name}> is not a message` };
  if (outer.attrs.type === "error") {
    const from = outer.attrs.from ? String(outer.attrs.from) : null;
    return {
      kind: "error",
      id: idOf(outer),
      from,
      error: chatErrorFromStanza(outer, { oneToOne: from === null || !isRoomJid(from) }),
    };
  }

  let message = outer;
  let carbon: "sent" | "received" | null = null;
  let forwardedDelay: number | null = null;
  const wrapper = outer.getChild("sent", NS.carbons) ?? outer.getChild("received", NS.carbons);
  if (wrapper) {
    carbon = wrapper.name === "sent" ? "sent" : "received";
    const forwarded = wrapper.getChild("forwarded", NS.forward);
    const inner = forwarded?.getChild("message");
    if (!forwarded || !inner) return malformed(outer, "carbon without <forwarded><message>");
    const outerFrom = outer.attrs.from ? String(outer.attrs.from) : null;
    if (outerFrom !== null && context.domain !== undefined && !isOfDomain(outerFrom, context.domain)) {
      return malformed(outer, `carbon from another domain ${outerFrom}`);
    }
    if (outerFrom !== null && context.selfUserId !== undefined) {
      const parts = parseJid(outerFrom);
      if (userIdFromJid(outerFrom) !== context.selfUserId || parts?.resource)
        return malformed(outer, `carbon from a foreign JID ${outerFrom}`);
    }
    forwardedDelay = delayOf(forwarded);
    message = inner;
  }

  const id = idOf(message);
  const from = String(message.attrs.from ?? "");
  const type = String(message.attrs.type ?? "normal");
  const extra = readExtraParams(message);
  const delayedAt = delayOf(message) ?? forwardedDelay;
  if (extra.dialogId !== null && !isObjectId(extra.dialogId)) return malformed(message, "dialog_id is not a 24-hex id");
  if (context.domain !== undefined && from !== "" && !isOfDomain(from, context.domain, type === "groupchat")) {
    return malformed(message, `from another domain: "${from}"`);
  }

  if (type === "headline") {
    const senderId = userIdFromJid(from);
    if (!extra.moduleIdentifier) return { kind: "unknown", id, reason: "headline without moduleIdentifier" };
    return {
      kind: "system",
      id,
      senderId,
      moduleIdentifier: extra.moduleIdentifier,
      body: bodyOf(message),
      params: systemParams(message),
      delayedAt,
    };
  }

  if (message.getChild("x", NS.mucUser)?.getChild("invite")) return { kind: "unknown", id, reason: "MUC invite" };

  const chatType = type === "groupchat" ? "groupchat" : "chat";
  let senderId: number | null;
  let dialogId = extra.dialogId === null ? null : normalizeId(extra.dialogId);
  if (chatType === "groupchat") {
    const roomDialogId = dialogIdFromRoomJid(from);
    if (roomDialogId === null) return malformed(message, `groupchat from a non-room JID "${from}"`);
    const nick = parseJid(from)?.resource ?? null;
    if (nick === null) return { kind: "unknown", id, reason: "message from the room itself" };
    senderId = userIdFromText(nick);
    if (senderId === null) return malformed(message, `room nick "${nick}" is not a user id`);
    dialogId = dialogId ?? normalizeId(roomDialogId);
  } else {
    senderId = userIdFromJid(from);
  }

  const reactions = message.getChild("reactions");
  if (reactions) {
    const messageId = reactions.attrs.message_id ? normalizeId(String(reactions.attrs.message_id)) : "";
    const userId = userIdFromText(String(reactions.attrs.user_id ?? "")) ?? senderId;
    if (!isObjectId(messageId)) return malformed(message, "reactions without a 24-hex message_id");
    if (userId === null) return malformed(message, "reactions without user_id");
    const added: string[] = [];
    const removed: string[] = [];
    for (const reaction of reactions.getChildren("reaction")) {
      const emoji = reaction.attrs.type ? String(reaction.attrs.type) : "";
      if (!emoji) continue;
      if (reaction.attrs.add === "true") added.push(emoji);
      if (reaction.attrs.remove === "true") removed.push(emoji);
    }
    return {
      kind: "reaction",
      ...envelope(id, chatType, dialogId, userId, carbon, delayedAt),
      messageId,
      userId,
      added,
      removed,
    };
  }

  if (senderId === null) return malformed(message, `cannot tell the sender from "${from}"`);
  const base = envelope(id, chatType, dialogId, senderId, carbon, delayedAt);

  const remove = message.getChild("remove", NS.remove);
  if (remove) {
    if (!isObjectId(remove.attrs.id)) return malformed(message, "remove without a 24-hex id");
    return { kind: "removal", ...base, messageId: normalizeId(String(remove.attrs.id)) };
  }

  const replace = message.getChild("replace", NS.correct);
  if (replace) {
    const body = bodyOf(message);
    if (!isObjectId(replace.attrs.id)) return malformed(message, "replace without a 24-hex id");
    if (body === null) return malformed(message, "replace without body");
    return {
      kind: "correction",
      ...base,
      messageId: normalizeId(String(replace.attrs.id)),
      body,
      last: replace.attrs.last === "true",
    };
  }

  const marker = message.getChild("received", NS.markers) ?? message.getChild("displayed", NS.markers);
  if (marker) {
    if (!isObjectId(marker.attrs.id)) return malformed(message, `${marker.name} marker without a 24-hex id`);
    return {
      kind: "marker",
      ...base,
      marker: marker.name === "received" ? "received" : "displayed",
      messageId: normalizeId(String(marker.attrs.id)),
    };
  }

  const body = bodyOf(message);
  if (body !== null || extra.attachments.length > 0) {
    if (!isObjectId(id)) return malformed(message, "a message without a 24-hex id");
    const to = String(message.attrs.to ?? "");
    return {
      kind: "chat-message",
      ...base,
      recipientId: chatType === "chat" ? userIdFromJid(to) : null,
      body,
      attachments: extra.attachments,
      customParams: extra.customParams,
      saveToHistory: extra.saveToHistory,
      silent: extra.silent,
      dateSent: extra.dateSent,
    };
  }

  const state = message
    .getChildElements()
    .find((child) => CHAT_STATES.includes(child.name as ChatState) && child.getNS() === NS.chatStates);
  if (state) return { kind: "chat-state", ...base, state: state.name as ChatState };

  return { kind: "unknown", id, reason: "no known payload" };
}

function envelope(
  id: string | null,
  chatType: "chat" | "groupchat",
  dialogId: string | null,
  senderId: number,
  carbon: "sent" | "received" | null,
  delayedAt: number | null,
): MessageEnvelope {
  return { id, chatType, dialogId, senderId, isCarbon: carbon !== null, carbon, delayedAt };
}

function malformed(stanza: Element, reason: string): ParsedMessage {
  return { kind: "malformed", id: idOf(stanza), reason };
}

function idOf(stanza: Element): string | null {
  return stanza.attrs?.id ? normalizeId(String(stanza.attrs.id)) : null;
}

function bodyOf(message: Element): string | null {
  const body = message.getChild("body");
  return body ? body.getText() : null;
}

function delayOf(element: Element): number | null {
  const stamp = element.getChild("delay", NS.delay)?.attrs.stamp;
  const ms = typeof stamp === "string" ? Date.parse(stamp) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** System message parameters: every scalar extraParams child except `moduleIdentifier`. */
function systemParams(message: Element): Record<string, string> {
  const params = nullRecord<string>();
  for (const child of message.getChild("extraParams")?.getChildElements() ?? []) {
    if (child.name !== "moduleIdentifier" && child.getChildElements().length === 0)
      params[child.name] = child.getText();
  }
  return params;
}
