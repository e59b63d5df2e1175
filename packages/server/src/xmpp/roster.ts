import type { Element } from "ltx";
import { parseJid, userIdOfJid, userJid } from "../domain/jid.js";
import type { RosterItem } from "../model/types.js";
import { iqError, presenceError } from "./errors.js";
import type { PresenceHooks } from "./presenceRouter.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { cloneElement, el, NS } from "./stanzas.js";

/** At most this many contacts per user (the JS guide's limit). */
const MAX_CONTACTS = 300;

/** The contact list (RFC 6121 roster and presence subscriptions) and presence broadcast to contacts. */
export function createRoster({ ctx, registry, privacy }: XmppServices) {
  const itemOf = (ownerId: number, contactId: number, create: boolean): RosterItem | undefined => {
    const roster = ctx.db.rosterOf(ownerId);
    let item = roster.get(contactId);
    if (!item && create)
      roster.set(contactId, (item = { userId: contactId, name: null, subscription: "none", ask: false }));
    return item;
  };

  const itemElement = (ctxItem: RosterItem, remove = false) =>
    el("item", {
      jid: userJid(ctx, ctxItem.userId),
      name: ctxItem.name ?? undefined,
      subscription: remove ? "remove" : ctxItem.subscription,
      ask: !remove && ctxItem.ask ? "subscribe" : undefined,
    });

  /** Tells every session of the owner that a roster item changed (roster push). */
  function push(ownerId: number, item: RosterItem, remove = false): void {
    const query = el("query", { xmlns: NS.roster }, itemElement(item, remove));
    registry.deliverToUser(
      ownerId,
      el("iq", { xmlns: NS.client, type: "set", id: `push-${Date.now().toString(36)}` }, query),
    );
  }

  function sendPresenceOf(fromUserId: number, toUserId: number): void {
    if (privacy.blocks(fromUserId, toUserId, "presence-out") || privacy.blocks(toUserId, fromUserId, "presence-in"))
      return;
    const sessions = registry.sessionsOf(fromUserId).filter((s) => s.available && s.presence);
    if (sessions.length === 0) {
      registry.deliverToUser(
        toUserId,
        el("presence", { xmlns: NS.client, from: userJid(ctx, fromUserId), type: "unavailable" }),
      );
    }
    for (const source of sessions) {
      const copy = cloneElement(source.presence!);
      copy.attrs.from = source.fullJid;
      registry.deliverToUser(toUserId, copy);
    }
  }

  const hooks: PresenceHooks = {
    broadcast(session, presence, first) {
      for (const item of ctx.db.rosterOf(session.userId).values()) {
        if (
          (item.subscription === "from" || item.subscription === "both") &&
          !privacy.blocks(session.userId, item.userId, "presence-out") &&
          !privacy.blocks(item.userId, session.userId, "presence-in")
        ) {
          const copy = cloneElement(presence);
          copy.attrs.from = session.fullJid;
          registry.deliverToUser(item.userId, copy);
        }
        // On becoming available, learn the presence of the contacts this user is subscribed to.
        if (first && (item.subscription === "to" || item.subscription === "both")) {
          for (const source of registry.sessionsOf(item.userId)) {
            if (!source.available || !source.presence) continue;
            if (
              privacy.blocks(item.userId, session.userId, "presence-out") ||
              privacy.blocks(session.userId, item.userId, "presence-in")
            )
              continue;
            const copy = cloneElement(source.presence);
            copy.attrs.from = source.fullJid;
            session.send(copy);
          }
        }
      }
    },
    async subscription(session, presence, toUserId) {
      const type = presence.attrs.type;
      const me = session.userId;
      const relay = () => {
        const out = el("presence", { xmlns: NS.client, from: userJid(ctx, me), type });
        registry.deliverToUser(toUserId, out, { offline: "store" });
      };
      // Asking or approving would add a 301st contact: refuse it in the open rather than dropping it.
      const full = () => !itemOf(me, toUserId, false) && ctx.db.rosterOf(me).size >= MAX_CONTACTS;
      const refuse = () =>
        session.send(
          presenceError(
            presence,
            "not-acceptable",
            "cancel",
            `the contact list is full (${MAX_CONTACTS} contacts at most)`,
          ),
        );
      if (type === "subscribe") {
        if (full()) return refuse();
        const item = itemOf(me, toUserId, true)!;
        if (item.subscription === "to" || item.subscription === "both") return;
        const theirs = itemOf(toUserId, me, false);
        if (theirs && (theirs.subscription === "from" || theirs.subscription === "both")) {
          // Already approved: answer on the contact's behalf.
          item.subscription = item.subscription === "from" ? "both" : "to";
          item.ask = false;
          push(me, item);
          registry.deliverToUser(
            me,
            el("presence", { xmlns: NS.client, from: userJid(ctx, toUserId), type: "subscribed" }),
          );
        } else {
          item.ask = true;
          push(me, item);
          relay();
        }
      } else if (type === "subscribed") {
        const theirs = itemOf(toUserId, me, false);
        if (!theirs?.ask) return; // nothing was asked
        if (full()) return refuse();
        const mine = itemOf(me, toUserId, true)!;
        mine.subscription =
          mine.subscription === "to" ? "both" : mine.subscription === "none" ? "from" : mine.subscription;
        theirs.ask = false;
        theirs.subscription =
          theirs.subscription === "from" ? "both" : theirs.subscription === "none" ? "to" : theirs.subscription;
        push(me, mine);
        push(toUserId, theirs);
        relay();
        sendPresenceOf(me, toUserId);
      } else if (type === "unsubscribe") {
        const mine = itemOf(me, toUserId, false);
        if (mine) {
          mine.ask = false;
          mine.subscription =
            mine.subscription === "both" ? "from" : mine.subscription === "to" ? "none" : mine.subscription;
          push(me, mine);
        }
        const theirs = itemOf(toUserId, me, false);
        if (theirs) {
          theirs.subscription =
            theirs.subscription === "both" ? "to" : theirs.subscription === "from" ? "none" : theirs.subscription;
          push(toUserId, theirs);
        }
        relay();
      } else if (type === "unsubscribed") {
        const mine = itemOf(me, toUserId, false);
        if (mine) {
          mine.subscription =
            mine.subscription === "both" ? "to" : mine.subscription === "from" ? "none" : mine.subscription;
          push(me, mine);
        }
        const theirs = itemOf(toUserId, me, false);
        if (theirs) {
          theirs.ask = false;
          theirs.subscription =
            theirs.subscription === "both" ? "from" : theirs.subscription === "to" ? "none" : theirs.subscription;
          push(toUserId, theirs);
        }
        relay();
      }
      ctx.db.changed("roster", me);
      ctx.db.changed("roster", toUserId);
      await ctx.persistence.durable();
    },
  };

  /** Answers a `jabber:iq:roster` get or set. */
  async function iq(session: XmppSession, stanza: Element, query: Element): Promise<void> {
    const roster = ctx.db.rosterOf(session.userId);
    if (stanza.attrs.type === "get") {
      const result = el("query", { xmlns: NS.roster, ver: String(roster.size) });
      for (const item of roster.values()) result.cnode(itemElement(item));
      return session.send(el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id }, result));
    }
    const items = query.getChildren("item");
    if (items.length !== 1) return session.send(iqError(stanza, "bad-request", "modify", "exactly one item"));
    const contactId = userIdOfJid(ctx, parseJid(items[0].attrs.jid));
    if (contactId === null || contactId === session.userId || !ctx.db.users.has(contactId)) {
      return session.send(iqError(stanza, "item-not-found", "cancel", "no such user"));
    }
    if (items[0].attrs.subscription === "remove") {
      const item = roster.get(contactId);
      if (!item) return session.send(iqError(stanza, "item-not-found", "cancel", "not in the contact list"));
      roster.delete(contactId);
      const theirs = itemOf(contactId, session.userId, false);
      if (theirs) {
        theirs.ask = false;
        theirs.subscription = "none";
        push(contactId, theirs);
        registry.deliverToUser(
          contactId,
          el("presence", { xmlns: NS.client, from: userJid(ctx, session.userId), type: "unsubscribe" }),
          { offline: "store" },
        );
        registry.deliverToUser(
          contactId,
          el("presence", { xmlns: NS.client, from: userJid(ctx, session.userId), type: "unsubscribed" }),
          { offline: "store" },
        );
      }
      push(session.userId, item, true);
    } else {
      if (!roster.has(contactId) && roster.size >= MAX_CONTACTS) {
        return session.send(
          iqError(stanza, "not-acceptable", "cancel", `the contact list is full (${MAX_CONTACTS} contacts at most)`),
        );
      }
      const item = itemOf(session.userId, contactId, true)!;
      const name = items[0].attrs.name;
      item.name = name === undefined || name === "" ? null : name.slice(0, 200);
      push(session.userId, item);
    }
    ctx.db.changed("roster", session.userId);
    ctx.db.changed("roster", contactId);
    await ctx.persistence.durable();
    session.send(el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id }));
  }

  return { hooks, iq };
}
