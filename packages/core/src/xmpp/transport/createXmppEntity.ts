import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { composeXmppClient } from "./composeXmppClient.js";
import type { TransportLogger, WebSocketConstructor } from "./XmppTransport.js";

/** A listener of an @xmpp event. */
type Listener = (...args: never[]) => void;

/** `done(credentials, mechanism)` handed to the credentials callback by @xmpp/sasl. */
type SaslAuthenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;

/** An incoming or outgoing middleware context of @xmpp/middleware. */
interface MiddlewareContext {
  stanza: Element;
  name: string;
  type: string;
  id: string;
}

/** An @xmpp incoming middleware: returns the reply (for iq get/set) or what `next()` returns. */
export type Middleware = (context: MiddlewareContext, next: () => Promise<unknown>) => Promise<unknown> | unknown;

/** @xmpp/stream-management's state object (an EventEmitter with `ack`, `fail` and `resumed` events). */
export interface StreamManagement {
  enabled: boolean;
  /** The id to resume with; empty (or missing) when the server allows no resumption. */
  id: string;
  inbound: number;
  /** Sent stanzas not acknowledged yet, oldest first. */
  outbound_q: Array<{ stanza: Element; stamp: string }>;
  /** How many sent stanzas the server has acknowledged. */
  outbound: number;
  emit(event: "fail", stanza: Element): void;
  on(event: "ack" | "fail", listener: (stanza: Element) => void): void;
  on(event: "resumed", listener: () => void): void;
  removeListener(event: string, listener: Listener): void;
}

/** The @xmpp/websocket socket wrapper. */
interface XmppSocket {
  url: string | null;
  secure: boolean;
  end(): void;
  on(event: "error", listener: (error: unknown) => void): void;
  _attachSocket(socket: unknown): void;
}

/** A connection class in `entity.transports` (websocket, tcp, tls). */
interface TransportClass {
  new (...args: never[]): TransportPrototype;
  prototype: TransportPrototype;
}

/** What `Client` reads from the prototype of a connection class. */
interface TransportPrototype {
  Socket: new () => XmppSocket;
  Parser: unknown;
  socketParameters(service: string): unknown;
}

/** The parts of the @xmpp entity (a `Connection` subclass) the transport uses; underscored ones are internal. */
export interface XmppEntity {
  status: string;
  jid: { toString(): string } | null;
  socket: XmppSocket | null;
  /** The stream's parser; null once the stream ended or failed. */
  parser: { emit(event: string, ...args: unknown[]): void } | null;
  options: { service: string; domain: string; lang?: string };
  transports: TransportClass[];
  streamManagement: StreamManagement;
  middleware: { use(middleware: Middleware): void };
  on(event: string, listener: Listener): void;
  emit(event: string, ...args: unknown[]): void;
  removeListener(event: string, listener: Listener): void;
  isSecure(): boolean;
  connect(service: string): Promise<void>;
  open(options: { domain: string; lang?: string }): Promise<Element>;
  stop(): Promise<unknown>;
  send(element: Element): Promise<void>;
  _onElement(element: Element): void;
  _onData(data: unknown): void;
  _detachSocket(): void;
  _detachParser(): void;
  _status(status: string, ...args: unknown[]): void;
  /** Sets `jid` (as binding does). */
  _jid(id: string): void;
}

/** Options of `createXmppEntity`. */
export interface XmppEntityOptions {
  service: string;
  domain: string;
  resource?: string;
  /** The SASL username and password of the next negotiation; null fails it. */
  credentials(): { username: string; password: string } | null;
  WebSocket?: WebSocketConstructor;
  /** Gets every element in and out at `debug`. */
  logger?: TransportLogger;
}

/**
 * Creates the @xmpp entity (`composeXmppClient`: no reconnect of its own, reconnection policy belongs to the
 * connection manager) with, when given, a WebSocket implementation of this entity's own.
 */
export function createXmppEntity(options: XmppEntityOptions): XmppEntity {
  const entity = composeXmppClient({
    service: options.service,
    domain: options.domain,
    resource: options.resource,
    credentials: (done: SaslAuthenticate, mechanisms: string[], _fast: unknown, self: XmppEntity) =>
      authenticate(done, mechanisms, self.isSecure(), options.credentials()),
  }) as XmppEntity;
  if (options.WebSocket) useWebSocket(entity, options.WebSocket);
  const { logger } = options;
  if (logger?.debug) {
    entity.on("element", (element: Element) => logger.debug?.("xmpp in", String(element)));
    entity.on("send", (element: Element) => logger.debug?.("xmpp out", String(element)));
  }
  return entity;
}

/** Picks the mechanism as @xmpp/client does by default: PLAIN only over `wss:` or loopback (docs/protocol.md §1). */
async function authenticate(
  done: SaslAuthenticate,
  mechanisms: string[],
  secure: boolean,
  credentials: { username: string; password: string } | null,
): Promise<void> {
  if (!credentials) throw new ChatError("unauthorized", "No credentials");
  const mechanism = secure ? mechanisms[0] : mechanisms.find((name) => name !== "PLAIN");
  if (!mechanism) throw new ChatError("protocol", `No usable SASL mechanism among ${mechanisms.join(", ") || "none"}`);
  await done(credentials, mechanism);
}

/** Swaps the entity's WebSocket connection class for a subclass whose socket opens `WebSocketImpl`. */
function useWebSocket(entity: XmppEntity, WebSocketImpl: WebSocketConstructor): void {
  const index = webSocketTransportIndex(entity);
  if (index < 0) return;
  const Base = entity.transports[index];
  class Socket extends Base.prototype.Socket {
    connect(url: string): void {
      this.url = url;
      this.secure = isSecureUrl(url);
      this._attachSocket(new WebSocketImpl(url, ["xmpp"]));
    }
  }
  class Transport extends Base {}
  Transport.prototype.Socket = Socket;
  entity.transports[index] = Transport;
}

/** Where the WebSocket connection class is in `entity.transports`; -1 if there is none. */
export function webSocketTransportIndex(entity: XmppEntity): number {
  return entity.transports.findIndex((Transport) => {
    try {
      return Transport.prototype.socketParameters("ws://localhost") !== undefined;
    } catch {
      return false;
    }
  });
}

/** As @xmpp/websocket decides it: `wss:`, or a loopback host. */
function isSecureUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "wss:" || ["localhost", "127.0.0.1", "[::1]", "::1"].includes(hostname);
  } catch {
    return false;
  }
}

/**
 * Drops the entity's socket at once, without `<close/>` (so the server keeps a resumable session) and without
 * waiting for a close handshake a dead network would never finish; the entity goes to `disconnect` synchronously.
 */
export function dropSocket(entity: XmppEntity, reason?: unknown): void {
  if (entity.status === "offline" || entity.status === "disconnect") return;
  const socket = entity.socket;
  // Errors the abandoned socket still reports must not be "unhandled error" throws of its EventEmitter.
  socket?.on("error", () => {});
  entity._detachSocket();
  entity._detachParser();
  try {
    socket?.end();
  } catch {
    // already closed
  }
  entity._status("disconnect", { clean: false, reason });
}
