import type { Element } from "ltx";
import type { Db } from "./model/db.js";
import type { Persistence } from "./model/persistence.js";

/** What the REST side needs from the chat (XMPP) side: delivery and presence. */
export interface ChatHub {
  /** Sends a stanza to every connected resource of a user (or stores it for later when `offline` is "store"). */
  deliverToUser(userId: number, stanza: Element, options?: { offline?: "store" | "drop" }): void;
  /** True while the user has at least one bound XMPP session. */
  isOnline(userId: number): boolean;
  /** True while the user is online and has not marked every session inactive (mobile v2). */
  isActive(userId: number): boolean;
}

/** Everything a request or stanza handler may use. Factories take it by name; tests can build a small one. */
export interface ServerContext {
  db: Db;
  persistence: Persistence;
  appId: number;
  authKey: string;
  /** When set, a session request that carries a signature must match it (HMAC, docs/protocol.md §3). */
  authSecret: string | null;
  /** The chat domain, e.g. `localhost`. */
  domain: string;
  /** `muc.{domain}`. */
  mucDomain: string;
  /** Base URL of the REST API, known once the server listens. */
  apiUrl: string;
  /** Milliseconds since the epoch. */
  clock: () => number;
  chat: ChatHub;
  /** Session token lifetime in milliseconds (2 h), extended by each request. */
  sessionTtlMs: number;
}
