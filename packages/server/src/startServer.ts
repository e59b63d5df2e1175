import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { ServerContext } from "./context.js";
import { Db } from "./model/db.js";
import { readState } from "./model/journalFile.js";
import { filePersistence, memoryPersistence } from "./model/persistence.js";
import { createRestHandler } from "./rest/restHandler.js";
import { seedDemo } from "./seed/demo.js";
import { createXmppServer } from "./xmpp/xmppServer.js";

/** How to start a server. Every field has a default suited to local development. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 5280. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Application id. Default 1. */
  appId?: number;
  /** Auth key that session requests must carry. Default `dev-auth-key`. */
  authKey?: string;
  /** When set, session signatures (SDK v3 style) are checked against it. */
  authSecret?: string | null;
  /** A JSON file to keep state in between runs (a snapshot plus the journal `{data}.journal`). Default: memory only. */
  data?: string | null;
  /** With `data`: journal size in bytes past which it is folded into a new snapshot (default 16 MiB, or the snapshot's size when larger). */
  compactBytes?: number;
  /** `demo` adds the demo users and dialogs when the database is empty. */
  seed?: "demo" | null;
  /** The chat domain. Default `localhost`. */
  domain?: string;
  /** Session token lifetime in milliseconds. Default 2 hours. */
  sessionTtlMs?: number;
  /** Milliseconds since the epoch; tests may move time. */
  clock?: () => number;
}

/** A running server. */
export interface RunningServer {
  /** REST base URL, e.g. `http://127.0.0.1:5280`. */
  apiUrl: string;
  /** XMPP-over-WebSocket URL, e.g. `ws://localhost:5280/ws`. */
  chatUrl: string;
  /** Chat domain (`endpoints.chat` in the SDK). */
  domain: string;
  appId: number;
  authKey: string;
  port: number;
  /** Drops every XMPP socket without a closing handshake (or only one user's): for reconnect tests. */
  dropConnections(userId?: number): void;
  /** The server's state and services, for tests and tools in this repository. */
  context: ServerContext;
  /** Closes sockets, stops listening and writes what is pending. */
  close(): Promise<void>;
}

/** Starts a ConnectyCube-compatible server: REST at `/`, XMPP over WebSocket at `/ws`. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const domain = options.domain ?? "localhost";
  const stored = options.data ? readState(options.data) : null;
  const db = stored?.db ?? new Db();
  const ctx: ServerContext = {
    db,
    persistence: memoryPersistence(),
    appId: options.appId ?? 1,
    authKey: options.authKey ?? "dev-auth-key",
    authSecret: options.authSecret ?? null,
    domain,
    mucDomain: `muc.${domain}`,
    apiUrl: "",
    clock: options.clock ?? Date.now,
    chat: { deliverToUser: () => {}, isOnline: () => false, isActive: () => false },
    sessionTtlMs: options.sessionTtlMs ?? 2 * 60 * 60 * 1000,
  };
  const xmpp = createXmppServer(ctx);
  ctx.chat = xmpp.hub;
  if (stored && options.data)
    ctx.persistence = await filePersistence(stored, options.data, { compactBytes: options.compactBytes });
  if (options.seed === "demo" && db.users.size === 0) seedDemo(ctx);
  await ctx.persistence.durable();

  const http = createServer(createRestHandler(ctx));
  http.keepAliveTimeout = 5000;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has("xmpp") ? "xmpp" : false),
  });
  http.on("upgrade", (req: IncomingMessage, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/ws" && path !== "/") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => xmpp.handleConnection(ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 5280, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  ctx.apiUrl = `http://${urlHost}:${port}`;
  // The WebSocket URL uses the chat domain as host so that the stream's `to` matches the JIDs (docs/protocol.md §1).
  const chatHost = domain === "localhost" ? "localhost" : urlHost;
  let closed: Promise<void> | null = null;

  return {
    apiUrl: ctx.apiUrl,
    chatUrl: `ws://${chatHost}:${port}/ws`,
    domain,
    appId: ctx.appId,
    authKey: ctx.authKey,
    port,
    context: ctx,
    dropConnections: (userId) => xmpp.dropConnections(userId),
    close() {
      closed ??= (async () => {
        await xmpp.close();
        wss.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        await ctx.persistence.close();
      })();
      return closed;
    },
  };
}
