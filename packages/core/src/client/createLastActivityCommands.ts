import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ConnectedEvent } from "../connection/ConnectionState.js";
import { ChatError, type ChatErrorJson } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { objectId } from "../model/ids.js";
import { createKeyedReadables } from "../reactive/createKeyedReadables.js";
import { createReadable } from "../reactive/createReadable.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { readableOf } from "../reactive/readableOf.js";
import { select } from "../reactive/select.js";
import { createSharedWatches } from "../tabs/createSharedWatches.js";
import type { TabShare } from "../tabs/createTabShare.js";
import type { Clock } from "../time/clock.js";
import type { StanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import { type JidContext, userJid } from "../xmpp/stanzas/jid.js";
import {
  buildLastActivityQuery,
  buildLastActivitySubscription,
  type LastActivity,
  parseLastActivity,
} from "../xmpp/stanzas/lastActivity.js";
import { NS } from "../xmpp/stanzas/namespaces.js";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";

/** What is known of a user's last activity (docs/protocol.md §13). */
export interface LastActivityState {
  /** True while the user is connected, false when not; null until known. */
  online: boolean | null;
  /** Seconds since they were last online (0 while online); null until known. */
  seconds: number | null;
  /** When they were last online (ms since the epoch; about now while online); null until known. */
  at: number | null;
  /** Why it is not known: `not-found` when the user was never online, `forbidden` when a privacy list hides it. */
  error: ChatError | null;
}

/** Nothing known. */
const UNKNOWN_ACTIVITY: LastActivityState = Object.freeze({ online: null, seconds: null, at: null, error: null });
/** The last activity of nobody in particular (`forUser(null)`, when no user is selected). */
const NOBODY_ACTIVITY: Readable<LastActivityState> = readableOf(UNKNOWN_ACTIVITY);

/** `client.lastActivity`. */
export interface LastActivityApi {
  /** A user's last activity, live: while it has subscribers the server streams their online/offline changes. */
  forUser(userId: number | null | undefined): Readable<LastActivityState>;
  /** Asks the server once (the answer also updates `forUser(userId)`). */
  query(userId: number): Promise<LastActivityState>;
}

/** Dependencies of the last-activity facade, by name. */
export interface LastActivityCommandsOptions {
  transport: Pick<XmppTransport, "iq" | "onIq">;
  /** Registers this feature's handler of incoming `<iq>` pushes (`xmpp/handlers/createStanzaRouter.ts`). */
  onStanza: StanzaRouter["on"];
  jid: JidContext;
  clock: Clock;
  /** True while the chat is online. */
  isOnline: () => boolean;
  /** Every time the chat comes online (streams are asked for again after a fresh connect). */
  online$: Observable<ConnectedEvent>;
  /** How long a user's stream stays on after the last subscriber leaves. Default 5 s. */
  keepAliveMs?: number;
  /** The user's other tabs: a follower shows the leader's answers, asks it to query, and reports whom it watches. */
  share?: TabShare;
}

type Known = Readonly<Record<string, LastActivityState>>;
/** An activity as it crosses to another tab (its error in plain form). */
const activityToWire = (state: LastActivityState) => ({ ...state, error: state.error?.toJSON() ?? null });
const activityFromWire = (wire: ReturnType<typeof activityToWire>): LastActivityState => ({
  ...wire,
  error: wire.error ? ChatError.fromJSON(wire.error as ChatErrorJson) : null,
});
const mapValues = <A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));

/**
 * Creates `client.lastActivity`: the XEP-0012 query and ConnectyCube's status streaming (`<subscribe
 * xmlns="https://connectycube.com/protocol/status_streaming" enable/>`). `forUser(id)` asks and subscribes when its
 * first subscriber arrives (or when the chat next comes online) and unsubscribes a while after the last one leaves.
 * Pushes are the `<iq type="result"><query xmlns="jabber:iq:last" seconds/></iq>` the server sends unasked.
 */
