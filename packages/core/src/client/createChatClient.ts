import type { Element } from "@xmpp/xml";
import { Subject } from "rxjs";
import { createBrowserNetworkSource } from "../connection/createBrowserNetworkSource.js";
import { createConnection } from "../connection/createConnection.js";
import { ChatError } from "../errors/ChatError.js";
import { createErrorCoalescer } from "../errors/createErrorCoalescer.js";
import { toChatError } from "../errors/toChatError.js";
import { DialogType } from "../model/dialog.js";
import { objectId } from "../model/ids.js";
import type { User } from "../model/user.js";
import { createWriteBehind } from "../persistence/createWriteBehind.js";
import { createIndexedDbPersistence } from "../persistence/indexedDb/createIndexedDbPersistence.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import { createStore } from "../reactive/createStore.js";
import { createRestClient } from "../rest/createRestClient.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { emptyDialogsState } from "../stores/dialogs/dialogsReducer.js";
import { followLastMessageStatus } from "../stores/dialogs/followLastMessageStatus.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../stores/typing/createTypingStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import { createSync } from "../sync/createSync.js";
import { createUnreadLedger } from "../sync/createUnreadLedger.js";
import { scheduleUnreadRefresh } from "../sync/scheduleUnreadRefresh.js";
import { systemClock } from "../time/clock.js";
import { createXmppTransport } from "../xmpp/createXmppTransport.js";
import { createMessageIngest } from "../xmpp/handlers/createMessageIngest.js";
import { handleDialogEvent } from "../xmpp/handlers/handleDialogEvent.js";
import { buildMarker } from "../xmpp/stanzas/marker.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";
import type { ChatClient, Session } from "./ChatClient.js";
import type { ChatClientOptions } from "./ChatClientOptions.js";
import { createAuth } from "./createAuth.js";
import { createDialogsFacade } from "./createDialogsFacade.js";
import { createMessagesFacade } from "./createMessagesFacade.js";
import { createMessagingExtras } from "./createMessagingExtras.js";
import { createTypingFacade } from "./createTypingFacade.js";
import { createHydrator } from "./hydrate.js";

export type { ChatClientOptions } from "./ChatClientOptions.js";

