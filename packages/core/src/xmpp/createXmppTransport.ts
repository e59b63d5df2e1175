import type { Element } from "@xmpp/xml";
import { BehaviorSubject, Subject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import { systemClock } from "../time/clock.js";
import { buildPing } from "./stanzas/ping.js";
import { createAckTracker } from "./transport/createAckTracker.js";
import { type ConnectAttempt, createConnectAttempt } from "./transport/createConnectAttempt.js";
import { createDropper } from "./transport/createDropper.js";
import { createIncomingRouter } from "./transport/createIncomingRouter.js";
import { createIqTracker } from "./transport/createIqTracker.js";
import { createTrackedSender } from "./transport/createTrackedSender.js";
import { createXmppEntity } from "./transport/createXmppEntity.js";
import { failUnresumableQueue } from "./transport/failUnresumableQueue.js";
import { guardFrames } from "./transport/guardFrames.js";
import { guardIncoming } from "./transport/guardIncoming.js";
import { adoptStream, takeStream } from "./transport/handOverStream.js";
import { startSession } from "./transport/startSession.js";
import { toTransportError } from "./transport/toTransportError.js";
import { watchNegotiation } from "./transport/watchNegotiation.js";
import type {
  ConnectResult,
  TransportState,
  XmppCredentials,
  XmppTransport,
  XmppTransportOptions,
} from "./transport/XmppTransport.js";

/** Default timeout of `ping()`. */
const DEFAULT_PING_TIMEOUT_MS = 10_000;

const notConnected = () => new ChatError("network", "Not connected to the chat server");

/**
 * Creates the XMPP transport of one user over @xmpp 0.14 (`composeXmppClient`; docs/protocol.md §7, §13): SASL with
 * the user's password or session token, bind as `{userId}-{appId}@{domain}`, stream management with resumption,
 * carbons, initial presence. @xmpp has no reconnect here: `createConnection` decides when to call `connect()` again.
 */
export function createXmppTransport(options: XmppTransportOptions): XmppTransport {
  const clock = options.clock ?? systemClock;
  const { logger } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 20_000;
  const iqTimeoutMs = options.iqTimeoutMs ?? 15_000;
  const ctx = { appId: options.appId, domain: options.domain };
  const stanzas = new Subject<Element>();
  const states = new BehaviorSubject<TransportState>({ status: "offline", error: null, resumed: false });
  const badInput = new Subject<ChatError>();
  let credentials: XmppCredentials | null = null;
  let attempt: ConnectAttempt | null = null;
  /** An error seen before the socket closed (a stream error, a socket error), reported with the disconnect. */
  let pendingError: ChatError | null = null;
  let closing = false;
  /** Stops listening for the answer to resuming a stream another client handed over. */
  let stopAdopting: (() => void) | null = null;

  const setState = (next: Partial<TransportState>): void => states.next({ ...states.getValue(), ...next });
  const jid = (): string => entity.jid?.toString() ?? "";

  const entity = createXmppEntity({
    service: options.service,
    domain: options.domain,
    resource: options.resource,
    WebSocket: options.WebSocket,
    logger,
    credentials: () =>
      credentials && { username: `${credentials.userId}-${options.appId}`, password: credentials.password },
  });
  const dropper = createDropper(entity);
  const drop = dropper.drop;
  guardFrames(entity, (error) => badInput.next(error));
  guardIncoming(entity, logger, (error) => badInput.next(error));
  const send = async (element: Element): Promise<void> => {
    try {
      await entity.send(element);
    } catch (error) {
      throw toTransportError(error);
    }
  };
  const iqs = createIqTracker({ clock, send });
  const acks = createAckTracker(entity.streamManagement);
  const router = createIncomingRouter({
    iqs,
    emit: (stanza) => stanzas.next(stanza),
    domain: options.domain,
    onForeign: (error) => badInput.next(error),
    logger,
  });
  entity.middleware.use(router.middleware);

  const negotiation = watchNegotiation(entity, {
    onOpen() {
      if (attempt && states.getValue().status === "connecting") setState({ status: "authenticating" });
    },
    onSessionReady() {
      if (attempt) startSession(attempt, { iqs, send, jid, iqTimeoutMs, logger });
    },
    onResumed() {
      attempt?.succeed({ resumed: true, jid: jid() });
    },
  });

  entity.on("error", (error: unknown) => {
    const chatError = toTransportError(error);
    logger?.debug?.("xmpp error", chatError);
    if (attempt) attempt.fail(chatError);
    else pendingError = chatError;
  });
  entity.on("disconnect", () => {
    const error = pendingError ?? new ChatError("network", "The connection to the chat server was lost");
    pendingError = null;
    if (closing) return;
    if (attempt) attempt.fail(error);
    else if (states.getValue().status === "online") setState({ status: "disconnected", error });
  });

  const startAttempt = (next: XmppCredentials): ConnectAttempt => {
    const current = createConnectAttempt({
      credentials: next,
      clock,
      timeoutMs: connectTimeoutMs,
      onSettle(outcome) {
        if (attempt === current) attempt = null;
        if (outcome.ok) {
          pendingError = null;
          setState({ status: "online", error: null, resumed: outcome.result.resumed });
        } else {
          setState({ status: "disconnected", error: outcome.error });
          void drop(outcome.error);
        }
      },
    });
    attempt = current;
    return current;
  };

  const connect = async (next: XmppCredentials): Promise<ConnectResult> => {
    if (attempt && sameCredentials(attempt.credentials, next)) return attempt.promise;
    attempt?.fail(new ChatError("network", "Superseded by another connect()"));
    const online = states.getValue().status === "online";
    if (online && credentials && sameCredentials(credentials, next)) {
      return { resumed: states.getValue().resumed, jid: jid() };
    }
    // Another user must not resume this user's session: close it for good first.
    if (credentials && credentials.userId !== next.userId && entity.status !== "offline") await stopEntity();
    await drop();
    if (attempt && sameCredentials(attempt.credentials, next)) return attempt.promise;
    credentials = next;
    negotiation.reset();
    failUnresumableQueue(entity.streamManagement);
    const current = startAttempt(next);
    setState({ status: "connecting", error: null });
    // Opening resolves before negotiation ends; what settles the attempt is `online`/`resumed`, an error or the timer.
    void (async () => {
      await entity.connect(options.service);
      await entity.open({ domain: options.domain, lang: entity.options.lang });
    })().catch((error: unknown) => current.fail(toTransportError(error)));
    return current.promise;
  };

  const stopEntity = async (): Promise<void> => {
    // A drop already decided comes first; otherwise it could cut the `<close/>` handshake short.
    if (dropper.pending) await dropper.pending;
    closing = true;
    try {
      if (entity.status !== "offline") await entity.stop();
    } catch (error) {
      logger?.debug?.("error while closing the stream", error);
    } finally {
      closing = false;
      pendingError = null;
    }
  };

  const disconnect = async (): Promise<void> => {
    attempt?.fail(new ChatError("network", "Disconnected"));
    await stopEntity();
    const gone = new ChatError("network", "Disconnected");
    iqs.failAll(gone);
    acks.failAll(gone);
    setState({ status: "offline", error: null });
  };

  const iq = (element: Element, iqOptions: { timeoutMs?: number } = {}): Promise<Element> => {
    if (states.getValue().status !== "online") return Promise.reject(notConnected());
    return iqs.request(element, iqOptions.timeoutMs ?? iqTimeoutMs);
  };

  const ping = async (timeoutMs = DEFAULT_PING_TIMEOUT_MS): Promise<void> => {
    await iq(buildPing(ctx), { timeoutMs });
  };
  const tracked = createTrackedSender({
    entity,
    acks,
    clock,
    isOnline: () => states.getValue().status === "online",
    send,
    ping,
    iqTimeoutMs,
  });

  return {
    connect,
    disconnect,
    handOverStream() {
      if (attempt || states.getValue().status !== "online") return null;
      closing = true; // the drop is no loss to report: no reconnect
      try {
        const handover = takeStream(entity);
        if (!handover) return null;
        const gone = new ChatError("network", "The stream was handed over to another tab");
        iqs.failAll(gone);
        acks.failAll(gone);
        setState({ status: "offline", error: null, resumed: false });
        return handover;
      } finally {
        closing = false;
        pendingError = null;
      }
    },
    takeOverStream(handover) {
      if (attempt || states.getValue().status === "online") return;
      stopAdopting?.();
      stopAdopting = adoptStream(entity, handover);
    },
    terminate(reason) {
      const error = reason ?? new ChatError("network", "The connection was dropped");
      if (closing) return;
      if (attempt) attempt.fail(error);
      else if (states.getValue().status === "online") {
        pendingError = error;
        setState({ status: "disconnected", error });
        void drop(error);
      }
    },
    async send(element) {
      if (states.getValue().status !== "online") throw notConnected();
      await send(element);
    },
    async sendTracked(element) {
      if (states.getValue().status !== "online") throw notConnected();
      await tracked.sendTracked(element);
    },
    requestAck: () => tracked.requestAck(),
    iq,
    ping,
    onIq: router.onIq,
    stanza$: stanzas.asObservable(),
    status$: states.asObservable(),
    error$: badInput.asObservable(),
    get state() {
      return states.getValue();
    },
    get resumed() {
      return states.getValue().resumed;
    },
    get jid() {
      return entity.jid?.toString() ?? null;
    },
    async dispose() {
      await disconnect();
      stopAdopting?.();
      acks.dispose();
      negotiation.dispose();
      stanzas.complete();
      states.complete();
      badInput.complete();
    },
  };
}

function sameCredentials(a: XmppCredentials, b: XmppCredentials): boolean {
  return a.userId === b.userId && a.password === b.password;
}
