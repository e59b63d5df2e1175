import { userIdFromText } from "../../model/ids.js";

/** What JIDs are built from: the app id and the chat domain (docs/protocol.md §7). */
export interface JidContext {
  /** ConnectyCube application id. */
  appId: number | string;
  /** Chat domain (`endpoints.chat`), e.g. `localhost`; also the WebSocket host. */
  domain: string;
  /** MUC domain; default `muc.{domain}`. */
  mucDomain?: string;
}

/** A JID split into parts (no validation beyond the split). */
export interface JidParts {
  local: string | null;
  domain: string;
  resource: string | null;
}

/** How a chat message is addressed: a user JID with `chat`, or a room JID with `groupchat`. */
export interface MessageAddress {
  to: string;
  type: "chat" | "groupchat";
}

/** The MUC domain of a context. */
export function mucDomainOf(ctx: JidContext): string {
  return ctx.mucDomain ?? `muc.${ctx.domain}`;
}

/** `{userId}-{appId}@{domain}`. */
export function userJid(ctx: JidContext, userId: number): string {
  return `${userId}-${ctx.appId}@${ctx.domain}`;
}

/** `{appId}_{dialogId}@muc.{domain}`. */
export function roomJid(ctx: JidContext, dialogId: string): string {
  return `${ctx.appId}_${dialogId}@${mucDomainOf(ctx)}`;
}

/** `{room}/{userId}`: a user's in-room JID (the nick is the user id). */
export function roomOccupantJid(ctx: JidContext, dialogId: string, userId: number): string {
  return `${roomJid(ctx, dialogId)}/${userId}`;
}

/** The address of a dialog's messages: the peer's JID for a private dialog (`recipientId` given), else the room. */
export function addressFor(ctx: JidContext, target: { dialogId: string; recipientId?: number | null }): MessageAddress {
  if (target.recipientId !== undefined && target.recipientId !== null)
    return { to: userJid(ctx, target.recipientId), type: "chat" };
  return { to: roomJid(ctx, target.dialogId), type: "groupchat" };
}

/** Splits `local@domain/resource`; null for an empty string. */
export function parseJid(jid: string): JidParts | null {
  if (!jid) return null;
  const slash = jid.indexOf("/");
  const bare = slash >= 0 ? jid.slice(0, slash) : jid;
  const resource = slash >= 0 ? jid.slice(slash + 1) : null;
  const at = bare.indexOf("@");
  const local = at >= 0 ? bare.slice(0, at) : null;
  const domain = at >= 0 ? bare.slice(at + 1) : bare;
  if (!domain) return null;
  return { local, domain, resource };
}

/** The user id (a positive safe integer) of a user JID (`{userId}-{appId}@…`), or null. */
export function userIdFromJid(jid: string): number | null {
  const local = parseJid(jid)?.local;
  const match = local ? /^(\d+)-[^-]+$/.exec(local) : null;
  return match ? userIdFromText(match[1]) : null;
}

/**
 * True when a JID is of the chat domain: the domain itself for users and the server, a subdomain of it (such as
 * `muc.{domain}`) for rooms when `rooms` is set. Domains compare without case.
 */
export function isOfDomain(jid: string, domain: string, rooms = false): boolean {
  const host = parseJid(jid)?.domain.toLowerCase();
  const own = domain.toLowerCase();
  if (!host) return false;
  return rooms ? host.endsWith(`.${own}`) : host === own;
}

/** The dialog id of a room JID (`{appId}_{dialogId}@muc…[/nick]`), or null. */
export function dialogIdFromRoomJid(jid: string): string | null {
  const local = parseJid(jid)?.local;
  const match = local ? /^[^_]+_([0-9a-fA-F]{24})$/.exec(local) : null;
  return match ? match[1] : null;
}

/** True for a room or room-occupant JID (`muc.` domain, or `{appId}_{24-hex}` local part). */
export function isRoomJid(jid: string): boolean {
  const parts = parseJid(jid);
  if (!parts) return false;
  return parts.domain.startsWith("muc.") || dialogIdFromRoomJid(jid) !== null;
}

/** The bare JID (`local@domain`) of any JID. */
export function bareJid(jid: string): string {
  const slash = jid.indexOf("/");
  return slash >= 0 ? jid.slice(0, slash) : jid;
}