/**
 * Creates a client: the composition root that wires REST, the XMPP transport and connection, the stores, sync and
 * the outbox. SSR-safe: it touches no DOM global; nothing connects until `auth.login…`.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const clock = options.clock ?? systemClock;
  const pageSize = options.pageSize ?? 50;
  const windowCap = options.windowCap ?? 500;
  const persistence = options.persistence ?? createIndexedDbPersistence();
  const jid = { appId: options.appId, domain: options.chatDomain };
  const errors = new Subject<ChatError>();
  const systemMessages = new Subject<ParsedSystemMessage>();
  const emitError = (error: ChatError) => errors.next(error);
  const coalescer = createErrorCoalescer({ clock, windowMs: options.errorWindowMs, emit: emitError });
  const reportError = coalescer.report;

  const session = createStore<Session | null>(null);
  let db: PersistenceSession | null = null;
  const selfUserId = () => session.get()?.user.id ?? null;
  const requireSelf = () => {
    const id = selfUserId();
    if (id === null) throw new ChatError("unauthorized", "Sign in first");
    return id;
  };

  const rest = createRestClient({
    apiUrl: options.apiUrl,
    appId: options.appId,
    authKey: options.authKey,
    fetch: options.fetch,
    getToken: () => session.get()?.token ?? null,
    getUserId: selfUserId,
    onRejected: (rejected) => rejected.forEach(reportError),
    onSessionExpired: () => auth.renew(),
  });
  const transport = createXmppTransport({
    service: options.chatUrl,
    domain: options.chatDomain,
    appId: options.appId,
    logger: options.logger,
    WebSocket: options.WebSocket,
    clock,
  });
  const network = options.network === undefined ? createBrowserNetworkSource() : options.network; // one source for all
  const connection = createConnection({
    transport,
    clock,
    backoff: options.reconnect,
    pingIntervalMs: options.pingIntervalMs,
    network,
  });
  const isOnline = () => connection.state.get().status === "online";
  const sendIfOnline = (stanza: Element) => {
    if (isOnline()) transport.send(stanza).catch(() => {});
  };

  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const typing = createTypingStore({ clock });
  const recipientOf = (dialogId: string) => {
    const dialog = dialogs.state.get().byId.get(dialogId);
    if (!dialog || dialog.type !== DialogType.PRIVATE) return null;
    return dialog.occupantIds.find((o) => o !== selfUserId()) ?? null;
  };
  const unread = createUnreadLedger({
    messages,
    readPending: (dialogId) => outbox.entries.get().some((e) => e.kind === "read" && e.dialogId === dialogId),
  });
  const outbox = createOutbox({
    transport,
    rest,
    messages,
    jid,
    clock,
    persistence: () => db,
    recipientOf,
    isOnline,
    reportError,
    selfUserId,
    prepareSend: (entry, checkpoint) => extras.prepareSend(entry, checkpoint),
    onDone: (entry) => {
      if (entry.kind === "read") void sync.refreshUnread([entry.dialogId]); // the server's count, now it has the read
    },
  });
  const sync = createSync({
    rest,
    dialogs,
    messages,
    clock,
    persistence: () => db,
    pageSize,
    overlapMs: options.syncOverlapMs,
    unread,
    reportError,
  });
  const stopFollowingStatus = followLastMessageStatus(dialogs, messages);

  const ingest = createMessageIngest({
    selfUserId,
    domain: options.chatDomain,
    dialogs,
    messages,
    typing,
    clock,
    windowCap,
    countUnread: unread.count,
    onReadElsewhere: unread.read,
    sendDelivered: (m) =>
      sendIfOnline(
        buildMarker(jid, {
          marker: "received",
          messageId: m.id,
          senderId: m.senderId,
          dialogId: m.dialogId,
          id: objectId(clock.now()),
        }),
      ),
    onUnknownDialog: (id) => void sync.fetchDialog(id),
    onSystemMessage: (message) => {
      systemMessages.next(message);
      handleDialogEvent({ dialogs, messages, fetchDialog: (id) => void sync.fetchDialog(id) }, message);
    },
    onMessageError: (id, error) => {
      if (id) outbox.bounced(id, error);
      else reportError(error);
    },
    reportError,
  });
  const stanzaSubscription = transport.stanza$.subscribe((stanza) => {
    if (stanza.name === "message") ingest(stanza);
  });
  const badInputSubscription = transport.error$.subscribe(reportError);
  // Every (re)connect runs the cheap delta, a resumed stream too: REST changes made during a blip push nothing.
  const onlineSubscription = connection.online$.subscribe(() => {
    void outbox.drain(); // what was queued goes at once; it needs nothing from the sync
    void sync.run().then(() => outbox.drain());
  });
  const stopUnreadRefresh = scheduleUnreadRefresh({
    clock,
    intervalMs: options.unreadRefreshMs ?? 60_000,
    isOnline,
    online$: connection.online$,
    network,
    refresh: () => sync.refreshUnread(),
  });

  // Write-behind of dialogs and windows to the open database (coalesced per tick), and hydrate from it.
  const writeBehind = createWriteBehind({ dialogs, messages, session: () => db, clock, reportError });
  const hydrator = createHydrator({
    db: () => db,
    dialogs,
    messages,
    outbox,
    writeBehind,
    eagerMessages: options.hydrateMessages ?? 5000,
    onRestored: (dialogId, watermark) => {
      if (isOnline()) void sync.catchUp(dialogId, watermark);
    },
  });

  const connect = () => {
    const userId = selfUserId();
    if (userId === null) return;
    void connection
      .connect(() => ({ userId, password: auth.chatPassword() ?? "" }))
      .catch((error: unknown) => reportError(toChatError(error)));
  };

  /** Opens a user's data: the cache is published before any network round-trip, then the chat connects. */
  async function open(user: User): Promise<void> {
    db = await persistence.open({ appId: options.appId, userId: user.id });
    const hydrated = await hydrator.hydrate();
    if (hydrated.cursor !== null) sync.seed(hydrated.cursor);
    connect();
    await hydrated.windows;
  }

  /** Disconnects and forgets the user's data in memory; on disk too unless `keepData`. */
  async function close({ keepData }: { keepData: boolean }): Promise<void> {
    await connection.disconnect().catch(() => {});
    if (keepData) await writeBehind.flush().catch(() => {});
    const closing = db;
    db = null;
    clearLocal();
    await closing?.close({ deleteData: !keepData });
  }

  const clearLocal = () => {
    typing.dispose();
    for (const dialogId of messages.dialogIds()) messages.drop(dialogId);
    dialogs.state.set(emptyDialogsState());
    outbox.clear();
    sync.reset();
    unread.reset();
    writeBehind.reset();
    hydrator.reset();
    extras.reset();
  };

  const dialogsFacade = createDialogsFacade({
    rest,
    dialogs,
    messages,
    jid,
    clock,
    selfUserId: requireSelf,
    send: sendIfOnline,
  });
  const messagesFacade = createMessagesFacade({
    rest,
    dialogs,
    messages,
    outbox,
    clock,
    selfUserId: requireSelf,
    pageSize,
    windowCap,
    restore: hydrator.restoreWindow,
    onView: writeBehind.markViewed,
    onRead: unread.read,
  });
  const typingFacade = createTypingFacade({ typing, dialogs, jid, clock, selfUserId, send: sendIfOnline });
  const extras = createMessagingExtras({
    transport,
    online$: connection.online$,
    isOnline,
    rest,
    dialogs,
    messages,
    outbox,
    jid,
    clock,
    selfUserId,
    requireSelf,
    sendIfOnline,
    reportError,
    token: () => session.get()?.token ?? null,
    systemMessages$: systemMessages.asObservable(),
    updateDialog: dialogsFacade.update,
    network,
    fetch: options.fetch,
    options,
  });

  const auth = createAuth({
    appId: options.appId,
    rest,
    persistence,
    session,
    connection: { ...connection.state, disconnect: () => connection.disconnect() },
    open,
    connect,
    close,
    reportError,
  });

  return {
    auth: auth.api,
    session,
    users: { get: (id) => rest.users.get(id), getMany: (ids) => rest.users.getMany(ids) },
    connection: {
      get: connection.state.get,
      subscribe: connection.state.subscribe,
      value$: connection.state.value$,
      connect: async () => {
        const current = session.get();
        if (!current) throw new ChatError("unauthorized", "Sign in first");
        await connection.connect(() => ({ userId: current.user.id, password: auth.chatPassword() ?? current.token }));
      },
      disconnect: () => connection.disconnect(),
    },
    dialogs: { ...dialogsFacade, ...extras.dialogs },
    messages: {
      ...extras.reactions,
      forDialog: messagesFacade.forDialog,
      view: messagesFacade.view,
      send: messagesFacade.send,
      edit: messagesFacade.edit,
      remove: messagesFacade.remove,
      markRead: messagesFacade.markRead,
      retry: messagesFacade.retry,
      cancel: (messageId) => extras.cancelMessage(messageId, messagesFacade.cancel),
    },
    typing: typingFacade,
    unread: dialogs.unread,
    outbox: outbox.entries,
    sync: {
      get: sync.state.get,
      subscribe: sync.state.subscribe,
      value$: sync.state.value$,
      resync: () => sync.run({ full: true }),
    },
    persistence: { status: persistence.status },
    ...extras.client,
    errors: errors.asObservable(),
    async dispose() {
      stanzaSubscription.unsubscribe();
      badInputSubscription.unsubscribe();
      onlineSubscription.unsubscribe();
      stopUnreadRefresh();
      auth.dispose();
      stopFollowingStatus();
      typing.dispose();
      messagesFacade.dispose();
      extras.dispose();
      await connection.dispose();
      await transport.dispose();
      await writeBehind.flush().catch(() => {});
      writeBehind.dispose();
      await db?.close();
      coalescer.flush();
      errors.complete();
      systemMessages.complete();
    },
  };
}