export function createLastActivityCommands(
  options: LastActivityCommandsOptions,
): LastActivityApi & { reset(): void; dispose(): void } {
  const { transport, jid, clock } = options;
  const store = createStore<Known>({});
  const share = options.share;
  const streamed = new Set<number>();
  // Facts about a user are applied in arrival order: a query's answer never overwrites a push that came after the
  // query was sent (an answer "online" and a push "offline" can arrive in the same millisecond).
  const pushCount = new Map<number, number>();
  const queryIds = new Set<string>();

  const put = (userId: number, state: LastActivityState) => store.set({ ...store.get(), [userId]: state });
  const fromAnswer = (answer: LastActivity): LastActivityState => {
    const online = answer.online ?? answer.seconds === 0;
    return { online, seconds: answer.seconds, at: clock.now() - (online ? 0 : answer.seconds * 1000), error: null };
  };

  const query = async (userId: number): Promise<LastActivityState> => {
    let reply: Element;
    const id = objectId(clock.now());
    const pushesBefore = pushCount.get(userId) ?? 0;
    queryIds.add(id);
    try {
      reply = await transport.iq(buildLastActivityQuery(jid, userId, { id }));
    } catch (cause) {
      const error = toChatError(cause);
      const before = store.get()[userId] ?? UNKNOWN_ACTIVITY;
      const known = error.code !== "not-found" && error.code !== "forbidden";
      put(
        userId,
        known
          ? { ...before, error }
          : { online: error.code === "not-found" ? false : null, seconds: null, at: null, error },
      );
      throw error;
    } finally {
      queryIds.delete(id);
    }
    if (!reply.attrs.from) reply.attrs.from = userJid(jid, userId); // an answer without `from` is about whom we asked
    const parsed = parseLastActivity(reply);
    if (!parsed || parsed.userId !== userId)
      throw new ChatError("protocol", "Malformed last activity answer", { details: { reply: reply.toString() } });
    if ((pushCount.get(userId) ?? 0) !== pushesBefore) return store.get()[userId] ?? fromAnswer(parsed); // a newer push won
    const state = fromAnswer(parsed);
    put(userId, state);
    return state;
  };

  const stream = (userId: number, enable: boolean): void => {
    if (share?.role() === "follower") return; // the leader streams it: this tab reports it watches (below)
    if (!options.isOnline()) return;
    transport.iq(buildLastActivitySubscription(jid, userId, enable)).catch(() => undefined);
    if (enable) query(userId).catch(() => undefined);
  };

  const keyed = createKeyedReadables<number, LastActivityState>(
    (userId) => ({
      readable: select(store, (all) => all[userId] ?? UNKNOWN_ACTIVITY),
      start: () => {
        streamed.add(userId);
        stream(userId, true);
        return () => {
          streamed.delete(userId);
          stream(userId, false);
        };
      },
    }),
    { keepAliveMs: options.keepAliveMs ?? 5000, clock },
  );

  // Pushes come as `result` (as ConnectyCube sends them); a `set` push is accepted too, and answered.
  const unregisterPushes = options.onStanza("iq", (stanza) => {
    const type = stanza.attrs.type;
    if ((type !== "result" && type !== "set") || !stanza.getChild("query", NS.last)) return;
    if (queryIds.has(String(stanza.attrs.id))) return; // the answer to our query: `query` applies it
    const parsed = parseLastActivity(stanza);
    if (!parsed) return;
    pushCount.set(parsed.userId, (pushCount.get(parsed.userId) ?? 0) + 1);
    put(parsed.userId, fromAnswer(parsed));
  });
  const unregisterSetPush = transport.onIq("set", NS.last, "query", () => true);
  // The users any tab shows: the leader streams each (a subscription of its own), for as long as some tab watches.
  const watches =
    share && createSharedWatches(share, "lastActivity.watching", (userId) => keyed.get(userId).subscribe(() => {}));
  const watched = new Map<number, Readable<LastActivityState>>(); // this tab's subscriptions, reported to the leader
  const forUser = (userId: number): Readable<LastActivityState> => {
    const inner = keyed.get(userId);
    if (!watches) return inner;
    let readable = watched.get(userId);
    if (!readable) {
      readable = createReadable(inner.get, (onChange) => {
        const release = watches.watch(userId);
        const unsubscribe = inner.subscribe(onChange);
        return () => {
          unsubscribe();
          release();
        };
      });
      watched.set(userId, readable);
    }
    return readable;
  };
  const unmirror =
    share?.mirror("lastActivity", store, {
      toWire: (known) => mapValues(known, activityToWire),
      fromWire: (wire) => mapValues(wire as Record<string, ReturnType<typeof activityToWire>>, activityFromWire),
    }) ?? (() => {});
  const routedQuery = share
    ? share.route("lastActivity.query", query, {
        toWire: activityToWire,
        fromWire: (wire) => activityFromWire(wire as ReturnType<typeof activityToWire>),
      })
    : query;
  const online = options.online$.subscribe((event) => {
    if (event.resumed) return;
    for (const userId of streamed) stream(userId, true);
  });

  return {
    forUser: (userId) => (userId == null ? NOBODY_ACTIVITY : forUser(userId)),
    query: routedQuery,
    reset: () => store.set({}),
    dispose() {
      unmirror();
      watches?.dispose();
      keyed.dispose();
      unregisterPushes();
      unregisterSetPush();
      online.unsubscribe();
    },
  };
}
