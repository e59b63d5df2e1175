import type { Element } from "ltx";
import { canRead } from "../domain/dialogs.js";
import { dialogIdOfRoom, parseJid, roomJid, userIdOfJid } from "../domain/jid.js";
import { iqError } from "./errors.js";
import type { createLastActivity } from "./lastActivity.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { el, NS } from "./stanzas.js";

/** Handlers the iq router hands namespaces to. */
export interface IqHandlers {
  privacy(session: XmppSession, stanza: Element, query: Element): Promise<void>;
  roster(session: XmppSession, stanza: Element, query: Element): Promise<void>;
  lastActivity: ReturnType<typeof createLastActivity>;
}

const SERVER_FEATURES = [
  NS.discoInfo,
  NS.discoItems,
  NS.ping,
  NS.carbons,
  NS.sm,
  NS.privacy,
  NS.roster,
  NS.last,
  NS.mobile,
  NS.muc,
];

/** Routes iq stanzas: to the server, to rooms, to users (last activity), and between users' full JIDs. */
export function createIqRouter({ ctx, registry, rooms }: XmppServices, handlers: IqHandlers) {
  const result = (stanza: Element, ...children: Element[]) =>
    el("iq", { xmlns: NS.client, type: "result", id: stanza.attrs.id, from: stanza.attrs.to }, ...children);

  async function toServer(session: XmppSession, stanza: Element, payload: Element | undefined): Promise<void> {
    const ns = payload?.attrs.xmlns;
    const set = stanza.attrs.type === "set";
    if (ns === NS.ping || ns === NS.session) return session.send(result(stanza));
    if (ns === NS.carbons && set && (payload!.name === "enable" || payload!.name === "disable")) {
      session.carbons = payload!.name === "enable";
      return session.send(result(stanza));
    }
    if (ns === NS.privacy) return handlers.privacy(session, stanza, payload!);
    if (ns === NS.roster) return handlers.roster(session, stanza, payload!);
    if (ns === NS.mobile && set) {
      // Tigase mobile v2: enable="true" means the app went to the background (docs/protocol.md §13).
      session.inactive = payload!.attrs.enable === "true" || payload!.attrs.enable === "1";
      ctx.db.addClientSignal({
        user_id: session.userId,
        kind: session.inactive ? "inactive" : "active",
        message_id: null,
        at: ctx.clock(),
      });
      return session.send(result(stanza));
    }
    if (ns === NS.statusStreaming && set && payload!.name === "subscribe")
      return handlers.lastActivity.subscribe(session, stanza, payload!);
    if (ns === NS.discoInfo && !set) {
      const query = el(
        "query",
        { xmlns: NS.discoInfo },
        el("identity", { category: "server", type: "im", name: "chatcube-server" }),
      );
      for (const feature of SERVER_FEATURES) query.cnode(el("feature", { var: feature }));
      return session.send(result(stanza, query));
    }
    if (ns === NS.discoItems && !set) {
      return session.send(
        result(stanza, el("query", { xmlns: NS.discoItems }, el("item", { jid: ctx.mucDomain, name: "Dialogs" }))),
      );
    }
    if (ns === NS.bind) return session.send(iqError(stanza, "not-allowed", "cancel", "already bound"));
    return session.send(iqError(stanza, "service-unavailable"));
  }

  function toRoom(session: XmppSession, stanza: Element, dialogId: string, payload: Element | undefined): void {
    const dialog = ctx.db.dialogs.get(dialogId.toLowerCase());
    if (!dialog) return session.send(iqError(stanza, "item-not-found"));
    if (!canRead(dialog, session.userId)) return session.send(iqError(stanza, "forbidden", "auth"));
    const ns = payload?.attrs.xmlns;
    if (ns === NS.discoItems && stanza.attrs.type === "get") {
      const room = roomJid(ctx, dialog._id);
      const query = el("query", { xmlns: NS.discoItems });
      for (const userId of rooms.occupants(dialog._id))
        query.cnode(el("item", { jid: `${room}/${userId}`, name: String(userId) }));
      return session.send(result(stanza, query));
    }
    if (ns === NS.discoInfo && stanza.attrs.type === "get") {
      const query = el(
        "query",
        { xmlns: NS.discoInfo },
        el("identity", { category: "conference", type: "text", name: dialog.name ?? "" }),
        el("feature", { var: NS.muc }),
      );
      return session.send(result(stanza, query));
    }
    if (ns === NS.ping) return session.send(result(stanza));
    return session.send(iqError(stanza, "service-unavailable"));
  }

  return {
    /** Routes one iq stanza from a bound session. */
    async route(session: XmppSession, stanza: Element): Promise<void> {
      const type = stanza.attrs.type;
      if (type !== "get" && type !== "set" && type !== "result" && type !== "error") {
        return session.send(iqError(stanza, "bad-request", "modify", "iq type must be get, set, result or error"));
      }
      if (type === "get" || type === "set") {
        if (!stanza.attrs.id) return session.send(iqError(stanza, "bad-request", "modify", "iq needs an id"));
        const payloads = stanza.getChildElements();
        if (payloads.length !== 1)
          return session.send(iqError(stanza, "bad-request", "modify", "iq get/set carries exactly one child"));
      }
      const payload = stanza.getChildElements()[0];
      const to = parseJid(stanza.attrs.to);
      // To the server, or to the user's own bare JID (roster, privacy): the server answers.
      if (
        !to ||
        (to.domain === ctx.domain && !to.local) ||
        (to.domain === ctx.domain &&
          !to.resource &&
          userIdOfJid(ctx, to) === session.userId &&
          payload?.attrs.xmlns !== NS.last)
      ) {
        if (type === "result" || type === "error") return; // answers to server pushes
        return toServer(session, stanza, payload);
      }
      const dialogId = dialogIdOfRoom(ctx, to);
      if (dialogId !== null) {
        if (type === "result" || type === "error") return;
        return toRoom(session, stanza, dialogId, payload);
      }
      if (to.domain === ctx.mucDomain && !to.local) {
        if (type === "result" || type === "error") return;
        return session.send(iqError(stanza, "service-unavailable"));
      }
      const userId = userIdOfJid(ctx, to);
      if (userId === null || !ctx.db.users.has(userId)) {
        if (type === "get" || type === "set") session.send(iqError(stanza, "item-not-found", "cancel", "no such user"));
        return;
      }
      if (!to.resource) {
        // The server answers for a user's bare JID (RFC 6121 §8.5.1).
        if (payload?.attrs.xmlns === NS.last && type === "get") return handlers.lastActivity.iq(session, stanza);
        if (payload?.attrs.xmlns === NS.ping && type === "get") return session.send(result(stanza));
        if (type === "get" || type === "set") session.send(iqError(stanza, "service-unavailable"));
        return;
      }
      const target = registry.find(userId, to.resource);
      if (!target) {
        if (payload?.attrs.xmlns === NS.last && type === "get") return handlers.lastActivity.iq(session, stanza);
        if (type === "get" || type === "set")
          session.send(iqError(stanza, "service-unavailable", "cancel", "that resource is not online"));
        return;
      }
      target.send(stanza);
    },
  };
}
