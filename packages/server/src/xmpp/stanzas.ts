import { Element } from "ltx";
import type { ServerContext } from "../context.js";
import { roomJid, userJid } from "../domain/jid.js";
import { type DialogRecord, DialogType, type MessageRecord } from "../model/types.js";

/** Namespaces used on the wire. */
export const NS = {
  client: "jabber:client",
  framing: "urn:ietf:params:xml:ns:xmpp-framing",
  streams: "http://etherx.jabber.org/streams",
  streamErrors: "urn:ietf:params:xml:ns:xmpp-streams",
  stanzas: "urn:ietf:params:xml:ns:xmpp-stanzas",
  sasl: "urn:ietf:params:xml:ns:xmpp-sasl",
  bind: "urn:ietf:params:xml:ns:xmpp-bind",
  session: "urn:ietf:params:xml:ns:xmpp-session",
  sm: "urn:xmpp:sm:3",
  carbons: "urn:xmpp:carbons:2",
  forward: "urn:xmpp:forward:0",
  delay: "urn:xmpp:delay",
  ping: "urn:xmpp:ping",
  markers: "urn:xmpp:chat-markers:0",
  chatStates: "http://jabber.org/protocol/chatstates",
  correct: "urn:xmpp:message-correct:0",
  remove: "urn:xmpp:message-delete:0",
  muc: "http://jabber.org/protocol/muc",
  mucUser: "http://jabber.org/protocol/muc#user",
  discoItems: "http://jabber.org/protocol/disco#items",
  discoInfo: "http://jabber.org/protocol/disco#info",
  privacy: "jabber:iq:privacy",
  roster: "jabber:iq:roster",
  last: "jabber:iq:last",
  mobile: "http://tigase.org/protocol/mobile#v2",
  statusStreaming: "https://connectycube.com/protocol/status_streaming",
} as const;

/** An element with children; `attrs` values that are undefined or null are left out. */
export function el(
  name: string,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Array<Element | string | null | undefined | false>
): Element {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs))
    if (value !== undefined && value !== null) clean[key] = String(value);
  const element = new Element(name, clean);
  for (const child of children)
    if (child !== null && child !== undefined && child !== false)
      element.cnode(typeof child === "string" ? child : child);
  return element;
}

/** `<extraParams xmlns="jabber:client">` with a text child per key and an `<attachment>` per attachment. */
function extraParams(
  values: Record<string, string | number | null | undefined>,
  attachments: MessageRecord["attachments"] = [],
): Element {
  const params = el("extraParams", { xmlns: NS.client });
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || !/^[A-Za-z_][\w.-]*$/.test(key)) continue;
    params.c(key).t(String(value));
  }
  for (const attachment of attachments) params.cnode(el("attachment", attachment));
  return params;
}

/**
 * A stored message as its recipients receive it: `type="chat"` from the sender's JID for a private dialog,
 * `type="groupchat"` from `{room}/{senderId}` otherwise, with `dialog_id` and `date_sent` added (docs/protocol.md §8).
 */
export function messageStanza(
  ctx: ServerContext,
  message: MessageRecord,
  dialog: DialogRecord,
  options: { fromResource?: string } = {},
): Element {
  const isPrivate = dialog.type === DialogType.PRIVATE;
  const from = isPrivate
    ? userJid(ctx, message.sender_id) + (options.fromResource ? `/${options.fromResource}` : "")
    : `${roomJid(ctx, dialog._id)}/${message.sender_id}`;
  const stanza = el("message", { xmlns: NS.client, type: isPrivate ? "chat" : "groupchat", from, id: message._id });
  if (message.message !== null) stanza.c("body").t(message.message);
  stanza.cnode(
    extraParams(
      { ...message.custom, save_to_history: 1, dialog_id: dialog._id, date_sent: message.date_sent },
      message.attachments,
    ),
  );
  return stanza;
}

/** The push that tells occupants a message was deleted for everyone (docs/protocol.md §9 remove). */
export function removeStanza(
  ctx: ServerContext,
  message: MessageRecord,
  dialog: DialogRecord,
  byUserId: number,
): Element {
  const isPrivate = dialog.type === DialogType.PRIVATE;
  return el(
    "message",
    {
      xmlns: NS.client,
      type: isPrivate ? "chat" : "groupchat",
      from: isPrivate ? userJid(ctx, byUserId) : `${roomJid(ctx, dialog._id)}/${byUserId}`,
      id: objectIdLike(),
    },
    el("remove", { xmlns: NS.remove, id: message._id }),
    extraParams({ dialog_id: dialog._id }),
  );
}

/** The push that tells occupants a reaction changed (docs/protocol.md §9 reactions). */
export function reactionStanza(
  ctx: ServerContext,
  message: MessageRecord,
  dialog: DialogRecord,
  userId: number,
  change: { added: string | null; removed: string[] },
): Element {
  const isPrivate = dialog.type === DialogType.PRIVATE;
  const reactions = el("reactions", { user_id: userId, message_id: message._id });
  if (change.added) reactions.cnode(el("reaction", { add: "true", type: change.added }));
  for (const emoji of change.removed) reactions.cnode(el("reaction", { remove: "true", type: emoji }));
  return el(
    "message",
    {
      xmlns: NS.client,
      type: isPrivate ? "chat" : "groupchat",
      from: isPrivate ? userJid(ctx, userId) : `${roomJid(ctx, dialog._id)}/${userId}`,
      id: objectIdLike(),
    },
    extraParams({ dialog_id: dialog._id }),
    reactions,
  );
}

/** A system message (`type="headline"`, moduleIdentifier SystemNotifications) from a user or the server. */
export function systemStanza(
  ctx: ServerContext,
  fromUserId: number | null,
  id: string,
  body: string | null,
  extension: Record<string, string>,
): Element {
  const stanza = el("message", {
    xmlns: NS.client,
    type: "headline",
    id,
    from: fromUserId ? userJid(ctx, fromUserId) : ctx.domain,
  });
  if (body !== null) stanza.c("body").t(body);
  stanza.cnode(extraParams({ ...extension, moduleIdentifier: "SystemNotifications" }));
  return stanza;
}

let seq = 0;
/** A fresh 24-hex id for server-made stanzas. */
function objectIdLike(): string {
  seq = (seq + 1) % 0xffffff;
  return (
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, "0") +
    "ffffffffff" +
    seq.toString(16).padStart(6, "0")
  );
}

/** A deep copy of an element, attributes included (routing sets `to`/`from` on copies, never on the original). */
export function cloneElement(element: Element): Element {
  const copy = new Element(element.name, { ...element.attrs });
  for (const child of element.children) copy.cnode(typeof child === "string" ? child : cloneElement(child));
  return copy;
}
