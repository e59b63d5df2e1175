import type { Element } from "ltx";
import { parse } from "ltx";
import type { ChatHub, ServerContext } from "../context.js";
import type { XmppSession } from "./session.js";
import { cloneElement, el, NS } from "./stanzas.js";

/** At most this many stanzas are kept for an offline user; the oldest go first. */
const OFFLINE_LIMIT = 1000;

/** The bound sessions of every user, offline storage, and delivery to users. */
export class SessionRegistry implements ChatHub {
  private readonly byUser = new Map<number, Map<string, XmppSession>>();
  /** Sessions a client may resume, by stream-management id. */
  readonly resumable = new Map<string, XmppSession>();
  /** Called when a user's first session comes online or the last one goes. */
  onUserOnlineChange: (userId: number, online: boolean) => void = () => {};

  constructor(private readonly ctx: ServerContext) {}

  /** The sessions of a user (empty when offline). */
  sessionsOf(userId: number): XmppSession[] {
    const sessions = this.byUser.get(userId);
    return sessions ? [...sessions.values()] : [];
  }

  /** Every session, for shutdown. */
  all(): XmppSession[] {
    return [...this.byUser.values()].flatMap((sessions) => [...sessions.values()]);
  }

  /** The session of a full JID's user and resource. */
  find(userId: number, resource: string): XmppSession | undefined {
    return this.byUser.get(userId)?.get(resource);
  }

  /** Registers a bound session. Returns the session it replaced (same resource), if any. */
  add(session: XmppSession): XmppSession | undefined {
    let sessions = this.byUser.get(session.userId);
    const first = !sessions || sessions.size === 0;
    if (!sessions) this.byUser.set(session.userId, (sessions = new Map()));
    const previous = sessions.get(session.resource);
    sessions.set(session.resource, session);
    if (first) this.onUserOnlineChange(session.userId, true);
    return previous;
  }

  /** Unregisters a session; tells listeners when it was the user's last one. */
  remove(session: XmppSession): void {
    const sessions = this.byUser.get(session.userId);
    if (!sessions || sessions.get(session.resource) !== session) return;
    sessions.delete(session.resource);
    if (session.sm.id) this.resumable.delete(session.sm.id);
    if (sessions.size === 0) {
      this.byUser.delete(session.userId);
      this.ctx.db.lastSeen.set(session.userId, this.ctx.clock());
      this.ctx.db.changed("lastSeen", session.userId);
      this.onUserOnlineChange(session.userId, false);
    }
  }

  isOnline(userId: number): boolean {
    return (this.byUser.get(userId)?.size ?? 0) > 0;
  }

  isActive(userId: number): boolean {
    return this.sessionsOf(userId).some((session) => session.available && !session.inactive && session.sink !== null);
  }

  deliverToUser(userId: number, stanza: Element, options: { offline?: "store" | "drop" } = {}): void {
    const sessions = this.sessionsOf(userId);
    if (sessions.length === 0 || (options.offline === "store" && this.mustQueueBehindStored(userId, sessions))) {
      if (options.offline === "store") this.storeOffline(userId, stanza);
      return;
    }
    for (const session of sessions) session.send(stanza);
  }

  /**
   * True while stanzas kept for a user wait for a session's initial presence: a stanza that arrives for a session
   * already bound but not yet available goes behind them, so the user gets everything in the order it was sent.
   */
  private mustQueueBehindStored(userId: number, sessions: XmppSession[]): boolean {
    return (this.ctx.db.offline.get(userId)?.length ?? 0) > 0 && !sessions.some((session) => session.available);
  }

  /** Keeps a stanza for a user who is offline, stamped with `<delay>` (XEP-0203). */
  storeOffline(userId: number, stanza: Element): void {
    if (!this.ctx.db.users.has(userId)) return;
    const copy = cloneElement(stanza);
    delete copy.attrs.to;
    if (!copy.getChild("delay", NS.delay)) {
      copy.cnode(
        el("delay", { xmlns: NS.delay, from: this.ctx.domain, stamp: new Date(this.ctx.clock()).toISOString() }),
      );
    }
    let queue = this.ctx.db.offline.get(userId);
    if (!queue) this.ctx.db.offline.set(userId, (queue = []));
    queue.push(copy.toString());
    if (queue.length > OFFLINE_LIMIT) queue.splice(0, queue.length - OFFLINE_LIMIT);
    this.ctx.db.changed("offline", userId);
  }

  /** Keeps an unacknowledged message (serialised) for later, if it is one worth keeping; presences and iqs are not. */
  storeOfflineXml(userId: number, xml: string): void {
    let stanza: Element;
    try {
      stanza = parse(xml);
    } catch {
      return;
    }
    if (stanza.name !== "message" || stanza.attrs.type === "error") return;
    const worth =
      stanza.getChild("body") ||
      stanza.getChild("received", NS.markers) ||
      stanza.getChild("displayed", NS.markers) ||
      stanza.getChild("remove", NS.remove) ||
      stanza.getChild("extraParams");
    if (worth) this.storeOffline(userId, stanza);
  }

  /** Sends a session everything kept for its user while offline, and forgets it. */
  flushOffline(session: XmppSession): void {
    const queue = this.ctx.db.offline.get(session.userId);
    if (!queue || queue.length === 0) return;
    this.ctx.db.offline.delete(session.userId);
    this.ctx.db.changed("offline", session.userId);
    for (const xml of queue) {
      try {
        session.send(parse(xml));
      } catch {
        // A stanza that no longer parses (a hand-edited data file) is dropped rather than blocking the rest.
      }
    }
  }
}
