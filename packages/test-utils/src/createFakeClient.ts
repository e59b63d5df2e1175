// Test-only: a small fake of the ChatClient parts the bindings read, built on core's createStore, that counts the
// subscribers of every Readable it hands out, for the React, Vue and Svelte bindings' tests.

import type { Contact, LastActivityState as LastActivity, PrivacyState } from "@chatcube/core";
import {
  type AuthState,
  type ChatClient,
  type ConnectionState,
  createStore,
  createTypingInput,
  type Dialog,
  type Message,
  type MessageWindow,
  type OutboxEntry,
  type Readable,
  readableOf,
  type Session,
  type Store,
  type SyncState,
  select,
  selectByKey,
  shallowEqual,
  type TabsState,
  type UnreadCounts,
} from "@chatcube/core";
import { aMessage as aMessageAt } from "./core/testData.js";

/** The part of the privacy state the bindings read. */
type BlockedUsers = Pick<PrivacyState, "blocked">;

/** A fake client with its stores in reach, the calls it received, and subscriber counts. */
export interface FakeChat {
  client: ChatClient;
  dialogs: Store<Record<string, Dialog>>;
  windows(dialogId: string): Store<MessageWindow>;
  typing(dialogId: string): Store<readonly number[]>;
  connection: Store<ConnectionState>;
  session: Store<Session | null>;
  auth: Store<AuthState>;
  sync: Store<SyncState>;
  tabs: Store<TabsState>;
  outbox: Store<readonly OutboxEntry[]>;
  contacts: Store<readonly Contact[]>;
  privacy: Store<BlockedUsers>;
  lastActivity(userId: number): Store<LastActivity>;
  /** Commands called, in order, e.g. `typing.start A`. */
  calls: string[];
  /** Live subscriptions over every Readable the fake handed out. */
  subscribers(): number;
}

export { aDialog } from "./core/testData.js";

/** A message with defaults, sent at 1 s, with this body. */
export const aMessage = (id: string, dialogId: string, body = `message ${id}`): Message =>
  aMessageAt(id, dialogId, 1000, { body });

const EMPTY: MessageWindow = { items: [], hasOlder: true, loadingOlder: false, error: null, detached: false };
const NOTHING: MessageWindow = { ...EMPTY, hasOlder: false };
const UNKNOWN: LastActivity = { online: null, seconds: null, at: null, error: null };
const nothing = async () => {};
/** Core's answer for no key (`forDialog(null)`…): a constant, never counted. */
const orNone =
  <K, T>(of: (key: K) => T, none: T) =>
  (key: K | null | undefined): T =>
    key == null || key === "" ? none : of(key);

