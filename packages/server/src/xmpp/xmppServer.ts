import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { ChatHub, ServerContext } from "../context.js";

/** The XMPP-over-WebSocket side of the server. */
export interface XmppServer {
  hub: ChatHub;
  handleConnection(ws: WebSocket, req: IncomingMessage): void;
  dropConnections(userId?: number): void;
  close(): Promise<void>;
}

/** (being written) */
export function createXmppServer(_ctx: ServerContext): XmppServer {
  return {
    hub: { deliverToUser: () => {}, isOnline: () => false, isActive: () => false },
    handleConnection: (ws) => ws.close(),
    dropConnections: () => {},
    close: async () => {},
  };
}
