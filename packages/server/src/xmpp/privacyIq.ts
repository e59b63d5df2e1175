import type { Element } from "ltx";
import type { PrivacyItem } from "../model/types.js";
import { iqError } from "./errors.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { el, NS } from "./stanzas.js";

const KINDS = ["message", "presence-in", "presence-out", "iq"] as const;

/** Reads the items of a `<list>`; returns an error text for an invalid one. */
function readPrivacyItems(list: Element): PrivacyItem[] | string {
  const items: PrivacyItem[] = [];
  const orders = new Set<number>();
  for (const item of list.getChildren("item")) {
    const action = item.attrs.action;
    if (action !== "allow" && action !== "deny") return "each item needs action allow or deny";
    const order = Number(item.attrs.order);
    if (!Number.isInteger(order) || order < 0 || orders.has(order))
      return "each item needs a unique non-negative order";
    orders.add(order);
    const type = item.attrs.type ?? null;
    if (type !== null && type !== "jid" && type !== "group" && type !== "subscription")
      return `unknown item type ${type}`;
    if (type !== null && !item.attrs.value) return "an item with a type needs a value";
    const kinds = KINDS.filter((kind) => item.getChild(kind));
    items.push({ type, value: item.attrs.value ?? null, action, order, kinds });
  }
  return items;
}

/** `<list name>` with its items, as XEP-0016 results show them. */
function listElement(name: string, items: PrivacyItem[]): Element {
  const list = el("list", { name });
  for (const item of [...items].sort((a, b) => a.order - b.order)) {
    const child = el("item", {
      type: item.type ?? undefined,
      value: item.value ?? undefined,
      action: item.action,
      order: item.order,
    });
    for (const kind of item.kinds) child.cnode(el(kind));
    list.cnode(child);
  }
  return list;
}

/** Privacy lists (XEP-0016): names, get, create/replace, delete, active and default. */
export function createPrivacyIq({ ctx, registry }: XmppServices) {
  const result = (stanza: Element, ...children: Element[]) =>
    el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id }, ...children);

  return async function privacyIq(session: XmppSession, stanza: Element, query: Element): Promise<void> {
    const record = ctx.db.privacyOf(session.userId);
    const children = query.getChildElements();
    if (stanza.attrs.type === "get") {
      if (children.length === 0) {
        const names = el("query", { xmlns: NS.privacy });
        if (session.activePrivacyList) names.cnode(el("active", { name: session.activePrivacyList }));
        if (record.defaultName) names.cnode(el("default", { name: record.defaultName }));
        for (const name of Object.keys(record.lists)) names.cnode(el("list", { name }));
        return session.send(result(stanza, names));
      }
      if (children.length !== 1 || children[0].name !== "list")
        return session.send(iqError(stanza, "bad-request", "modify"));
      const name = children[0].attrs.name ?? "";
      const items = record.lists[name];
      if (!items) return session.send(iqError(stanza, "item-not-found", "cancel", `no list named ${name}`));
      return session.send(result(stanza, el("query", { xmlns: NS.privacy }, listElement(name, items))));
    }
    if (children.length !== 1) return session.send(iqError(stanza, "bad-request", "modify", "one element per request"));
    const child = children[0];
    const name = child.attrs.name;
    if (child.name === "active") {
      if (name !== undefined && !record.lists[name]) return session.send(iqError(stanza, "item-not-found", "cancel"));
      session.activePrivacyList = name ?? null;
    } else if (child.name === "default") {
      if (name !== undefined && !record.lists[name]) return session.send(iqError(stanza, "item-not-found", "cancel"));
      record.defaultName = name ?? null;
    } else if (child.name === "list") {
      if (!name) return session.send(iqError(stanza, "bad-request", "modify", "a list needs a name"));
      const items = readPrivacyItems(child);
      if (typeof items === "string") return session.send(iqError(stanza, "bad-request", "modify", items));
      if (items.length === 0) {
        if (!record.lists[name]) return session.send(iqError(stanza, "item-not-found", "cancel"));
        const inUse =
          record.defaultName === name ||
          registry.sessionsOf(session.userId).some((s) => s !== session && s.activePrivacyList === name);
        if (inUse) return session.send(iqError(stanza, "conflict", "cancel", "the list is in use; decline it first"));
        delete record.lists[name];
        if (session.activePrivacyList === name) session.activePrivacyList = null;
      } else {
        record.lists[name] = items;
      }
      // Tell every session of the user that the list changed (XEP-0016 §2.6).
      for (const other of registry.sessionsOf(session.userId)) {
        if (other === session) continue;
        other.send(
          el(
            "iq",
            { xmlns: NS.client, type: "set", id: `privacy-${Date.now().toString(36)}` },
            el("query", { xmlns: NS.privacy }, el("list", { name })),
          ),
        );
      }
    } else {
      return session.send(iqError(stanza, "bad-request", "modify"));
    }
    ctx.db.changed("privacy", session.userId);
    await ctx.persistence.durable();
    session.send(result(stanza));
  };
}
