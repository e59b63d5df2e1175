import type { Element } from "@xmpp/xml";
import type { RosterItem } from "../../model/contact.js";
import { buildIq, type IqOptions } from "./iq.js";
import { type JidContext, userIdFromJid, userJid } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** Presence types that manage subscriptions. */
export type SubscriptionType = "subscribe" | "subscribed" | "unsubscribe" | "unsubscribed";

const SUBSCRIPTIONS = ["none", "to", "from", "both", "remove"];

/** `<iq type="get"><query xmlns="jabber:iq:roster"/></iq>` (docs/protocol.md §12). */
export function buildRosterRequest(options: IqOptions = {}): Element {
  return buildIq("get", xml("query", { xmlns: NS.roster }), options);
}

/** Adds or renames a contact: `<iq type="set"><query xmlns="jabber:iq:roster"><item jid name/></query></iq>`. */
export function buildRosterSet(
  ctx: JidContext,
  item: { userId: number; name?: string | null },
  options: IqOptions = {},
): Element {
  return buildIq(
    "set",
    xml("query", { xmlns: NS.roster }, xml("item", { jid: userJid(ctx, item.userId), name: item.name ?? undefined })),
    options,
  );
}

/** Removes a contact: `<item jid subscription="remove"/>`. */
export function buildRosterRemove(ctx: JidContext, userId: number, options: IqOptions = {}): Element {
  return buildIq(
    "set",
    xml("query", { xmlns: NS.roster }, xml("item", { jid: userJid(ctx, userId), subscription: "remove" })),
    options,
  );
}

/** `<presence to="{user}" type="subscribe|subscribed|unsubscribe|unsubscribed"/>`. */
export function buildSubscriptionPresence(ctx: JidContext, userId: number, type: SubscriptionType): Element {
  return xml("presence", { to: userJid(ctx, userId), type });
}

/** Reads a roster result or push; items whose JID is not a user JID are skipped. */
export function parseRoster(iq: Element): RosterItem[] {
  const query = iq.getChild("query", NS.roster);
  const items: RosterItem[] = [];
  for (const item of query?.getChildren("item") ?? []) {
    const userId = userIdFromJid(String(item.attrs.jid ?? ""));
    if (userId === null) continue;
    const subscription = String(item.attrs.subscription ?? "none");
    items.push({
      userId,
      name: item.attrs.name ? String(item.attrs.name) : null,
      subscription: (SUBSCRIPTIONS.includes(subscription) ? subscription : "none") as RosterItem["subscription"],
      ask: item.attrs.ask === "subscribe",
    });
  }
  return items;
}
