// Test-only (imported by *.test.ts, never by the library): an in-memory XMPP-over-WebSocket server behind a fake
// WebSocket class, to drive the transport without a network. It speaks just enough: SASL PLAIN, bind, stream
// management (enable, <r/>/<a/>), carbons; tests push any other frame by hand and read what the client wrote.
import xml, { type Element } from "@xmpp/xml";
import { parse } from "ltx";

type Listener = (event: { data?: string; wasClean?: boolean; error?: Error }) => void;

/** Options of `createFakeXmppSocket`. */
export interface FakeXmppServerOptions {
  domain?: string;
  /** The only password accepted. Default `secret-password`. */
  password?: string;
  /** Offer stream management after SASL. Default true. */
  sm?: boolean;
  /** Never answer the stream `<open/>` (a server that hangs). */
  silent?: boolean;
  /** Enable stream management with resumption (an id and `resume="true"`). Default true. */
  smResume?: boolean;
  /** Drop the socket right after the client's initial presence, this many times. Default 0. */
  dropAfterPresence?: number;
}

/** The fake server side and the WebSocket class the transport gets as its `WebSocket` option. */
export interface FakeXmppServer {
  /** Pass as `createXmppTransport({ WebSocket })`. */
  WebSocket: new (
    url: string,
    protocols?: string | string[],
  ) => unknown;
  /** Every element the client sent, parsed, in order. */
  readonly received: Element[];
  /** Sends raw XML text to the client as one frame. */
  push(frame: string): void;
  /** Closes the socket from the server side (uncleanly by default). */
  drop(): void;
  /** Stanzas the server counted since `<enable/>` (for `<a h/>`). */
  readonly handled: number;
}

/** Creates the fake server; one client socket at a time. */
export function createFakeXmppSocket(options: FakeXmppServerOptions = {}): FakeXmppServer {
  const domain = options.domain ?? "localhost";
  const password = options.password ?? "secret-password";
  const received: Element[] = [];
  let socket: FakeSocket | null = null;
  let authenticated = false;
  let smEnabled = false;
  let handled = 0;
  let jid = "";
  let dropsLeft = options.dropAfterPresence ?? 0;

  const reply = (element: Element | string) => socket?.deliver(String(element));
  const onFrame = (text: string): void => {
    const element = parse(text) as unknown as Element;
    received.push(element);
    if (element.is("open", "urn:ietf:params:xml:ns:xmpp-framing")) {
      if (options.silent) return;
      reply(xml("open", { xmlns: "urn:ietf:params:xml:ns:xmpp-framing", from: domain, id: "s1", version: "1.0" }));
      const features = xml("stream:features", { "xmlns:stream": "http://etherx.jabber.org/streams" });
      if (!authenticated) {
        features.append(
          xml("mechanisms", { xmlns: "urn:ietf:params:xml:ns:xmpp-sasl" }, xml("mechanism", {}, "PLAIN")),
        );
      } else {
        features.append(xml("bind", { xmlns: "urn:ietf:params:xml:ns:xmpp-bind" }));
        if (options.sm !== false) features.append(xml("sm", { xmlns: "urn:xmpp:sm:3" }));
      }
      return reply(features);
    }
    if (element.is("close", "urn:ietf:params:xml:ns:xmpp-framing"))
      return reply(xml("close", { xmlns: "urn:ietf:params:xml:ns:xmpp-framing" }));
    if (element.name === "auth") {
      const [, user, given] = atob(element.getText()).split("\0");
      if (given !== password)
        return reply(`<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>`);
      authenticated = true;
      jid = `${user}@${domain}/fake`;
      return reply(`<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`);
    }
    if (element.is("enable", "urn:xmpp:sm:3")) {
      smEnabled = true;
      handled = 0;
      if (options.smResume === false) return reply(`<enabled xmlns="urn:xmpp:sm:3"/>`);
      return reply(`<enabled xmlns="urn:xmpp:sm:3" id="sm-1" resume="true" max="60"/>`);
    }
    // It keeps no session across sockets: a resumption always fails, as after a server restart.
    if (element.is("resume", "urn:xmpp:sm:3")) {
      return reply(
        `<failed xmlns="urn:xmpp:sm:3"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></failed>`,
      );
    }
    if (element.is("r", "urn:xmpp:sm:3")) return reply(`<a xmlns="urn:xmpp:sm:3" h="${handled}"/>`);
    if (element.is("a", "urn:xmpp:sm:3")) return;
    if (smEnabled && ["message", "presence", "iq"].includes(element.name)) handled += 1;
    if (element.name === "presence" && !element.attrs.to && dropsLeft > 0) {
      dropsLeft -= 1;
      return socket?.shut(false);
    }
    if (element.name === "iq" && element.getChild("bind", "urn:ietf:params:xml:ns:xmpp-bind")) {
      return reply(
        `<iq type="result" id="${element.attrs.id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>${jid}</jid></bind></iq>`,
      );
    }
    if (element.name === "iq" && element.getChild("enable", "urn:xmpp:carbons:2")) {
      return reply(`<iq type="result" id="${element.attrs.id}" to="${jid}"/>`);
    }
  };

  class FakeSocket {
    private listeners = new Map<string, Set<Listener>>();
    constructor(readonly url: string) {
      socket = this;
      authenticated = false;
      smEnabled = false;
      setTimeout(() => this.emit("open", {}), 0);
    }
    addEventListener(type: string, listener: Listener): void {
      if (!this.listeners.has(type)) this.listeners.set(type, new Set());
      this.listeners.get(type)!.add(listener);
    }
    removeEventListener(type: string, listener: Listener): void {
      this.listeners.get(type)?.delete(listener);
    }
    send(data: string): void {
      if (socket === this) onFrame(data);
    }
    close(): void {
      this.shut(true);
    }
    deliver(data: string): void {
      setTimeout(() => this.emit("message", { data }), 0);
    }
    shut(clean: boolean): void {
      if (socket !== this) return;
      socket = null;
      setTimeout(() => this.emit("close", { wasClean: clean }), 0);
    }
    private emit(type: string, event: Parameters<Listener>[0]): void {
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
    }
  }

  return {
    WebSocket: FakeSocket,
    received,
    push: (frame) => socket?.deliver(frame),
    drop: () => socket?.shut(false),
    get handled() {
      return handled;
    },
  };
}