/** Creates the fake. */
export function createFakeClient(): FakeChat {
  let live = 0;
  const calls: string[] = [];
  const counted = <T>(readable: Readable<T>): Readable<T> => ({
    get: readable.get,
    value$: readable.value$,
    subscribe(listener) {
      live += 1;
      const unsubscribe = readable.subscribe(listener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        live -= 1;
        unsubscribe();
      };
    },
  });
  const keyed = <K, T>(create: (key: K) => T) => {
    const items = new Map<K, T>();
    return (key: K): T => {
      if (!items.has(key)) items.set(key, create(key));
      return items.get(key)!;
    };
  };

  const dialogs = createStore<Record<string, Dialog>>({});
  const windows = keyed((_dialogId: string) => createStore<MessageWindow>(EMPTY));
  const typing = keyed((_dialogId: string) => createStore<readonly number[]>([]));
  const lastActivity = keyed((_userId: number) =>
    createStore<LastActivity>({ online: false, seconds: 60, at: 1000, error: null }),
  );
  const connection = createStore<ConnectionState>({ status: "idle", since: 0, attempt: 0, lastError: null });
  const session = createStore<Session | null>(null);
  const auth = createStore<AuthState>({ status: "signed-out", user: null });
  const sync = createStore<SyncState>({ state: "idle", lastSyncedAt: null, error: null });
  const tabs = createStore<TabsState>({ role: "alone", term: 0, tabs: 1 });
  const outbox = createStore<readonly OutboxEntry[]>([]);
  const contacts = createStore<readonly Contact[]>([]);
  const privacy = createStore<BlockedUsers>({ blocked: new Set() });
  const unread = select(dialogs, (all): UnreadCounts => {
    const byDialog: Record<string, number> = {};
    for (const dialog of Object.values(all)) if (dialog.unreadCount > 0) byDialog[dialog.id] = dialog.unreadCount;
    return { total: Object.values(byDialog).reduce((sum, count) => sum + count, 0), byDialog };
  });

  const dialogViews = keyed((id: string) => counted(select(dialogs, (all): Dialog | undefined => all[id])));
  const messageViews = keyed((dialogId: string) => ({
    ...counted(windows(dialogId)),
    loadOlder: async () => void calls.push(`messages.loadOlder ${dialogId}`),
  }));
  const messagesViews = keyed((dialogId: string) => {
    const messages = messageViews(dialogId);
    return select(messages, (window) => ({ ...window, loadOlder: messages.loadOlder }));
  });
  const countedUnread = counted(unread);
  const countedOutbox = counted(outbox);
  const countedContacts = counted(contacts);
  const countedPrivacy = counted(privacy);
  const blockList = select(countedPrivacy, (state) => state.blocked);
  const typingViews = keyed((dialogId: string) => counted(typing(dialogId)));
  const activityViews = keyed((userId: number) => counted(lastActivity(userId)));
  const list = counted(select(dialogs, (all) => Object.values(all)));

  const client: ChatClient = {
    auth: { state: counted(auth) },
    session: counted(session),
    connection: { ...counted(connection), connect: async () => {}, disconnect: async () => {} },
    dialogs: { list, get: orNone(dialogViews, readableOf<Dialog | undefined>(undefined)) },
    messages: {
      forDialog: orNone(messageViews, { ...readableOf(NOTHING), loadOlder: nothing }),
      view: orNone(messagesViews, readableOf({ ...NOTHING, loadOlder: nothing })),
    },
    typing: {
      forDialog: orNone(typingViews, readableOf<readonly number[]>([])),
      start: (dialogId: string) => void calls.push(`typing.start ${dialogId}`),
      stop: (dialogId: string) => void calls.push(`typing.stop ${dialogId}`),
      input: () => createTypingInput(client.typing),
    },
    unread: {
      ...countedUnread,
      forDialog: selectByKey(countedUnread, (u, id?: string | null) => (id ? (u.byDialog[id] ?? 0) : u.total)),
    },
    outbox: {
      ...countedOutbox,
      forDialog: selectByKey(
        countedOutbox,
        (all, id?: string | null) => (id ? all.filter((entry) => entry.dialogId === id) : all),
        shallowEqual,
      ),
    },
    sync: { ...counted(sync), resync: async () => {} },
    tabs: counted(tabs),
    contacts: {
      ...countedContacts,
      presenceOf: orNone(
        selectByKey(countedContacts, (list, id: number) => list.find((c) => c.userId === id)?.presence),
        readableOf<Contact["presence"] | undefined>(undefined),
      ),
    },
    privacy: {
      ...countedPrivacy,
      blockList,
      isBlocked: orNone(
        selectByKey(blockList, (blocked, id: number) => blocked.has(id)),
        readableOf(false),
      ),
    },
    lastActivity: { forUser: orNone(activityViews, readableOf(UNKNOWN)) },
  } as unknown as ChatClient;

  return {
    client,
    dialogs,
    windows,
    typing,
    connection,
    session,
    auth,
    sync,
    tabs,
    outbox,
    contacts,
    privacy,
    lastActivity,
    calls,
    subscribers: () => live,
  };
}
