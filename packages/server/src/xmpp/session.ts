import type { Element } from "ltx";
import { el, NS } from "./stanzas.js";

/** What a session writes to; a connection implements it. Null while a resumable session waits for its client. */
export interface SessionSink {
  write(xml: string): void;
}

/** Stream management (XEP-0198) counters of one session. */
export interface SmState {
  enabled: boolean;
  /** Stanzas received from the client since `<enable/>`. */
  inbound: number;
  /** Stanzas sent to the client since `<enable/>`. */
  outbound: number;
  /** Stanzas sent and not yet acknowledged, oldest first, serialised. */
  unacked: string[];
  resumable: boolean;
  /** The id a client resumes with. */
  id: string | null;
  /** Seconds a detached session is kept for resumption. */
  max: number;
  /** Pending `<r/>` to the client. */
  requestTimer: NodeJS.Timeout | null;
}

/** A bound resource of a user: what routing delivers to. It outlives its socket while it can be resumed. */
export class XmppSession {
  sink: SessionSink | null;
  carbons = false;
  /** Sent initial presence. */
  available = false;
  /** Marked inactive with the mobile v2 iq (push notifications go out while connected). */
  inactive = false;
  /** This session's active privacy list, if it chose one. */
  activePrivacyList: string | null = null;
  /** Last presence the session broadcast (without `to`), for probes and room joins. */
  presence: Element | null = null;
  /** Dialog ids of the rooms joined. */
  readonly rooms = new Set<string>();
  readonly sm: SmState = {
    enabled: false,
    inbound: 0,
    outbound: 0,
    unacked: [],
    resumable: false,
    id: null,
    max: 60,
    requestTimer: null,
  };
  detachTimer: NodeJS.Timeout | null = null;
  ended = false;

  constructor(
    readonly userId: number,
    readonly resource: string,
    readonly bareJid: string,
    sink: SessionSink,
  ) {
    this.sink = sink;
  }

  /** `bare/resource` */
  get fullJid(): string {
    return `${this.bareJid}/${this.resource}`;
  }

  /** Sends a stanza addressed to this session (sets `to`), counting it for stream management. */
  send(stanza: Element): void {
    if (this.ended) return;
    stanza.attrs.to = this.fullJid;
    const xml = stanza.toString();
    if (this.sm.enabled) {
      this.sm.outbound++;
      this.sm.unacked.push(xml);
      this.scheduleRequest();
    }
    this.sink?.write(xml);
  }

  /** Writes a non-stanza element (SM, stream-level) without counting it. */
  sendRaw(element: Element): void {
    this.sink?.write(element.toString());
  }

  /** Handles `<a h="N"/>` from the client: drops acknowledged stanzas. */
  acknowledge(h: number): void {
    const acked = this.sm.outbound - this.sm.unacked.length;
    const count = Math.max(0, Math.min(this.sm.unacked.length, h - acked));
    this.sm.unacked.splice(0, count);
  }

  private scheduleRequest(): void {
    if (this.sm.requestTimer || !this.sink) return;
    this.sm.requestTimer = setTimeout(() => {
      this.sm.requestTimer = null;
      if (this.sm.unacked.length && this.sink) this.sendRaw(el("r", { xmlns: NS.sm }));
    }, 250);
    this.sm.requestTimer.unref?.();
  }

  /** Stops timers; the session no longer receives anything. */
  end(): void {
    this.ended = true;
    if (this.sm.requestTimer) clearTimeout(this.sm.requestTimer);
    if (this.detachTimer) clearTimeout(this.detachTimer);
    this.sm.requestTimer = null;
    this.detachTimer = null;
    this.sink = null;
  }
}
