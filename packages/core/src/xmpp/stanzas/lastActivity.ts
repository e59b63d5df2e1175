import type { Element } from "@xmpp/xml";
import { buildIq, type IqOptions } from "./iq.js";
import { type JidContext, userIdFromJid, userJid } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/** `<iq type="get" to="{user}"><query xmlns="jabber:iq:last"/></iq>` (XEP-0012, docs/protocol.md §13). */
export function buildLastActivityQuery(ctx: JidContext, userId: number, options: IqOptions = {}): Element {
  return buildIq("get", xml("query", { xmlns: NS.last }), { ...options, to: userJid(ctx, userId) });
}

/**
 * `<iq type="set"><subscribe xmlns="https://connectycube.com/protocol/status_streaming" user_jid enable/></iq>`:
 * ask the server to push a user's last activity as it changes (docs/protocol.md §13).
 */
export function buildLastActivitySubscription(
  ctx: JidContext,
  userId: number,
  enable: boolean,
  options: IqOptions = {},
): Element {
  return buildIq(
    "set",
    xml("subscribe", { xmlns: NS.statusStreaming, user_jid: userJid(ctx, userId), enable: enable ? "true" : "false" }),
    options,
  );
}

/** A user's idle time. */
export interface LastActivity {
  userId: number;
  /** Seconds since the user's last activity (0 = active now). */
  seconds: number;
  /** The `online="true|false"` attribute some servers (chatcube-server) add to the query; absent when not sent. */
  online?: boolean;
}

/**
 * Reads a last-activity answer or push: an iq with a user `from` and `<query xmlns="jabber:iq:last" seconds/>`.
 * Null for anything else (including error iqs, which mean "never logged in").
 */
export function parseLastActivity(iq: Element): LastActivity | null {
  if (iq.name !== "iq" || iq.attrs.type === "error") return null;
  const query = iq.getChild("query", NS.last);
  const userId = userIdFromJid(String(iq.attrs.from ?? ""));
  const seconds = Number.parseInt(String(query?.attrs.seconds ?? ""), 10);
  if (!query || userId === null || !Number.isInteger(seconds) || seconds < 0) return null;
  const online = query.attrs.online;
  return online === "true" || online === "false" ? { userId, seconds, online: online === "true" } : { userId, seconds };
}
