import type { Element } from "@xmpp/xml";
import { Subject } from "rxjs";
import { createBrowserNetworkSource } from "../connection/createBrowserNetworkSource.js";
import { createConnection } from "../connection/createConnection.js";
import { ChatError } from "../errors/ChatError.js";
import { createErrorCoalescer } from "../errors/createErrorCoalescer.js";
import { toChatError } from "../errors/toChatError.js";
import { privatePeerOf } from "../model/dialog.js";
import { objectId } from "../model/ids.js";
import { createIndexedDbPersistence } from "../persistence/indexedDb/createIndexedDbPersistence.js";
import { createStore } from "../reactive/createStore.js";
import { readableWith } from "../reactive/readableWith.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { emptyDialogsState } from "../stores/dialogs/dialogsReducer.js";
import { followLastMessageStatus } from "../stores/dialogs/followLastMessageStatus.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../stores/typing/createTypingStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import type { Sync } from "../sync/createSync.js";
import { createUnreadLedger } from "../sync/createUnreadLedger.js";
import type { OutboxWork } from "../sync/outboxWork.js";
import { createReadLedger } from "../tabs/createReadLedger.js";
import { createSharedVisibility } from "../tabs/createSharedVisibility.js";
import { createTabNotifier } from "../tabs/createTabNotifier.js";
import { createTabShare } from "../tabs/createTabShare.js";
import { systemClock } from "../time/clock.js";
import { createStanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import type { ChatClient, Session } from "./ChatClient.js";
import type { ChatClientOptions } from "./ChatClientOptions.js";
import { createAuth } from "./createAuth.js";
import { createDialogsCommands } from "./createDialogsCommands.js";
import { createFileUrl } from "./createFileUrl.js";
import { createLazyFeatures, type Features } from "./createLazyFeatures.js";
import { createLazyRest } from "./createLazyRest.js";
import { createLazySync } from "./createLazySync.js";
import { createLazyTransport } from "./createLazyTransport.js";
import { createMessagesCommands } from "./createMessagesCommands.js";
import { createMessageWindows } from "./createMessageWindows.js";
import { createTabsWiring } from "./createTabsWiring.js";
import { createUserData } from "./createUserData.js";
import { createDeferredLoader } from "./loadDeferred.js";

/**
 * Creates a client. The composition root: it only wires the parts, each taking its dependencies by name from `deps`
 * (docs/architecture.md, "The map"). SSR-safe: it touches no DOM global; nothing connects until `auth.login…`.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const clock = options.clock ?? systemClock;
  const pageSize = options.pageSize ?? 50;
  const windowCap = options.windowCap ?? 500;
  const persistence = options.persistence ?? createIndexedDbPersistence();
  const errors = new Subject<ChatError>();
  const coalescer = createErrorCoalescer({ clock, windowMs: options.errorWindowMs, emit: (e) => errors.next(e) });
  const reportError = coalescer.report;
  const reportAny = (error: unknown) => reportError(toChatError(error));
  const session = createStore<Session | null>(null);
  const selfUserId = () => session.get()?.user.id ?? null;
  const token = () => session.get()?.token ?? null;
  const jid = { appId: options.appId, domain: options.chatDomain };
  const requireSelf = () => selfUserId() ?? signInFirst();

  const loadDeferred = createDeferredLoader(); // the chunk of what comes after the first screen (deferred.ts)
  let forgotten = 0; // how many times a user's data was forgotten: the REST answers of an earlier sign-in are refused
  const restOptions = {
    ...{ ...options, getToken: token, getUserId: selfUserId, onSessionExpired: () => auth.renew() },
    scope: () => forgotten,
    onRejected: (rejected: readonly ChatError[]) => rejected.forEach(reportError),
    loadRarelyUsed: () => loadDeferred(), // search, blobs, system messages: in the deferred chunk
  };
  const rest = createLazyRest(restOptions, loadDeferred); // REST (ky, the groups, the DTO readers) is in it too
  // The @xmpp client, the ingest and the features beyond chatting are a chunk of their own (deferred.ts), loading
  // from here on; connecting waits for it, and its parts are made once it is there (docs/decisions.md, "A small bundle").
  let made: Features | null = null;
  let realSync: Sync | null = null;
  let outboxWork: OutboxWork | null = null;
  let stopIngest: (() => void) | null = null;
  let stopOnConnect: (() => void) | null = null;
  let disposed = false;
  const deferred = async () => {
    const module = await loadDeferred();
    if (!made) {
      if (disposed) throw new ChatError("cancelled", "The client was disposed");
      made = {
        ...{ privacy: module.createPrivacyCommands(deps), contacts: module.createContactsCommands(deps) },
        lastActivity: module.createLastActivityCommands({ ...deps, keepAliveMs: options.lastActivityKeepAliveMs }),
        files: module.createFilesCommands({ ...deps, outboxEntries: outbox.entries }),
        reactions: module.createReactionsCommands({ ...deps, outbox }),
        dialogExtras: module.createDialogExtrasCommands({ ...strict, update: dialogsCommands.update }),
        search: module.createSearchCommand(rest),
        typing: module.createTypingCommands(deps),
        activity: module.createActivityCommands({ ...deps, visibility }),
        system: module.createSystemCommands(deps),
      };
      features.adopt(made);
      outboxWork = module.createOutboxWork({ ...deps, recipientOf });
      realSync = module.createSync({ ...deps, overlapMs: options.syncOverlapMs });
      sync.adopt(realSync);
      const ingest = { ...deps, typing: tabs.typing, sync, outbox, emitSystemMessage: made.system.receive };
      stopIngest = module.wireIngest(ingest, notifier.incoming);
      stopOnConnect = module.runOnConnect({ ...deps, sync, outbox, unreadRefreshMs: options.unreadRefreshMs });
    }
    return { module, features: made, sync: realSync as Sync };
  };
  const transportOptions = { ...options, service: options.chatUrl, domain: options.chatDomain, clock };
  const transport = createLazyTransport(transportOptions, async () => (await deferred()).module);
  const network = options.network === undefined ? createBrowserNetworkSource() : options.network; // one source for all
  const connection = createConnection({ ...options, transport, clock, backoff: options.reconnect, network });
  const isOnline = () => connection.state.get().status === "online";
  const sendIfOnline = (stanza: Element) =>
    void (isOnline() ? transport.send(stanza).catch(() => {}) : tabs.forward(stanza)); // a follower's goes via the leader
  const router = createStanzaRouter({ stanza$: transport.stanza$, reportError });

  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const typing = createTypingStore({ clock });
  const share = createTabShare({ clock }); // per-user state across tabs: the wiring attaches it to the user's tabs
  const unread = createUnreadLedger({
    messages,
    readPending: (dialogId) => outbox.entries.get().some((e) => e.kind === "read" && e.dialogId === dialogId),
  });
  // What the parts are built from, by name; each part picks the names it declares.
  const deps = {
    ...{ clock, rest, transport, network, fetch: options.fetch, jid, token },
    ...{ dialogs, messages, typing, unread, pageSize, windowCap, persistence: () => userData.db() },
    ...{ selfUserId, reportError, isOnline, online$: connection.online$, router, onStanza: router.on },
    ...{ send: sendIfOnline, sendIfOnline, share },
  };
  const strict = { ...deps, selfUserId: requireSelf }; // for commands that need a signed-in user

  const recipientOf = (dialogId: string) => privatePeerOf(dialogs.state.get().byId.get(dialogId), selfUserId());
  const notLoaded = () => Promise.reject(new ChatError("network", "The chat connection is not loaded yet"));
  const outbox = createOutbox({
    ...deps,
    // The outbox works only while online, so the work made with the deferred chunk (stanza builders) is there.
    work: {
      send: (entry) => (outboxWork ? outboxWork.send(entry) : notLoaded()),
      other: (entry) => (outboxWork ? outboxWork.other(entry) : notLoaded()),
    },
    prepareSend: (entry, checkpoint) => files.prepareSend(entry, checkpoint),
    onDone: (entry) => {
      if (entry.kind === "read") void sync.refreshUnread([entry.dialogId]); // the server's count, now it has the read
    },
  });
  const reads = createReadLedger(outbox.entries);
  const sync = createLazySync(
    async () => (await deferred()).sync,
    () => realSync,
  );
  const notifyUser = (userId: number, body: string, dialogId: string) =>
    void deferred().then(({ module }) => {
      const id = objectId(clock.now());
      sendIfOnline(module.buildSystemMessage(jid, { id, userId, body, params: { dialogId } }));
    }, reportAny);
  const dialogsCommands = createDialogsCommands({ ...strict, notifyUser });
  const windows = createMessageWindows({
    ...deps,
    restore: (id) => userData.restoreWindow(id),
    onView: (id) => userData.markViewed(id),
  });
  const messagesCommands = createMessagesCommands({
    ...strict,
    outbox,
    ...{ onRead: unread.read, reads },
    abortUploads: (id) => files.abort(id),
  });
  const visibility =
    options.activeOnVisibility === false || !network ? null : createSharedVisibility({ local: network, share, clock });
  const notifier = createTabNotifier({ share, messages, isVisible: () => network?.isVisible() ?? true });
  const features = createLazyFeatures(
    async () => (await deferred()).features,
    () => made,
    { typingFor: (dialogId) => typing.forDialog(dialogId), active: visibility ? visibility.isVisible() : true },
  );
  const { privacy, contacts, lastActivity, files, dialogExtras } = features;

  const connect = () => void (tabs.isFollower() || connection.connect(credentials).catch(reportAny)); // the leader's
  const credentials = async () => (await tabs.checkTerm(), auth.credentials()); // a replaced leader connects no more
  const tabs = createTabsWiring({
    ...{ ...deps, appId: options.appId, outbox, connect, persistence, onRead: unread.read, reads },
    ...{ connection: connection.state, environment: options.tabs, sendStanza: sendIfOnline },
    disconnect: () => connection.disconnect(),
    handOverStream() {
      const stream = transport.handOverStream();
      if (stream) void connection.disconnect(); // no reconnect: the stream is the next leader's
      return stream;
    },
    takeOverStream: (stream) => transport.takeOverStream(stream),
    signOutHere: () => auth.api.logout({ keepData: true }),
    renewHere: () => auth.renewHere(),
    adoptSession: (userId, token) => auth.adopt(userId, token),
  });
  const userData = createUserData({
    ...{ ...deps, appId: options.appId, persistence, outbox, connect, seedCursor: sync.seed, tabs },
    eagerMessages: options.hydrateMessages ?? 5000,
    onRestored: (dialogId, watermark) => void (isOnline() && sync.catchUp(dialogId, watermark)),
    disconnect: () => connection.disconnect(),
    forget: [
      ...[typing.dispose, () => messages.dialogIds().forEach((id) => messages.drop(id)), outbox.clear, sync.reset],
      ...[unread.reset, () => dialogs.state.set(emptyDialogsState()), features.reset, reads.reset, () => forgotten++],
    ],
  });
  const auth = createAuth({
    ...{ appId: options.appId, rest, persistence, session, reportError, connect },
    ...{ open: userData.open, close: userData.close },
    connection: { ...connection.state, disconnect: () => connection.disconnect() },
    renewElsewhere: () => tabs.renewElsewhere(),
    onRenewed: (token) => tabs.announceSession(token),
  });

  const stops = [
    () => stopIngest?.(),
    unsubscriber(transport.error$.subscribe(reportError)),
    () => stopOnConnect?.(),
    followLastMessageStatus(dialogs, messages),
    ...[router.dispose, auth.dispose, typing.dispose, windows.dispose, features.dispose],
    ...[tabs.dispose, reads.dispose, notifier.dispose, () => void (disposed = true)],
  ];

  return {
    auth: { ...auth.api, logout: (o) => (tabs.announceLogout(), auth.api.logout(o)) }, // every tab of the user signs out
    session,
    users: { get: (id) => rest.users.get(id), getMany: (ids) => rest.users.getMany(ids) },
    connection: readableWith(tabs.connection, {
      connect: async () => {
        auth.credentials(); // signed out: rejects before connecting
        if (!tabs.isFollower()) await connection.connect(credentials); // a follower shows the leader's connection
      },
      disconnect: () => connection.disconnect(),
    }),
    dialogs: { ...dialogsCommands, ...dialogExtras },
    messages: { forDialog: windows.forDialog, view: windows.view, ...messagesCommands, ...features.reactions },
    typing: features.typing,
    unread: dialogs.unread,
    outbox: outbox.entries,
    sync: readableWith(sync.state, { resync: () => sync.run({ full: true }) }),
    persistence: { status: persistence.status },
    tabs: tabs.state,
    privacy,
    contacts,
    lastActivity: { forUser: lastActivity.forUser, query: lastActivity.query },
    system: features.system,
    files: { upload: files.upload, url: createFileUrl(deps), remove: files.remove, progress: files.progress },
    search: features.search,
    active: features.activity.active,
    setActive: share.route("activity.setActive", features.activity.setActive), // a follower's: the leader tells
    notifications$: notifier.notifications$,
    errors: errors.asObservable(),
    async dispose() {
      for (const stop of stops) stop();
      await connection.dispose();
      await transport.dispose();
      await userData.dispose();
      coalescer.flush();
      errors.complete();
    },
  };
}

const signInFirst = (): never => {
  throw new ChatError("unauthorized", "Sign in first");
};
const unsubscriber = (subscription: { unsubscribe(): void }) => () => subscription.unsubscribe();
