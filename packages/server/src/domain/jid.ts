import type { ServerContext } from "../context.js";

type JidContext = Pick<ServerContext, "appId" | "domain" | "mucDomain">;

/** `{userId}-{appId}@{domain}` */
export function userJid(ctx: JidContext, userId: number): string {
  return `${userId}-${ctx.appId}@${ctx.domain}`;
}

/** `{appId}_{dialogId}@muc.{domain}` */
export function roomJid(ctx: JidContext, dialogId: string): string {
  return `${ctx.appId}_${dialogId}@${ctx.mucDomain}`;
}

/** The parts of a JID: `local@domain/resource`. */
export interface Jid {
  local: string;
  domain: string;
  resource: string;
}

/** Splits a JID; returns null for text that is not one. */
export function parseJid(text: string | undefined | null): Jid | null {
  if (!text) return null;
  const slash = text.indexOf("/");
  const bare = slash >= 0 ? text.slice(0, slash) : text;
  const resource = slash >= 0 ? text.slice(slash + 1) : "";
  const at = bare.indexOf("@");
  const local = at >= 0 ? bare.slice(0, at) : "";
  const domain = at >= 0 ? bare.slice(at + 1) : bare;
  if (!domain) return null;
  return { local, domain: domain.toLowerCase(), resource };
}

/** The user id of a user JID of this app (`101-1@localhost`), or null. */
export function userIdOfJid(ctx: JidContext, jid: Jid | null): number | null {
  if (!jid || jid.domain !== ctx.domain) return null;
  const match = /^(\d+)-(\d+)$/.exec(jid.local);
  if (!match || Number(match[2]) !== ctx.appId) return null;
  return Number(match[1]);
}

/** The dialog id of a room JID of this app (`1_{dialogId}@muc.localhost`), or null. */
export function dialogIdOfRoom(ctx: JidContext, jid: Jid | null): string | null {
  if (!jid || jid.domain !== ctx.mucDomain) return null;
  const match = /^(\d+)_([0-9a-fA-F]{24})$/.exec(jid.local);
  if (!match || Number(match[1]) !== ctx.appId) return null;
  return match[2];
}

/** The user id in the SASL authcid `101-1` (or a bare `101`), or null. */
export function userIdOfAuthcid(ctx: JidContext, authcid: string): number | null {
  const match = /^(\d+)(?:-(\d+))?$/.exec(authcid);
  if (!match || (match[2] !== undefined && Number(match[2]) !== ctx.appId)) return null;
  return Number(match[1]);
}
