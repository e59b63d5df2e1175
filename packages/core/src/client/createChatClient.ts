import type { Element } from "@xmpp/xml";
import { Subject } from "rxjs";
import { createBrowserNetworkSource } from "../connection/createBrowserNetworkSource.js";
import { createConnection } from "../connection/createConnection.js";
import { ChatError } from "../errors/ChatError.js";
import { createErrorCoalescer } from "../errors/createErrorCoalescer.js";
import { toChatError } from "../errors/toChatError.js";
import { privatePeerOf } from "../model/dialog.js";
import { createIndexedDbPersistence } from "../persistence/indexedDb/createIndexedDbPersistence.js";
import { createStore } from "../reactive/createStore.js";
import { readableWith } from "../reactive/readableWith.js";
import { createRestClient } from "../rest/createRestClient.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { emptyDialogsState } from "../stores/dialogs/dialogsReducer.js";
import { followLastMessageStatus } from "../stores/dialogs/followLastMessageStatus.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../stores/typing/createTypingStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import { createSync } from "../sync/createSync.js";
import { createUnreadLedger } from "../sync/createUnreadLedger.js";
import { runOnConnect } from "../sync/runOnConnect.js";
import { systemClock } from "../time/clock.js";
import { createXmppTransport } from "../xmpp/createXmppTransport.js";
import { createStanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import type { ChatClient, Session } from "./ChatClient.js";
import type { ChatClientOptions } from "./ChatClientOptions.js";
import { createActivityCommands } from "./createActivityCommands.js";
import { createAuth } from "./createAuth.js";
import { createContactsCommands } from "./createContactsCommands.js";
import { createDialogExtrasCommands } from "./createDialogExtrasCommands.js";
import { createDialogsCommands } from "./createDialogsCommands.js";
import { createFilesCommands } from "./createFilesCommands.js";
import { createLastActivityCommands } from "./createLastActivityCommands.js";
import { createMessagesCommands } from "./createMessagesCommands.js";
import { createMessageWindows } from "./createMessageWindows.js";
import { createPrivacyCommands } from "./createPrivacyCommands.js";
import { createReactionsCommands } from "./createReactionsCommands.js";
import { createSearchCommand } from "./createSearchCommand.js";
import { createSystemCommands } from "./createSystemCommands.js";
import { createTabsWiring } from "./createTabsWiring.js";
import { createTypingCommands } from "./createTypingCommands.js";
import { createUserData } from "./createUserData.js";
import { wireIngest } from "./wireIngest.js";

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

  const rest = createRestClient({
    ...{ ...options, getToken: token, getUserId: selfUserId, onSessionExpired: () => auth.renew() },
    onRejected: (rejected) => rejected.forEach(reportError),
  });
  const transport = createXmppTransport({ ...options, service: options.chatUrl, domain: options.chatDomain, clock });
  const network = options.network === undefined ? createBrowserNetworkSource() : options.network; // one source for all
  const connection = createConnection({ ...options, transport, clock, backoff: options.reconnect, network });
  const isOnline = () => connection.state.get().status === "online";
  const sendIfOnline = (stanza: Element) =>
    void (isOnline() ? transport.send(stanza).catch(() => {}) : tabs.forward(stanza)); // a follower's goes via the leader
  const router = createStanzaRouter({ stanza$: transport.stanza$, reportError });

  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const typing = createTypingStore({ clock });
  const unread = createUnreadLedger({
    messages,
    readPending: (dialogId) => outbox.entries.get().some((e) => e.kind === "read" && e.dialogId === dialogId),
  });
  // What the parts are built from, by name; each part picks the names it declares.
  const deps = {
    ...{ clock, rest, transport, network, fetch: options.fetch, jid, token },
    ...{ dialogs, messages, typing, unread, pageSize, windowCap, persistence: () => userData.db() },
    ...{ selfUserId, reportError, isOnline, online$: connection.online$, router, onStanza: router.on },
    ...{ send: sendIfOnline, sendIfOnline },
  };
  const strict = { ...deps, selfUserId: requireSelf }; // for commands that need a signed-in user

  const outbox = createOutbox({
    ...deps,
    recipientOf: (dialogId) => privatePeerOf(dialogs.state.get().byId.get(dialogId), selfUserId()),
    prepareSend: (entry, checkpoint) => files.prepareSend(entry, checkpoint),
    onDone: (entry) => {
      if (entry.kind === "read") void sync.refreshUnread([entry.dialogId]); // the server's count, now it has the read
    },
  });
  const sync = createSync({ ...deps, overlapMs: options.syncOverlapMs });
  const dialogsCommands = createDialogsCommands(strict);
  const windows = createMessageWindows({
    ...deps,
    restore: (id) => userData.restoreWindow(id),
    onView: (id) => userData.markViewed(id),
  });
  const messagesCommands = createMessagesCommands({
    ...strict,
    outbox,
    onRead: unread.read,
    abortUploads: (id) => files.abort(id),
  });
  const privacy = createPrivacyCommands(deps);
  const contacts = createContactsCommands(deps);
  const lastActivity = createLastActivityCommands({ ...deps, keepAliveMs: options.lastActivityKeepAliveMs });
  const system = createSystemCommands(deps);
  const visibility = options.activeOnVisibility === false ? null : network;
  const activity = createActivityCommands({ ...deps, visibility });
  const dialogExtras = createDialogExtrasCommands({ ...strict, update: dialogsCommands.update });
  const files = createFilesCommands({ ...deps, outboxEntries: outbox.entries });
  const { dispose: stopReactions, ...reactions } = createReactionsCommands({ ...deps, outbox });

  const connect = () => void (tabs.isFollower() || connection.connect(credentials).catch(reportAny)); // the leader's
  const credentials = async () => (await tabs.checkTerm(), auth.credentials()); // a replaced leader connects no more
  const tabs = createTabsWiring({
    ...{ ...deps, appId: options.appId, outbox, connect, persistence, onRead: unread.read },
    ...{ connection: connection.state, environment: options.tabs, sendStanza: sendIfOnline },
    disconnect: () => connection.disconnect(),
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
      ...[unread.reset, () => dialogs.state.set(emptyDialogsState()), privacy.reset, contacts.reset],
      ...[lastActivity.reset, system.reset],
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
    wireIngest({ ...deps, typing: tabs.typing, sync, outbox, emitSystemMessage: system.receive }),
    unsubscriber(transport.error$.subscribe(reportError)),
    runOnConnect({ ...deps, sync, outbox, unreadRefreshMs: options.unreadRefreshMs }),
    followLastMessageStatus(dialogs, messages),
    ...[router.dispose, auth.dispose, typing.dispose, windows.dispose, privacy.dispose, contacts.dispose],
    ...[lastActivity.dispose, system.dispose, activity.dispose, stopReactions, tabs.dispose],
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
    messages: { forDialog: windows.forDialog, view: windows.view, ...messagesCommands, ...reactions },
    typing: createTypingCommands(deps),
    unread: dialogs.unread,
    outbox: outbox.entries,
    sync: readableWith(sync.state, { resync: () => sync.run({ full: true }) }),
    persistence: { status: persistence.status },
    tabs: tabs.state,
    privacy,
    contacts,
    lastActivity: { forUser: lastActivity.forUser, query: lastActivity.query },
    system: { messages$: system.messages$, recent: system.recent, send: system.send },
    files: { upload: files.upload, url: files.url, remove: files.remove, progress: files.progress },
    search: createSearchCommand(rest),
    active: activity.active,
    setActive: activity.setActive,
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
