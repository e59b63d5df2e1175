import type { Element } from "ltx";
import { canRead } from "../domain/dialogs.js";
import { dialogIdOfRoom, parseJid, userIdOfJid } from "../domain/jid.js";
import { DialogType } from "../model/types.js";
import { presenceError } from "./errors.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { cloneElement } from "./stanzas.js";

/** Hooks for what other modules do with presence (roster subscriptions, broadcasts to contacts). */
export interface PresenceHooks {
  /** A session's broadcast presence changed (available, away, unavailable). */
  broadcast(session: XmppSession, presence: Element, first: boolean): void;
  /** subscribe / subscribed / unsubscribe / unsubscribed to a user. */
  subscription(session: XmppSession, presence: Element, toUserId: number): Promise<void> | void;
}

/** Routes presence: availability, MUC join/leave (docs/protocol.md §10), directed presence, subscriptions. */
export function createPresenceRouter({ ctx, registry, rooms, privacy }: XmppServices, hooks: PresenceHooks) {
  function room(session: XmppSession, stanza: Element, dialogId: string): void {
    const dialog = ctx.db.dialogs.get(dialogId.toLowerCase());
    const type = stanza.attrs.type;
    if (type === "unavailable") {
      rooms.leave(session, dialog, dialogId.toLowerCase(), { id: stanza.attrs.id });
      return;
    }
    if (type && type !== "available") return; // probes and subscriptions to rooms mean nothing here
    if (!dialog || dialog.type === DialogType.PRIVATE) {
      return session.send(presenceError(stanza, "item-not-found", "cancel", "no such room"));
    }
    if (!canRead(dialog, session.userId)) {
      return session.send(presenceError(stanza, "forbidden", "auth", "you are not an occupant of this dialog"));
    }
    rooms.join(session, dialog, stanza);
  }

  return {
    /** Routes one presence stanza from a bound session. */
    route(session: XmppSession, stanza: Element): Promise<void> | void {
      const to = parseJid(stanza.attrs.to);
      const type = stanza.attrs.type;
      if (!to || (to.domain === ctx.domain && !to.local)) {
        if (type === undefined || type === "available") {
          const first = !session.available;
          session.available = true;
          session.presence = cloneElement(stanza);
          hooks.broadcast(session, stanza, first);
          if (first) registry.flushOffline(session);
        } else if (type === "unavailable") {
          session.available = false;
          session.presence = cloneElement(stanza);
          hooks.broadcast(session, stanza, false);
        }
        return;
      }
      const dialogId = dialogIdOfRoom(ctx, to);
      if (dialogId !== null) return room(session, stanza, dialogId);
      const toUserId = userIdOfJid(ctx, to);
      if (toUserId === null || !ctx.db.users.has(toUserId)) return;
      if (type === "subscribe" || type === "subscribed" || type === "unsubscribe" || type === "unsubscribed") {
        return hooks.subscription(session, stanza, toUserId);
      }
      if (type === "error") return registry.deliverToUser(toUserId, stanza);
      // Directed presence (or a probe answered by the server from the target's sessions).
      if (
        privacy.blocks(session.userId, toUserId, "presence-out") ||
        privacy.blocks(toUserId, session.userId, "presence-in")
      )
        return;
      if (type === "probe") {
        for (const target of registry.sessionsOf(toUserId)) {
          if (target.available && target.presence) {
            const copy = cloneElement(target.presence);
            copy.attrs.from = target.fullJid;
            session.send(copy);
          }
        }
        return;
      }
      registry.deliverToUser(toUserId, stanza);
    },
  };
}
