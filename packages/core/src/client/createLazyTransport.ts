import type { Element } from "@xmpp/xml";
import { BehaviorSubject, Subject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import type {
  IqHandler,
  TransportState,
  XmppTransport,
  XmppTransportOptions,
} from "../xmpp/transport/XmppTransport.js";

/** Loads the module that makes the real transport (a dynamic `import()`: its own chunk). */
export type TransportLoader = () => Promise<{
  createXmppTransport(options: XmppTransportOptions): XmppTransport;
}>;

const notConnected = () => new ChatError("network", "Not connected to the chat server");

/**
 * The XMPP transport behind a dynamic `import()` (docs/decisions.md, "A small bundle"): the @xmpp client, its stream
 * parser and Node's `events` polyfill are a chunk of their own that a chat screen does not need before it shows the
 * cached dialogs. The chunk starts loading when the client is made; `connect()` waits for it. Until it is there the
 * transport is what a real one is before its first connect: `offline`, sends rejected as not connected, iq handlers
 * kept and registered once it arrives. A chunk that fails to load fails that connect (`network`); the next connect
 * loads it again.
 */
export function createLazyTransport(options: XmppTransportOptions, load: TransportLoader) {
  const stanzas = new Subject<Element>();
  const states = new BehaviorSubject<TransportState>({ status: "offline", error: null, resumed: false });
  const badInput = new Subject<ChatError>();
  const handlers = new Set<{ args: Parameters<XmppTransport["onIq"]>; off: (() => void) | null }>();
  let real: XmppTransport | null = null;
  let loading: Promise<XmppTransport> | null = null;
  /** Bumped by `disconnect`/`terminate`/`dispose`: a connect that waited for the chunk across one gives up. */
  let generation = 0;
  let disposed = false;
  /** A stream handed over by another tab, for the transport still loading to resume. */
  let handedOver: Parameters<XmppTransport["takeOverStream"]>[0] | null = null;

  const adopt = (transport: XmppTransport): XmppTransport => {
    real = transport;
    transport.stanza$.subscribe(stanzas);
    transport.error$.subscribe(badInput);
    transport.status$.subscribe({
      next: (state) => {
        const now = states.getValue();
        if (state.status !== now.status || state.error !== now.error || state.resumed !== now.resumed)
          states.next(state);
      },
    });
    for (const handler of handlers) handler.off = transport.onIq(...handler.args);
    if (handedOver) transport.takeOverStream(handedOver);
    handedOver = null;
    return transport;
  };
  const ready = (): Promise<XmppTransport> => {
    if (real) return Promise.resolve(real);
    loading ??= load().then(
      (module) => {
        if (disposed) throw new ChatError("network", "The client was disposed");
        return adopt(module.createXmppTransport(options));
      },
      (error: unknown) => {
        loading = null;
        throw new ChatError("network", "Could not load the chat connection", { cause: error });
      },
    );
    return loading;
  };
  void ready().catch(() => {}); // start at once; a failure is reported by the connect that needs it

  const transport: XmppTransport = {
    async connect(credentials) {
      const started = generation;
      const loaded = await ready();
      if (started !== generation || disposed) throw new ChatError("network", "The connection was closed");
      return loaded.connect(credentials);
    },
    async disconnect() {
      generation++;
      await real?.disconnect();
    },
    terminate(reason) {
      generation++;
      real?.terminate(reason);
    },
    handOverStream: () => real?.handOverStream() ?? null,
    takeOverStream(handover) {
      if (real) real.takeOverStream(handover);
      else handedOver = handover;
    },
    send: (element) => (real ? real.send(element) : Promise.reject(notConnected())),
    sendTracked: (element) => (real ? real.sendTracked(element) : Promise.reject(notConnected())),
    requestAck: () => real?.requestAck(),
    iq: (element, iqOptions) => (real ? real.iq(element, iqOptions) : Promise.reject(notConnected())),
    ping: (timeoutMs) => (real ? real.ping(timeoutMs) : Promise.reject(notConnected())),
    onIq(type: "get" | "set", xmlns: string, name: string, handler: IqHandler) {
      const entry = {
        args: [type, xmlns, name, handler] as Parameters<XmppTransport["onIq"]>,
        off: null as (() => void) | null,
      };
      handlers.add(entry);
      if (real) entry.off = real.onIq(type, xmlns, name, handler);
      return () => {
        handlers.delete(entry);
        entry.off?.();
      };
    },
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
      return real?.jid ?? null;
    },
    async dispose() {
      disposed = true;
      generation++;
      await real?.dispose(); // a chunk still on its way makes no transport now
      stanzas.complete();
      states.complete();
      badInput.complete();
    },
  };
  return transport;
}
