import { filter, type Observable, Subject } from "rxjs";
import { ChatError, isChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { type Clock, systemClock, type TimerHandle } from "../time/clock.js";
import type { XmppCredentials, XmppTransport } from "../xmpp/transport/XmppTransport.js";
import type { ConnectedEvent, ConnectionState, ConnectionStatus } from "./ConnectionState.js";
import { type BackoffOptions, createBackoff } from "./createBackoff.js";
import {
  createBrowserNetworkSource,
  type NetworkEvent,
  type NetworkEventSource,
} from "./createBrowserNetworkSource.js";
import { createKeepAlive } from "./createKeepAlive.js";

/**
 * How long a connection must stay online before the backoff starts over. A server that accepts the connection and
 * drops it at once would otherwise be retried at the first delay forever.
 */
export const STABLE_ONLINE_MS = 10_000;

/** The part of the transport the connection drives (a fake in unit tests). */
export type ConnectionTransport = Pick<XmppTransport, "connect" | "disconnect" | "terminate" | "ping" | "status$">;

/** Credentials, or a function giving fresh ones before every attempt (e.g. a renewed REST session token). */
type CredentialsSource = XmppCredentials | (() => XmppCredentials | Promise<XmppCredentials>);

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

/** Creates the connection state machine: `idle → connecting → authenticating → online ↔ reconnecting → offline | failed`. */
export function createConnection(options: ConnectionOptions): Connection {
  const { transport } = options;
  const clock = options.clock ?? systemClock;
  const network = options.network === undefined ? createBrowserNetworkSource() : options.network;
  const backoff = createBackoff(options.backoff, options.random);
  const store = createStore<ConnectionState>({ status: "idle", since: clock.now(), attempt: 0, lastError: null });
  const online$ = new Subject<ConnectedEvent>();
  let source: CredentialsSource | null = null;
  let run = 0;
  let everOnline = false;
  let retryTimer: TimerHandle | null = null;
  let stableTimer: TimerHandle | null = null;
  let waiters: Array<{ resolve(): void; reject(error: ChatError): void }> = [];

  const set = (status: ConnectionStatus, patch: Partial<Omit<ConnectionState, "status" | "since">> = {}): void => {
    const current = store.get();
    const since = current.status === status ? current.since : clock.now();
    store.set({ ...current, ...patch, status, since });
  };
  const settleWaiters = (error: ChatError | null): void => {
    const pending = waiters;
    waiters = [];
    for (const waiter of pending) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };
  const cancelRetry = (): void => {
    if (retryTimer !== null) clock.clearTimeout(retryTimer);
    retryTimer = null;
  };
  const cancelStable = (): void => {
    if (stableTimer !== null) clock.clearTimeout(stableTimer);
    stableTimer = null;
  };
  const networkDown = (): boolean => network !== null && !network.isOnline();
  const isActive = (status: ConnectionStatus): boolean => status !== "idle" && status !== "failed";

  const keepAlive = createKeepAlive({
    clock,
    intervalMs: options.pingIntervalMs ?? 30_000,
    timeoutMs: options.pingTimeoutMs ?? 10_000,
    ping: (timeoutMs) => transport.ping(timeoutMs),
    onDead(error) {
      lost(error);
      transport.terminate(error);
    },
  });

  const goOffline = (error: ChatError): void => {
    run += 1;
    cancelRetry();
    cancelStable();
    keepAlive.stop();
    set("offline", { attempt: 0, lastError: error });
  };

  const attempt = async (): Promise<void> => {
    cancelRetry();
    const current = ++run;
    const previous = store.get().attempt;
    set(everOnline || previous > 0 ? "reconnecting" : "connecting", { attempt: previous + 1 });
    try {
      if (!source) throw new ChatError("unauthorized", "No credentials");
      const credentials = typeof source === "function" ? await source() : source;
      if (current !== run) return;
      const result = await transport.connect(credentials);
      if (current !== run) return;
      cancelStable();
      stableTimer = clock.setTimeout(() => {
        stableTimer = null;
        backoff.reset();
      }, STABLE_ONLINE_MS);
      set("online", { attempt: 0, lastError: null });
      keepAlive.start();
      const event: ConnectedEvent = { resumed: result.resumed, reconnect: everOnline };
      everOnline = true;
      settleWaiters(null);
      online$.next(event);
    } catch (caught) {
      if (current !== run) return;
      const error = toChatError(caught);
      if (isChatError(error, "unauthorized")) return fail(error);
      retryLater(error);
    }
  };

  /** Schedules the next attempt after the backoff delay (or waits for the network); `attempt` overrides the count. */
  const retryLater = (error: ChatError, attemptCount = store.get().attempt): void => {
    if (networkDown()) return goOffline(error);
    const delay = backoff.next();
    set("reconnecting", { attempt: attemptCount, lastError: error });
    const current = run;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      if (current === run) void attempt();
    }, delay);
  };

  const fail = (error: ChatError): void => {
    run += 1;
    cancelRetry();
    cancelStable();
    keepAlive.stop();
    set("failed", { lastError: error });
    settleWaiters(error);
    void transport.disconnect().catch(() => {});
  };

  /** The online connection died (transport report, or a ping went unanswered). */
  const lost = (error: ChatError): void => {
    if (store.get().status !== "online") return;
    run += 1;
    cancelStable();
    keepAlive.stop();
    retryLater(error, 0);
  };

  const statusSubscription = transport.status$.subscribe((state) => {
    const status = store.get().status;
    if (state.status === "authenticating" && status === "connecting") set("authenticating");
    if (state.status === "disconnected" && status === "online") {
      lost(state.error ?? new ChatError("network", "The connection was lost"));
    }
  });

  const onNetwork = (event: NetworkEvent): void => {
    const status = store.get().status;
    if (!isActive(status)) return;
    if (event === "offline" && status !== "offline") {
      const error = new ChatError("network", "The device is offline");
      goOffline(error);
      transport.terminate(error);
    } else if (event === "online" && status === "offline") {
      backoff.reset();
      void attempt();
    } else if (event === "visible") {
      if (status === "online") keepAlive.checkNow();
      else if (status === "reconnecting" && retryTimer !== null) void attempt();
    }
  };
  const unsubscribeNetwork = network?.subscribe(onNetwork) ?? (() => {});

  const disconnect = async (): Promise<void> => {
    run += 1;
    source = null;
    cancelRetry();
    cancelStable();
    keepAlive.stop();
    settleWaiters(new ChatError("network", "disconnect() was called before the connection came online"));
    set("idle", { attempt: 0, lastError: null });
    await transport.disconnect();
  };

  return {
    state: { get: store.get, subscribe: store.subscribe, value$: store.value$ },
    connect(credentials) {
      if (source === credentials && store.get().status === "online") return Promise.resolve();
      source = credentials;
      everOnline = false;
      backoff.reset();
      const promise = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      keepAlive.stop();
      set(store.get().status, { attempt: 0, lastError: null });
      if (networkDown()) goOffline(new ChatError("network", "The device is offline"));
      else void attempt();
      return promise;
    },
    disconnect,
    retryNow() {
      if (retryTimer !== null || store.get().status === "offline") void attempt();
    },
    online$: online$.asObservable(),
    reconnected$: online$.pipe(filter((event) => event.reconnect)),
    async dispose() {
      await disconnect();
      statusSubscription.unsubscribe();
      unsubscribeNetwork();
      online$.complete();
    },
  };
}
