import type { Element } from "@xmpp/xml";
import type { PrivacyRule } from "../../model/privacyRule.js";
import { buildIq, type IqOptions } from "./iq.js";
import { type JidContext, mucDomainOf, userIdFromJid, userJid } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** The list name the SDK's React hook uses for blocking (docs/protocol.md §11). */
export const DEFAULT_PRIVACY_LIST = "DEFAULT";

/** One user's rule in a list core writes. */
export interface PrivacyEntry {
  userId: number;
  action: "deny" | "allow";
  /** Block both ways (default true): the item has no children. False = one-way: the blocker can still write. */
  mutual?: boolean;
}

/** One `<item>` as read back. */
export interface PrivacyItem {
  type: string | null;
  value: string | null;
  action: "deny" | "allow";
  order: number;
  /** Stanza kinds the item covers; empty = everything. */
  kinds: string[];
}

/** Names known to the server. */
export interface PrivacyNames {
  active: string | null;
  default: string | null;
  names: string[];
}

const ONE_WAY_KINDS = ["message", "presence-in", "presence-out", "iq"];

/** `<iq type="get"><query xmlns="jabber:iq:privacy"/></iq>`: the list names. */
export function buildPrivacyNamesRequest(options: IqOptions = {}): Element {
  return buildIq("get", xml("query", { xmlns: NS.privacy }), options);
}

/** `<iq type="get"><query xmlns="jabber:iq:privacy"><list name/></query></iq>`. */
export function buildPrivacyListRequest(name: string, options: IqOptions = {}): Element {
  return buildIq("get", xml("query", { xmlns: NS.privacy }, xml("list", { name })), options);
}

/**
 * Creates or replaces a list (docs/protocol.md §11): per user two items, the user JID (order 2i+1) and
 * `muc.{chat}/{uid}` (order 2i+2); a one-way rule carries `<message/><presence-in/><presence-out/><iq/>`. No entries
 * deletes the list.
 */
export function buildPrivacyListSet(
  ctx: JidContext,
  name: string,
  entries: readonly PrivacyEntry[],
  options: IqOptions = {},
): Element {
  const items = entries.flatMap((entry, index) => {
    const kinds = entry.mutual === false ? ONE_WAY_KINDS.map((kind) => xml(kind)) : [];
    const item = (value: string, order: number) =>
      xml("item", { type: "jid", value, action: entry.action, order: String(order) }, ...kinds);
    return [
      item(userJid(ctx, entry.userId), 2 * index + 1),
      item(`${mucDomainOf(ctx)}/${entry.userId}`, 2 * index + 2),
    ];
  });
  return buildIq("set", xml("query", { xmlns: NS.privacy }, xml("list", { name }, ...items)), options);
}

/** `<query><default name/></query>` to make a list the default; `null` declines the default (`<default/>`). */
export function buildPrivacyDefault(name: string | null, options: IqOptions = {}): Element {
  return buildIq("set", xml("query", { xmlns: NS.privacy }, xml("default", name === null ? {} : { name })), options);
}

/** `<query><active name/></query>` to activate a list for this session; `null` deactivates (`<active/>`). */
export function buildPrivacyActive(name: string | null, options: IqOptions = {}): Element {
  return buildIq("set", xml("query", { xmlns: NS.privacy }, xml("active", name === null ? {} : { name })), options);
}

/** Reads the names result: `<active name>`, `<default name>` and each `<list name>`. */
export function parsePrivacyNames(iq: Element): PrivacyNames {
  const query = iq.getChild("query", NS.privacy);
  const nameOf = (child: Element | undefined) => (child?.attrs.name ? String(child.attrs.name) : null);
  return {
    active: nameOf(query?.getChild("active")),
    default: nameOf(query?.getChild("default")),
    names: (query?.getChildren("list") ?? [])
      .map((list) => String(list.attrs.name ?? ""))
      .filter((name) => name !== ""),
  };
}

/** Reads a list result into its items, in `order`. Null when the iq holds no list. */
export function parsePrivacyList(iq: Element): { name: string; items: PrivacyItem[] } | null {
  const list = iq.getChild("query", NS.privacy)?.getChild("list");
  if (!list) return null;
  const items = list
    .getChildren("item")
    .map(
      (item): PrivacyItem => ({
        type: item.attrs.type ? String(item.attrs.type) : null,
        value: item.attrs.value ? String(item.attrs.value) : null,
        action: item.attrs.action === "allow" ? "allow" : "deny",
        order: Number.parseInt(String(item.attrs.order ?? "0"), 10) || 0,
        kinds: item.getChildElements().map((child) => child.name),
      }),
    )
    .sort((a, b) => a.order - b.order);
  return { name: String(list.attrs.name ?? ""), items };
}

/** The users a list denies (user-JID items only; the `muc.` twins are skipped), with whether it is mutual. */
export function blockedUsersOf(items: readonly PrivacyItem[]): Array<{ userId: number; mutual: boolean }> {
  const blocked: Array<{ userId: number; mutual: boolean }> = [];
  for (const item of items) {
    if (item.action !== "deny" || item.type !== "jid" || !item.value) continue;
    const userId = userIdFromJid(item.value);
    if (userId !== null && !blocked.some((entry) => entry.userId === userId))
      blocked.push({ userId, mutual: item.kinds.length === 0 });
  }
  return blocked;
}

/** The user rules of a list read from the server (user-JID items; the `muc.` twins and other items are skipped). */
export function rulesFromItems(items: readonly PrivacyItem[]): PrivacyRule[] {
  const rules: PrivacyRule[] = [];
  for (const item of [...items].sort((a, b) => a.order - b.order)) {
    const userId = item.type === "jid" && item.value ? userIdFromJid(item.value) : null;
    if (userId === null || rules.some((rule) => rule.userId === userId)) continue;
    rules.push({ userId, action: item.action, mutual: item.kinds.length === 0 });
  }
  return rules;
}
