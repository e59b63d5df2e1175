import type { Element } from "@xmpp/xml";
import type { PresenceShow } from "../../model/contact.js";
import { isRoomJid, type JidContext, parseJid, userIdFromJid, userJid } from "./jid.js";
import type { SubscriptionType } from "./roster.js";
import { xml } from "./xml.js";

/** A presence from a user (not a room), read. */
export type UserPresence =
  | { kind: "subscription"; userId: number; type: SubscriptionType }
  | {
      kind: "availability";
      userId: number;
      /** The resource it is about; null for a bare-JID presence (about every resource). */
      resource: string | null;
      available: boolean;
      show: PresenceShow | null;
      status: string | null;
    };

const SUBSCRIPTIONS: readonly string[] = ["subscribe", "subscribed", "unsubscribe", "unsubscribed"];
const SHOWS: readonly string[] = ["chat", "away", "xa", "dnd"];

/**
 * Reads a presence from another user (docs/protocol.md §12): subscription requests and answers, and availability of
 * their resources. Null for room presences (see `parseMucPresence`), errors, probes and senders that are not users.
 */
export function parseUserPresence(presence: Element): UserPresence | null {
  if (presence.name !== "presence") return null;
  const from = String(presence.attrs.from ?? "");
  if (!from || isRoomJid(from)) return null;
  const userId = userIdFromJid(from);
  if (userId === null) return null;
  const type = String(presence.attrs.type ?? "available");
  if (SUBSCRIPTIONS.includes(type)) return { kind: "subscription", userId, type: type as SubscriptionType };
  if (type !== "available" && type !== "unavailable") return null;
  const show = presence.getChildText("show")?.trim() ?? "";
  return {
    kind: "availability",
    userId,
    resource: parseJid(from)?.resource ?? null,
    available: type === "available",
    show: SHOWS.includes(show) ? (show as PresenceShow) : null,
    status: presence.getChildText("status") ?? null,
  };
}

/** `<presence to="{user}" type="probe"/>`: asks the server for a contact's current availability. */
export function buildPresenceProbe(ctx: JidContext, userId: number): Element {
  return xml("presence", { to: userJid(ctx, userId), type: "probe" });
}
