import { randomBytes } from "node:crypto";
import { type Element, parse } from "ltx";
import type { WebSocket } from "ws";
import type { ServerContext } from "../context.js";
import { userIdOfAuthcid, userJid } from "../domain/jid.js";
import { userOfToken } from "../domain/sessions.js";
import { iqError } from "./errors.js";
import { XmppSession } from "./session.js";
import type { SessionRegistry } from "./sessionRegistry.js";
import { el, NS } from "./stanzas.js";

/** Largest frame (one stanza) accepted; a larger one ends the stream with `policy-violation`. */
const MAX_STANZA_BYTES = 256 * 1024;

/** What a connection hands bound stanzas and lifecycle events to. */
export interface StanzaRouter {
  /** A message, presence or iq from a bound session (its `from` already stamped). */
  route(session: XmppSession, stanza: Element): Promise<void> | void;
  /** A session bound or resumed on a new socket. */
  bound(session: XmppSession): void;
  /** A session is over for good (closed, or not resumed in time). */
  ended(session: XmppSession): void;
}

type Phase = "sasl" | "authenticated" | "bound" | "closed";

/** One XMPP-over-WebSocket connection (RFC 7395): framing, SASL PLAIN, bind, stream management. */
export class XmppConnection {
  private phase: Phase = "sasl";
  private userId: number | null = null;
  private session: XmppSession | null = null;
  private queue: Promise<void> = Promise.resolve();
  private alive = true;
  readonly streamId = randomBytes(8).toString("hex");

  constructor(
    private readonly ctx: ServerContext,
    private readonly ws: WebSocket,
    private readonly registry: SessionRegistry,
    private readonly router: StanzaRouter,
  ) {
    ws.on("message", (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      // Frames are handled one after another, so a stanza's effects (and its durability) precede the next one.
      this.queue = this.queue.then(() => this.onFrame(text, size)).catch((error: unknown) => this.internalError(error));
    });
    ws.on("close", () => this.onSocketClosed());
    ws.on("error", () => this.onSocketClosed());
    ws.on("pong", () => {
      this.alive = true;
    });
  }

  /** Liveness check: called periodically; terminates a socket that did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  /** The user of this connection once authenticated. */
  get user(): number | null {
    return this.userId;
  }

  /** Drops the socket without a closing handshake (as a network failure would). */
  terminate(): void {
    this.ws.terminate();
  }

  /** Ends the stream with a stream error (RFC 6120 §4.9) and closes the socket. */
  streamError(condition: string, text?: string): void {
    if (this.phase === "closed") return;
    const error = el("stream:error", { "xmlns:stream": NS.streams }, el(condition, { xmlns: NS.streamErrors }));
    if (text) error.cnode(el("text", { xmlns: NS.streamErrors }).t(text));
    this.write(error.toString());
    this.write(el("close", { xmlns: NS.framing }).toString());
    this.phase = "closed";
    this.ws.close();
  }

  /** Sends serialised XML if the socket is open. */
  write(xml: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(xml);
  }

  private async onFrame(text: string | null, size: number): Promise<void> {
    if (this.phase === "closed") return;
    if (size > MAX_STANZA_BYTES)
      return this.streamError("policy-violation", `stanza larger than ${MAX_STANZA_BYTES} bytes`);
    if (text === null) return this.streamError("unsupported-encoding", "binary frames are not XMPP");
    let element: Element;
    try {
      element = parse(text);
    } catch {
      return this.streamError("not-well-formed");
    }
    if (element.name === "open" && element.attrs.xmlns === NS.framing) return this.onOpen();
    if (element.name === "close" && element.attrs.xmlns === NS.framing) return this.onClose();
    switch (this.phase) {
      case "sasl":
        return this.onSasl(element);
      case "authenticated":
        return this.onAuthenticated(element);
      case "bound":
        return this.onBound(element);
    }
  }

