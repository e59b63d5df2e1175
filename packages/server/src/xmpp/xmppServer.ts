import type { IncomingMessage } from "node:http";
import type { Element } from "ltx";
import type { WebSocket } from "ws";
import type { ChatHub, ServerContext } from "../context.js";
import { type StanzaRouter, XmppConnection } from "./connection.js";
import { createIqRouter } from "./iqRouter.js";
import { createLastActivity } from "./lastActivity.js";
import { createMessageRouter } from "./messageRouter.js";
import { createPresenceRouter } from "./presenceRouter.js";
import { createPrivacyIq } from "./privacyIq.js";
import { PrivacyRules } from "./privacyRules.js";
import { Rooms } from "./rooms.js";
import { createRoster } from "./roster.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { SessionRegistry } from "./sessionRegistry.js";
import { el, NS } from "./stanzas.js";

/** The XMPP-over-WebSocket side of the server. */
export interface XmppServer {
  /** Delivery and presence, for the REST side. */
  hub: ChatHub;
  /** Takes a WebSocket that asked for the `xmpp` subprotocol. */
  handleConnection(ws: WebSocket, req: IncomingMessage): void;
  /** Drops sockets without a closing handshake (all, or one user's): simulates a network failure. */
  dropConnections(userId?: number): void;
  /** Closes every stream and stops timers. */
  close(): Promise<void>;
}

/** Seconds between WebSocket pings; a socket that misses one is dropped. */
const HEARTBEAT_MS = 30_000;

/** Wires the session registry, rooms, privacy rules and the stanza routers into one XMPP service. */
export function createXmppServer(ctx: ServerContext): XmppServer {
  const registry = new SessionRegistry(ctx);
  const rooms = new Rooms(ctx);
  const privacy = new PrivacyRules(ctx, registry);
  const services: XmppServices = { ctx, registry, rooms, privacy };
  const lastActivity = createLastActivity(services);
  const roster = createRoster(services);
  const messages = createMessageRouter(services);
  const presence = createPresenceRouter(services, roster.hooks);
  const iqs = createIqRouter(services, { privacy: createPrivacyIq(services), roster: roster.iq, lastActivity });
  registry.onUserOnlineChange = (userId) => lastActivity.changed(userId);

  const connections = new Set<XmppConnection>();
  const router: StanzaRouter = {
    route(session: XmppSession, stanza: Element) {
      switch (stanza.name) {
        case "message":
          return messages.route(session, stanza);
        case "presence":
          return presence.route(session, stanza);
        default:
          return iqs.route(session, stanza);
      }
    },
    bound() {},
    ended(session: XmppSession) {
      rooms.leaveAll(session);
      lastActivity.forget(session);
      if (session.available) {
        session.available = false;
        const gone = el("presence", { xmlns: NS.client, type: "unavailable" });
        roster.hooks.broadcast(session, gone, false);
      }
      // Messages sent to this session and never acknowledged are kept offline when no other session has them.
      const unacked = session.sm.enabled ? session.sm.unacked.splice(0) : [];
      registry.remove(session);
      if (unacked.length && !registry.isOnline(session.userId)) {
        for (const xml of unacked) registry.storeOfflineXml(session.userId, xml);
      }
    },
  };

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, HEARTBEAT_MS);
  (heartbeat as { unref?: () => void }).unref?.(); // jsdom timers return numbers

  return {
    hub: registry,
    handleConnection(ws) {
      const connection = new XmppConnection(ctx, ws, registry, router);
      connections.add(connection);
      ws.on("close", () => connections.delete(connection));
    },
    dropConnections(userId) {
      for (const connection of connections) {
        if (userId === undefined || connection.user === userId) connection.terminate();
      }
    },
    async close() {
      clearInterval(heartbeat);
      for (const connection of connections) connection.streamError("system-shutdown");
      for (const session of registry.all()) router.ended(session);
      for (const session of registry.all()) session.end();
    },
  };
}
