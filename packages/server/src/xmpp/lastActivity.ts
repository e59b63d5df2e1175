import type { Element } from "ltx";
import { parseJid, userIdOfJid, userJid } from "../domain/jid.js";
import { iqError } from "./errors.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { el, NS } from "./stanzas.js";

/**
 * Last activity (XEP-0012) and ConnectyCube's status streaming: subscribers of a user get an iq `result` with
 * `<query xmlns="jabber:iq:last" seconds>` when that user comes online or goes offline (docs/protocol.md §13).
 * Both answers also carry `online="true|false"` on the query, so a client can tell "online" from "just left".
 */
export function createLastActivity({ ctx, registry, privacy }: XmppServices) {
  const subscribers = new Map<number, Set<XmppSession>>();

  const hidden = (targetId: number, askerId: number) =>
    privacy.blocks(targetId, askerId, "presence-out") || privacy.blocks(targetId, askerId, "iq");

  function query(targetId: number): Element | null {
    if (registry.isOnline(targetId)) return el("query", { xmlns: NS.last, seconds: 0, online: "true" });
    const seen = ctx.db.lastSeen.get(targetId);
    if (seen === undefined) return null;
    return el("query", {
      xmlns: NS.last,
      seconds: Math.max(0, Math.floor((ctx.clock() - seen) / 1000)),
      online: "false",
    });
  }

  return {
    /** Answers `<query xmlns="jabber:iq:last"/>` sent to a user's JID. */
    iq(session: XmppSession, stanza: Element): void {
      const targetId = userIdOfJid(ctx, parseJid(stanza.attrs.to));
      if (targetId === null || !ctx.db.users.has(targetId))
        return session.send(iqError(stanza, "item-not-found", "cancel", "no such user"));
      if (targetId !== session.userId && hidden(targetId, session.userId))
        return session.send(iqError(stanza, "forbidden", "auth"));
      const answer =
        targetId === session.userId ? el("query", { xmlns: NS.last, seconds: 0, online: "true" }) : query(targetId);
      if (!answer) return session.send(iqError(stanza, "item-not-found", "cancel", "the user has never been online"));
      session.send(
        el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id, from: userJid(ctx, targetId) }, answer),
      );
    },
    /** Handles `<subscribe xmlns=status_streaming user_jid enable/>`. */
    subscribe(session: XmppSession, stanza: Element, subscribe: Element): void {
      const targetId = userIdOfJid(ctx, parseJid(subscribe.attrs.user_jid));
      if (targetId === null || !ctx.db.users.has(targetId))
        return session.send(iqError(stanza, "item-not-found", "cancel", "no such user"));
      const enable = subscribe.attrs.enable !== "false" && subscribe.attrs.enable !== "0";
      let set = subscribers.get(targetId);
      if (enable) {
        if (!set) subscribers.set(targetId, (set = new Set()));
        set.add(session);
      } else if (set) {
        set.delete(session);
        if (set.size === 0) subscribers.delete(targetId);
      }
      session.send(el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id }));
    },
    /** Pushes a change of a user's online state to the sessions subscribed to it. */
    changed(userId: number): void {
      const set = subscribers.get(userId);
      if (!set) return;
      for (const session of set) {
        if (session.ended) {
          set.delete(session);
          continue;
        }
        if (hidden(userId, session.userId)) continue;
        const answer = query(userId);
        if (!answer) continue;
        session.send(
          el(
            "iq",
            {
              xmlns: NS.client,
              type: "result",
              from: userJid(ctx, userId),
              id: `lastActivity-${Date.now().toString(36)}`,
            },
            answer,
          ),
        );
      }
    },
    /** Forgets a session's subscriptions. */
    forget(session: XmppSession): void {
      for (const [userId, set] of subscribers) {
        set.delete(session);
        if (set.size === 0) subscribers.delete(userId);
      }
    },
  };
}