  private onOpen(): void {
    this.write(
      el("open", {
        xmlns: NS.framing,
        from: this.ctx.domain,
        id: this.streamId,
        version: "1.0",
        "xml:lang": "en",
      }).toString(),
    );
    const features = el("stream:features", { "xmlns:stream": NS.streams });
    if (this.phase === "sasl") {
      features.cnode(el("mechanisms", { xmlns: NS.sasl }, el("mechanism", {}, "PLAIN")));
    } else {
      features.cnode(el("bind", { xmlns: NS.bind }));
      features.cnode(el("session", { xmlns: NS.session }, el("optional")));
      features.cnode(el("sm", { xmlns: NS.sm }));
      features.cnode(el("mobile", { xmlns: NS.mobile }));
    }
    this.write(features.toString());
  }

  private onClose(): void {
    this.write(el("close", { xmlns: NS.framing }).toString());
    this.phase = "closed";
    // A clean close ends the session for good: nothing is kept for resumption.
    if (this.session) this.endSession(this.session);
    this.ws.close();
  }

  private onSasl(element: Element): void {
    if (element.name !== "auth" || element.attrs.xmlns !== NS.sasl) {
      return this.streamError("not-authorized", "authenticate first");
    }
    const fail = (condition: string, text?: string) => {
      const failure = el("failure", { xmlns: NS.sasl }, el(condition));
      if (text) failure.cnode(el("text", { "xml:lang": "en" }, text));
      this.write(failure.toString());
    };
    if (element.attrs.mechanism !== "PLAIN") return fail("invalid-mechanism");
    const payload = element.getText().trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload === "" || payload === "=") return fail("incorrect-encoding");
    const parts = Buffer.from(payload, "base64").toString("utf8").split("\0");
    if (parts.length !== 3) return fail("incorrect-encoding");
    const [, authcid, password] = parts;
    const userId = this.resolveUser(authcid, password);
    if (userId === null) return fail("not-authorized", "wrong user id or password");
    this.userId = userId;
    this.phase = "authenticated";
    this.write(el("success", { xmlns: NS.sasl }).toString());
  }

  /** The user whose password, or live session token, this is (docs/protocol.md §7). */
  private resolveUser(authcid: string, password: string): number | null {
    const id = userIdOfAuthcid(this.ctx, authcid) ?? this.ctx.db.usersByLogin.get(authcid.toLowerCase())?.id ?? null;
    if (id === null) return null;
    const user = this.ctx.db.users.get(id);
    if (!user) return null;
    if (user.password !== "" && user.password === password) return id;
    return userOfToken(this.ctx, password)?.id === id ? id : null;
  }

  private onAuthenticated(element: Element): void {
    if (element.name === "resume" && element.attrs.xmlns === NS.sm) return this.onResume(element);
    if (element.name === "iq" && element.attrs.type === "set") {
      const bind = element.getChild("bind", NS.bind);
      if (bind) return this.onBind(element, bind);
    }
    if (element.name === "enable" && element.attrs.xmlns === NS.sm) {
      return this.write(el("failed", { xmlns: NS.sm }, el("unexpected-request", { xmlns: NS.stanzas })).toString());
    }
    if (element.name === "iq" && element.attrs.id) {
      // Anything but bind before binding is refused, not fatal.
      return this.write(iqError(element, "not-authorized", "auth").toString());
    }
    return this.streamError("not-authorized", "bind a resource first");
  }

  private onBind(iq: Element, bind: Element): void {
    const requested = (bind.getChildText("resource") ?? "").trim();
    const resource = /^[\w.-]{1,64}$/.test(requested) ? requested : `chatcube-${randomBytes(6).toString("hex")}`;
    const session = new XmppSession(this.userId!, resource, userJid(this.ctx, this.userId!), this);
    const replaced = this.registry.add(session);
    if (replaced) {
      // Same resource bound again: the old session is over (RFC 6120 §7.7.2.2, "conflict").
      replaced.sink?.write(conflictError());
      const sink = replaced.sink as unknown as XmppConnection | null;
      replaced.sink = null;
      this.router.ended(replaced);
      replaced.end();
      if (sink instanceof XmppConnection) sink.closeQuietly();
    }
    this.session = session;
    this.phase = "bound";
    this.write(
      el(
        "iq",
        { type: "result", id: iq.attrs.id },
        el("bind", { xmlns: NS.bind }, el("jid", {}, session.fullJid)),
      ).toString(),
    );
    this.router.bound(session);
  }

  /** Closes the socket without touching the session (it was taken over). */
  closeQuietly(): void {
    this.session = null;
    this.phase = "closed";
    this.ws.close();
  }

  private onResume(element: Element): void {
    const previous = this.registry.resumable.get(element.attrs.previd ?? "");
    const h = Number(element.attrs.h);
    if (!previous || previous.userId !== this.userId || previous.ended || !Number.isInteger(h)) {
      return this.write(el("failed", { xmlns: NS.sm }, el("item-not-found", { xmlns: NS.stanzas })).toString());
    }
    const oldSink = previous.sink;
    if (oldSink instanceof XmppConnection) oldSink.closeQuietly();
    if (previous.detachTimer) clearTimeout(previous.detachTimer);
    previous.detachTimer = null;
    previous.acknowledge(h);
    previous.sink = this;
    this.session = previous;
    this.phase = "bound";
    this.write(el("resumed", { xmlns: NS.sm, previd: previous.sm.id, h: previous.sm.inbound }).toString());
    for (const xml of previous.sm.unacked) this.write(xml);
    this.router.bound(previous);
  }

  private async onBound(element: Element): Promise<void> {
    const session = this.session!;
    if (element.attrs.xmlns === NS.sm) return this.onStreamManagement(session, element);
    if (element.name !== "message" && element.name !== "presence" && element.name !== "iq") {
      return this.streamError("unsupported-stanza-type", `<${element.name}> is not a stanza`);
    }
    if (session.sm.enabled) session.sm.inbound++;
    const from = element.attrs.from;
    if (from && from !== session.fullJid && from !== session.bareJid) return this.streamError("invalid-from");
    element.attrs.from = session.fullJid;
    await this.router.route(session, element);
    // Whatever the stanza changed (history, offline storage, rosters) is on disk before the next frame, such as
    // the <r/> whose <a/> acknowledges this stanza, is handled.
    await this.ctx.persistence.durable();
  }

  private onStreamManagement(session: XmppSession, element: Element): void {
    switch (element.name) {
      case "enable": {
        if (session.sm.enabled) {
          return session.sendRaw(el("failed", { xmlns: NS.sm }, el("unexpected-request", { xmlns: NS.stanzas })));
        }
        const resume = element.attrs.resume === "true" || element.attrs.resume === "1";
        session.sm.enabled = true;
        session.sm.resumable = resume;
        if (resume) {
          session.sm.id = randomBytes(12).toString("hex");
          const max = Number(element.attrs.max);
          session.sm.max = Number.isInteger(max) && max > 0 ? Math.min(max, 300) : 60;
          this.registry.resumable.set(session.sm.id, session);
        }
        return session.sendRaw(
          el("enabled", {
            xmlns: NS.sm,
            id: session.sm.id,
            resume: resume ? "true" : undefined,
            max: resume ? session.sm.max : undefined,
          }),
        );
      }
      case "r":
        return session.sendRaw(el("a", { xmlns: NS.sm, h: session.sm.inbound }));
      case "a": {
        const h = Number(element.attrs.h);
        if (!Number.isInteger(h) || h < 0) return this.streamError("undefined-condition", "bad h");
        if (h > session.sm.outbound)
          return this.streamError("undefined-condition", "h acknowledges more than was sent");
        return session.acknowledge(h);
      }
      default:
        return this.streamError("unsupported-stanza-type", `<${element.name}> is not a stream management element`);
    }
  }

  private onSocketClosed(): void {
    const wasClosed = this.phase === "closed";
    this.phase = "closed";
    const session = this.session;
    this.session = null;
    if (!session || (wasClosed && session.ended)) return;
    if (session.sink !== this) return; // taken over by a resumed or conflicting session
    session.sink = null;
    if (session.sm.enabled && session.sm.resumable && !session.ended) {
      session.detachTimer = setTimeout(() => this.endSession(session), session.sm.max * 1000);
      session.detachTimer.unref?.();
      return;
    }
    this.endSession(session);
  }

  private endSession(session: XmppSession): void {
    if (session.ended) return;
    this.router.ended(session);
    session.end();
  }

  private internalError(error: unknown): void {
    console.error("chatcube-server: error while handling a stanza", error);
    this.streamError("internal-server-error");
  }
}

function conflictError(): string {
  return el("stream:error", { "xmlns:stream": NS.streams }, el("conflict", { xmlns: NS.streamErrors })).toString();
}
