import { ChatError } from "../errors/ChatError.js";
import { outboxFromRecord } from "../persistence/indexedDb/storedRecords.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import { createStore } from "../reactive/createStore.js";
import { adoptOutboxEntry, showPendingSends } from "../tabs/adoptOutboxEntry.js";
import { browserTabEnvironment } from "../tabs/browserTabEnvironment.js";
import { connectionFromWire, connectionToWire, type WireConnection } from "../tabs/connectionOnWire.js";
import { createBroadcastingSession, type TabWrite } from "../tabs/createBroadcastingSession.js";
import { createFollowerFeed } from "../tabs/createFollowerFeed.js";
import { createLiveRelay } from "../tabs/createLiveRelay.js";
import { createSessionRelay } from "../tabs/createSessionRelay.js";
import { createShownConnection } from "../tabs/createShownConnection.js";
import { createTabChannel } from "../tabs/createTabChannel.js";
import { createTabCoordinator } from "../tabs/createTabCoordinator.js";
import { rereadDatabase } from "../tabs/rereadDatabase.js";
import { ALONE, type TabMessage, type TabsState } from "../tabs/TabsState.js";
import { watchSignIns } from "../tabs/watchSignIns.js";
import { isStreamHandover, type StreamHandover } from "../xmpp/transport/StreamHandover.js";
import type { TabsWiring, TabsWiringOptions } from "./TabsWiring.js";

/** How long a stream the last leader handed over is worth resuming (the server keeps one for about a minute). */
const HANDOVER_MS = 30_000;

/**
 * Wires tab coordination into a client: one leader per app and user connects and writes; followers mirror its
 * committed writes and put their own work in the shared outbox, which the leader takes up; a logout reaches every tab.
 */
