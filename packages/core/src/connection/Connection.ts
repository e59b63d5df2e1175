import type { Observable } from "rxjs";
import type { Readable } from "../reactive/readable.js";
import type { Clock } from "../time/clock.js";
import type { XmppCredentials, XmppTransport } from "../xmpp/transport/XmppTransport.js";
import type { ConnectedEvent, ConnectionState } from "./ConnectionState.js";
import type { BackoffOptions } from "./createBackoff.js";
import type { NetworkEventSource } from "./createBrowserNetworkSource.js";

/** The part of the transport the connection drives (a fake in unit tests). */
export type ConnectionTransport = Pick<XmppTransport, "connect" | "disconnect" | "terminate" | "ping" | "status$">;

/** Credentials, or a function giving fresh ones before every attempt (e.g. a renewed REST session token). */
export type CredentialsSource = XmppCredentials | (() => XmppCredentials | Promise<XmppCredentials>);

/** Options of `createConnection`. */
export interface ConnectionOptions {
  /** The XMPP transport (`createXmppTransport`). */
  transport: ConnectionTransport;
  /** Time source for retry delays and pings. Default the system clock. */
  clock?: Clock;
  /**
   * Retry delays. Default `{ initialMs: 1000, maxMs: 30000, factor: 2, jitter: 0.5 }`. They start over once the
   * connection has stayed online for `STABLE_ONLINE_MS`.
   */
  backoff?: BackoffOptions;
  /** Random source of the jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Pause between liveness pings while online; 0 disables them. Default 30 s. */
  pingIntervalMs?: number;
  /** How long a ping may take before the connection counts as dead. Default 10 s. */
  pingTimeoutMs?: number;
  /** Network and visibility events. Default the browser's (none under SSR); `null` ignores the network. */
  network?: NetworkEventSource | null;
}

/** The connection manager: a state machine over the transport that reconnects by itself. */
export interface Connection {
  /** The connection state, for the UI. */
  readonly state: Readable<ConnectionState>;
  /**
   * Connects and keeps reconnecting (exponential backoff with jitter) until `disconnect()`. Resolves at the first
   * `online`; rejects with the ChatError if it ends in `failed` (wrong credentials), or if `disconnect()` comes first.
   */
  connect(credentials: CredentialsSource): Promise<void>;
  /** Closes the connection cleanly and stops reconnecting; the state goes to `idle`. */
  disconnect(): Promise<void>;
  /** Skips the wait of a scheduled retry (e.g. a "retry now" button). */
  retryNow(): void;
  /** Every time the connection comes online, with whether the stream was resumed. */
  readonly online$: Observable<ConnectedEvent>;
  /** Every time it comes online again after a loss (not the first time): sync refetches unless `resumed`. */
  readonly reconnected$: Observable<ConnectedEvent>;
  /** Disconnects, removes listeners and completes the observables. */
  dispose(): Promise<void>;
}
