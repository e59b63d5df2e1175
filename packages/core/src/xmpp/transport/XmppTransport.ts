import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ChatError } from "../../errors/ChatError.js";
import type { Clock } from "../../time/clock.js";
import type { StreamHandover } from "./StreamHandover.js";

/** Who signs in over XMPP: the user id, and the user's password or a live REST session token (docs/protocol.md §7). */
export interface XmppCredentials {
  /** ConnectyCube user id; the JID is `{userId}-{appId}@{domain}`. */
  userId: number;
  /** The user's password, or the REST session token for users without one. */
  password: string;
}

/** Where the transport is: `disconnected` means the stream died (or an attempt failed) without `disconnect()`. */
export type TransportStatus = "offline" | "connecting" | "authenticating" | "online" | "disconnected";

/** A transport status with the error that caused it (`disconnected` only) and how the last connect went. */
export interface TransportState {
  /** The status. */
  status: TransportStatus;
  /** Why the stream died or the attempt failed; null otherwise. */
  error: ChatError | null;
  /** Whether the last successful connect resumed the previous stream (XEP-0198) instead of binding afresh. */
  resumed: boolean;
}

/** How a successful `connect()` went. */
export interface ConnectResult {
  /** True when the stream-management session was resumed: nothing was lost, no resync is needed. */
  resumed: boolean;
  /** The full JID bound (`{userId}-{appId}@{domain}/{resource}`). */
  jid: string;
}

/** Answers an incoming `<iq type="get|set">`: a child element for the result, `true` for an empty result. */
export type IqHandler = (iq: Element) => Element | true | Promise<Element | true>;

/** Where the transport writes what it wants a developer to see. Every method is optional. */
export interface TransportLogger {
  /** Stanza-level chatter. */
  debug?(message: string, ...data: unknown[]): void;
  /** Something odd that was survived (a malformed stanza, a failed carbons request). */
  warn?(message: string, ...data: unknown[]): void;
  /** Something that should not happen. */
  error?(message: string, ...data: unknown[]): void;
}

/** A WebSocket constructor (the browser's, or `ws` in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** Options of `createXmppTransport`. */
export interface XmppTransportOptions {
  /** XMPP-over-WebSocket URL, e.g. `wss://chat.connectycube.com:5291` or `ws://localhost:5280/ws`. */
  service: string;
  /** Chat domain (`endpoints.chat`); JIDs are built from it. */
  domain: string;
  /** ConnectyCube application id. */
  appId: number | string;
  /** Resource to bind; default: the server assigns one. */
  resource?: string;
  /** Where to log. Default: nowhere. */
  logger?: TransportLogger;
  /** WebSocket implementation; default the global `WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Time source for iq and connect timeouts. Default the system clock. */
  clock?: Clock;
  /** How long one connect attempt may take before it fails with `timeout`. Default 20 s. */
  connectTimeoutMs?: number;
  /** Default timeout of `iq()`. Default 15 s. */
  iqTimeoutMs?: number;
}

/** The XMPP connection of one user: @xmpp/client with stream management, carbons and answers to server iqs. */
export interface XmppTransport {
  /**
   * Signs in and resolves once online: bound (or resumed), carbons enabled, initial presence sent. After a dropped
   * socket it resumes the stream-management session when the server still holds it, else binds afresh. Rejects
   * with a ChatError (`unauthorized` for wrong credentials). Never retries by itself.
   */
  connect(credentials: XmppCredentials): Promise<ConnectResult>;
  /** Closes the stream cleanly (`<close/>`); the server forgets the session. Pending tracked sends fail. */
  disconnect(): Promise<void>;
  /** Drops the socket without closing the stream (as a network failure would), so the session can be resumed. */
  terminate(reason?: ChatError): void;
  /**
   * Lets the online, resumable stream go for another client of the same user to resume (`takeOverStream` there):
   * the socket is dropped without `<close/>` and the transport is `offline`, as after `disconnect()`, without
   * reconnecting. Null, leaving the stream as it is, when it cannot be resumed.
   */
  handOverStream(): StreamHandover | null;
  /** The next connect resumes the stream another client handed over, else binds afresh as ever. */
  takeOverStream(handover: StreamHandover): void;
  /** Sends a stanza; rejects with `ChatError("network")` when not online. */
  send(element: Element): Promise<void>;
  /**
   * Sends a stanza and resolves when stream management acknowledges that very stanza; rejects with
   * `ChatError("network")` if the stream dies before the ack and cannot be resumed (so the outbox can retry).
   */
  sendTracked(element: Element): Promise<void>;
  /** Asks the server for an ack now (`<r/>`) when tracked stanzas wait for one: the end of a burst. */
  requestAck(): void;
  /** Sends an iq (an id is added if missing) and resolves with the result `<iq>`; rejects with the stanza error or `timeout`. */
  iq(element: Element, options?: { timeoutMs?: number }): Promise<Element>;
  /** Pings the server (`urn:xmpp:ping`); rejects with `timeout` if no answer comes in `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  /** Registers the answer to incoming `<iq type>` whose payload is `<name xmlns>`; returns the unregister function. */
  onIq(type: "get" | "set", xmlns: string, name: string, handler: IqHandler): () => void;
  /** Every incoming message, presence and iq stanza, after @xmpp's own handlers (replies consumed by `iq()` excluded). */
  readonly stanza$: Observable<Element>;
  /** The status, current value first. */
  readonly status$: Observable<TransportState>;
  /**
   * Bad input from the server that the transport survived, as `protocol` ChatErrors: a malformed frame (the stream
   * is then closed, and the connection reconnects), a stanza from another domain or an incoming element that could
   * not be handled (both dropped).
   */
  readonly error$: Observable<ChatError>;
  /** The current status. */
  readonly state: TransportState;
  /** Whether the last successful connect resumed the stream. */
  readonly resumed: boolean;
  /** The bound full JID, or null before the first bind. */
  readonly jid: string | null;
  /** Stops everything for good: disconnects and completes the observables. */
  dispose(): Promise<void>;
}