export function createTabsWiring(options: TabsWiringOptions): TabsWiring {
  const { dialogs, messages, outbox, clock, share } = options;
  const state = createStore<TabsState>(ALONE);
  let detachCurrent: (() => void) | null = null;
  let startCurrent: (() => Promise<void>) | null = null;
  let logoutCurrent: (() => void) | null = null;
  let checkCurrent: (() => Promise<void>) | null = null;
  let postCurrent: ((kind: "stream" | "signal", what: string, payload: unknown) => void) | null = null;
  /** The forwarded stanzas' parse-and-send, chained so they go out in the order they came. */
  let forwarded: Promise<void> = Promise.resolve();
  let renewElsewhereCurrent: (() => Promise<string | null>) | null = null;
  let announceSessionCurrent: ((token: string) => void) | null = null;

  const isFollower = () => state.get().role === "follower";
  const shown = createShownConnection(options.connection, state, isFollower);

  function attach(userId: number, db: PersistenceSession): PersistenceSession {
    const env = !db.claimTerm
      ? null
      : options.environment === undefined
        ? browserTabEnvironment()
        : options.environment;
    if (!env) return db;
    const tabId = env.newTabId();
    const name = `chatcube:${options.appId}:${userId}`;
    let ready = false; // the cache is published; stream messages wait until then, in order
    let first = true; // the first role needs no re-read: the tab just read the database
    let live = true; // false once detached: a role that arrives late does nothing
    const current = () => live; // a database read in flight lands only while attached
    const buffered: TabMessage[] = [];
    const stores = { dialogs, messages, outbox };
    const reportLater = (work: Promise<unknown>) => void work.catch(() => {});

    /** The chat stream the last leader let go (`bye`), for this tab to resume should it lead next. */
    let handedOver: { stream: StreamHandover; term: number; at: number } | null = null;
    const feed = createFollowerFeed({ db, stores, windowCap: options.windowCap, isFollower, current });
    const onStream = (message: TabMessage) => {
      coordinator.onSignal(message); // the leader's stream is a sign of life too
      if (handedOver && message.term > handedOver.term) handedOver = null; // a later leader took it (or bound afresh)
      if (!ready) return void buffered.push(message);
      if (share?.receive(message)) return;
      if (message.kind === "writes") feed.writes(message);
      else if (message.kind === "typing" && isFollower()) {
        const { dialogId, userId, typing } = message.payload as { dialogId: string; userId: number; typing: boolean };
        options.typing.set(dialogId, userId, typing);
      } else if (message.kind === "live") feed.live(message);
      else if (message.kind === "connection") shown.heard(connectionFromWire(message.payload as WireConnection));
    };
    const sessions = createSessionRelay({
      ...{ userId, clock, renewHere: options.renewHere, adoptSession: options.adoptSession },
      signal: (kind, payload) => channel.signal(state.get().term, kind, payload),
    });
    const onSignal = (message: TabMessage) => {
      coordinator.onSignal(message);
      const stream = message.kind === "bye" && (message.payload as { stream?: unknown } | null)?.stream;
      // The current leader's (a late one, from before this tab's own term, is stale: this tab bound afresh).
      if (isStreamHandover(stream) && message.term >= state.get().term)
        handedOver = { stream, term: message.term, at: clock.now() };
      if (share?.receive(message) || sessions.receive(message)) return;
      if (message.kind === "logout" && (message.payload as { userId?: unknown })?.userId === userId)
        reportLater(options.signOutHere());
      if (message.kind === "stanza" && state.get().role === "leader" && typeof message.payload === "string") {
        const frame = message.payload;
        // The stream parser comes with the transport in deferred.ts (a leader has it loaded): imported, not bundled here.
        forwarded = forwarded
          .then(() => import("./deferred.js"))
          .then(({ parseFrame }) => {
            const parsed = parseFrame(frame);
            if (parsed.ok && parsed.value) options.sendStanza(parsed.value);
          })
          .catch(() => {}); // the chunk did not load: dropped, as a malformed one is
      }
      if (message.kind !== "writes" || state.get().role !== "leader") return; // a new leader re-reads the outbox
      for (const write of message.payload as TabWrite[]) {
        if (write.type === "outbox") adoptOutboxEntry(outboxFromRecord(write.entry), adopting);
        else if (write.type === "deleteOutbox") reportLater(outbox.cancel(write.id));
      }
    };
    const channel = createTabChannel({
      port: env.openChannel(name),
      tabId,
      onStream,
      onSignal,
      onResync: () => {
        if (ready && isFollower()) reportLater(rereadDatabase(db, stores, { asLeader: false, current }));
        if (ready) share?.refresh(); // what no write holds: the leader's values again
      },
    });
    let wasOnline = false;
    const postConnection = () => {
      if (state.get().role !== "leader") return;
      const connection = options.connection.get();
      channel.stream(state.get().term, "connection", connectionToWire(connection));
      const online = connection.status === "online";
      if (online && !wasOnline) reportLater(adoptStored()); // work whose signal was lost (its tab closed at once)
      wasOnline = online;
    };
    /** The leader takes up every entry the shared outbox holds that it does not know yet. */
    const adoptStored = async () => {
      const stored = (await db.load()).outbox;
      if (live && state.get().role === "leader")
        for (const entry of stored)
          adoptOutboxEntry(entry.state === "in-flight" ? { ...entry, state: "queued" } : entry, adopting);
    };
    let lastLive = { term: -1, seq: 0 }; // the leader's last live-relay message (a window snapshot says it saw it)
    const shared = createBroadcastingSession(
      db,
      (writes) => {
        const { role, term } = state.get();
        if (role === "leader") return void channel.stream(term, "writes", writes);
        const work = writes.filter((w) => w.type === "outbox" || w.type === "deleteOutbox");
        if (work.length) channel.signal(term, "writes", work); // the user's work, committed: the leader takes it up
      },
      () => (lastLive.term === state.get().term ? lastLive.seq : 0),
    );
    const adopting = { ...stores, ...options, discard: (id: string) => reportLater(shared.deleteOutbox(id)) };
    const coordinator = createTabCoordinator({
      lockName: name,
      locks: env.locks,
      channel,
      tabId,
      clock,
      lifecycle: env.lifecycle,
      claimTerm: () => db.claimTerm?.() ?? Promise.reject(new Error("no terms")),
      onNewTab: () => {
        postConnection();
        share?.newTab();
      },
      onLeaderSilent: (silent) => shown.silentSince(silent ? clock.now() : null),
      farewell() {
        const stream = options.handOverStream(); // resumed by the next leader: no new session, no presence flap
        return stream ? { stream } : null;
      },
      async onRole(role, term) {
        const wasFirst = first;
        first = false;
        share?.refresh();
        if (role === "follower") {
          if (!wasFirst) await options.disconnect();
          return;
        }
        db.fence?.(term, () => coordinator.stepDown());
        if (!wasFirst) await rereadDatabase(db, stores, { asLeader: true, current });
        if (!live) return;
        showPendingSends({ ...stores, ...options });
        const signedIn = await options.persistence.loadSession(options.appId).then(
          (remembered) => remembered?.user.id === userId,
          () => true, // unreadable: keep the user signed in
        );
        if (!live || state.get().role !== "leader") return;
        if (!signedIn) return void reportLater(options.signOutHere());
        const resumable = handedOver && handedOver.term < term && clock.now() - handedOver.at < HANDOVER_MS;
        if (resumable && handedOver) options.takeOverStream(handedOver.stream);
        handedOver = null;
        postConnection();
        options.connect();
      },
    });
    const unwatchRole = coordinator.state.subscribe((s) => state.set(s));
    share?.attach({
      tabId,
      role: () => state.get().role,
      stream: (kind, payload) => channel.stream(state.get().term, kind, payload),
      signal: (kind, payload) => channel.signal(state.get().term, kind, payload),
    });
    const leaveApp = watchSignIns(env.openChannel(`chatcube:${options.appId}`), userId, () =>
      reportLater(options.signOutHere()),
    );
    const unwatchConnection = options.connection.subscribe(postConnection);
    const stopRelay = createLiveRelay(messages, (changes) => {
      const { role, term } = state.get();
      if (role === "leader") lastLive = { term, seq: channel.stream(term, "live", changes) };
    });
    startCurrent = async () => {
      ready = true;
      for (const message of buffered.splice(0)) onStream(message);
      await coordinator.start();
    };
    logoutCurrent = () => channel.signal(state.get().term, "logout", { userId });
    announceSessionCurrent = sessions.announce;
    renewElsewhereCurrent = sessions.renewElsewhere;
    checkCurrent = async () => {
      const stored = await db.currentTerm?.().catch(() => null);
      if (stored === undefined || stored === null || stored === state.get().term) return;
      coordinator.stepDown();
      throw new ChatError("conflict", "Another tab of this user holds the connection now");
    };
    postCurrent = (how, kind, payload) =>
      how === "stream"
        ? channel.stream(state.get().term, kind, payload)
        : channel.signal(state.get().term, kind, payload);
    detachCurrent = () => {
      live = false;
      share?.detach();
      sessions.dispose();
      coordinator.stop();
      channel.close();
      unwatchRole();
      unwatchConnection();
      stopRelay();
      leaveApp();
    };
    return shared;
  }

  const detach = () => {
    detachCurrent?.();
    detachCurrent = startCurrent = logoutCurrent = postCurrent = checkCurrent = null;
    renewElsewhereCurrent = announceSessionCurrent = null;
    state.set(ALONE);
    shown.heard(null);
    shown.silentSince(null);
  };

  return {
    state,
    connection: shown.shown,
    isFollower,
    attach(userId, db) {
      detach();
      return attach(userId, db);
    },
    async start() {
      if (startCurrent) await startCurrent();
      else options.connect(); // alone: as ever
    },
    announceLogout: () => logoutCurrent?.(),
    announceSession: (token) => announceSessionCurrent?.(token),
    renewElsewhere: async () => (renewElsewhereCurrent ? renewElsewhereCurrent() : null),
    checkTerm: async () => checkCurrent?.(),
    forward(stanza) {
      if (!isFollower() || !postCurrent) return false;
      postCurrent("signal", "stanza", stanza.toString());
      return true;
    },
    typing: {
      ...options.typing,
      set(dialogId, userId, typing) {
        options.typing.set(dialogId, userId, typing);
        if (state.get().role === "leader") postCurrent?.("stream", "typing", { dialogId, userId, typing });
      },
    },
    detach,
    dispose() {
      detach();
      shown.dispose();
    },
  };
}
