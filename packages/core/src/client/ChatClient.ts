import type { Observable } from "rxjs";
import type { ConnectionState } from "../connection/ConnectionState.js";
import type { ChatError } from "../errors/ChatError.js";
import type { Attachment } from "../model/attachment.js";
import type { Dialog, DialogType } from "../model/dialog.js";
import type { CustomParams, Message } from "../model/message.js";
import type { FileToSend } from "../model/pendingUpload.js";
import type { User } from "../model/user.js";
import type { PersistenceStatus } from "../persistence/Persistence.js";
import type { Readable } from "../reactive/readable.js";
import type { UnreadReadable } from "../stores/dialogs/createDialogsStore.js";
import type { DialogMessages, MessagesView } from "../stores/messages/messagesView.js";
import type { OutboxReadable } from "../stores/outbox/selectOutbox.js";
import type { SyncState } from "../sync/createSync.js";
import type { TabsState } from "../tabs/TabsState.js";
import type { AuthState } from "./createAuth.js";
import type { ContactsApi } from "./createContactsCommands.js";
import type { DialogExtrasApi } from "./createDialogExtrasCommands.js";
import type { FilesApi } from "./createFilesCommands.js";
import type { LastActivityApi } from "./createLastActivityCommands.js";
import type { ReactionsApi } from "./createReactionsCommands.js";
import type { SearchCommand } from "./createSearchCommand.js";
import type { SystemApi } from "./createSystemCommands.js";
import type { TypingInput } from "./createTypingInput.js";
import type { PrivacyApi } from "./PrivacyApi.js";

/** The signed-in user and their REST session token. */
export interface Session {
  user: User;
  token: string;
}

export type { DialogMessages, MessagesView } from "../stores/messages/messagesView.js";

/** What `messages.send()` resolves with: the message as first shown, and its outcome. */
export interface SentMessage extends Message {
  /** Resolves with the message once the server acknowledged it; rejects with the ChatError if it failed or was cancelled. */
  settled: Promise<Message>;
}

/** What a new message carries. */
export interface SendInput {
  body?: string | null;
  attachments?: Attachment[];
  /** Custom parameters (sent as extraParams, stored as top-level keys). */
  extension?: CustomParams;
  /** Files to upload first: the message stays `pending` (and resumable from the outbox) until they are up. */
  files?: FileToSend[];
  /** No push notification for offline or inactive recipients (`silent=1`). */
  silent?: boolean;
}

/** What a new dialog needs. */
export interface CreateDialogInput {
  type: DialogType;
  /** The other members (the server adds the creator): one for PRIVATE, none needed for PUBLIC. */
  occupantIds?: number[];
  name?: string;
  photo?: string;
  description?: string;
  extensions?: Record<string, string>;
}

/** Changes to a dialog. */
export interface UpdateDialogInput {
  name?: string;
  photo?: string | null;
  description?: string | null;
  extensions?: Record<string, string> | null;
  addOccupantIds?: number[];
  removeOccupantIds?: number[];
  addAdminIds?: number[];
  removeAdminIds?: number[];
  pinMessageIds?: string[];
  unpinMessageIds?: string[];
}

/** The chatcube client: every store an app shows, and the commands that change them. */
export interface ChatClient {
  auth: {
    /**
     * `signed-out`, `signed-in`, or `expired`: the server rejected the session and it could not be renewed (after a
     * reload no password is kept). While expired the chat stays disconnected and the outbox waits, intact; `login()`
     * as the same user sends it, once. `user` is whom to sign in again as.
     */
    state: Readable<AuthState>;
    /** Creates an account (does not sign in). */
    signup(input: { login: string; password: string; fullName?: string; email?: string }): Promise<User>;
    /**
     * Opens a REST session, publishes the cached data, and connects the chat in the background. Allowed while
     * `expired`: the same user carries on with their data and outbox; another user starts afresh.
     */
    login(credentials: { login?: string; email?: string; password: string }): Promise<User>;
    /** The same with an existing session token (custom identity, social login). */
    loginWithToken(token: string): Promise<User>;
    /**
     * Signs in again with no network call, from a session remembered by the persistence (or the one given): publishes
     * the cached data at once and connects in the background (an app reload, even offline). Null when none is remembered.
     */
    resume(session?: Session): Promise<User | null>;
    /** Disconnects, closes the session, and forgets this user's data (unless `keepData`). */
    logout(options?: { keepData?: boolean }): Promise<void>;
  };
  /** The signed-in user and token, or null. */
  session: Readable<Session | null>;
  /** Other users' profiles (names and avatars for the UI). */
  users: {
    get(id: number): Promise<User>;
    /** Several users at once (in pages of 100); unknown ids are left out. */
    getMany(ids: readonly number[]): Promise<User[]>;
  };
  /** The chat connection: `idle, connecting, authenticating, online, reconnecting, offline, failed`. */
  connection: Readable<ConnectionState> & {
    /** Connects (again) with the current session; resolves when online. In a follower tab it does nothing: the leader holds the connection. */
    connect(): Promise<void>;
    /** Disconnects the chat (the REST session stays). */
    disconnect(): Promise<void>;
  };
  dialogs: {
    /** Dialogs sorted by last activity, live. */
    list: Readable<Dialog[]>;
    /** One dialog (undefined until known, or for no id); notifies only when that dialog changes. */
    get(id: string | null | undefined): Readable<Dialog | undefined>;
    create(input: CreateDialogInput): Promise<Dialog>;
    update(id: string, patch: UpdateDialogInput): Promise<Dialog>;
    remove(id: string, options?: { force?: boolean }): Promise<void>;
    clearHistory(id: string, options?: { force?: boolean }): Promise<void>;
    subscribePublic(id: string): Promise<Dialog>;
    unsubscribePublic(id: string): Promise<void>;
    /** Fetches the next page of the dialog list (sync already loads every changed dialog). */
    loadMore(): Promise<void>;
  } & DialogExtrasApi;
  messages: {
    /** One dialog's messages (empty for no dialog); starts loading the newest page when first subscribed. */
    forDialog(dialogId: string | null | undefined): DialogMessages;
    /** The same as one value with `loadOlder` (what a binding's `useMessages` gives); the same Readable per dialog. */
    view(dialogId: string | null | undefined): Readable<MessagesView>;
    /**
     * Shows the message at once as `pending`; resolves when it is in the durable outbox, with the message and its
     * `settled` promise: it resolves with the message once the server has it, and rejects with the ChatError when the
     * message is given up (`blocked`, `cancelled`…). A message restored after a reload is followed in its window.
     */
    send(dialogId: string, input: SendInput): Promise<SentMessage>;
    edit(dialogId: string, messageId: string, body: string): Promise<void>;
    remove(dialogId: string, messageIds: string[], options?: { force?: boolean }): Promise<void>;
    /** Marks everything in the dialog read: a read marker to the sender, REST, unread count 0. */
    markRead(dialogId: string): Promise<void>;
    /** Tries a failed message again. */
    retry(messageId: string): Promise<void>;
    /** Gives up a pending or failed message (one whose files are uploading too). */
    cancel(messageId: string): Promise<void>;
  } & ReactionsApi;
  typing: {
    /** User ids typing in the dialog (each expires 6 s after their last news); nobody for no dialog. */
    forDialog(dialogId: string | null | undefined): Readable<readonly number[]>;
    /** Call on every key press: sends `composing` at most every few seconds and `paused` after a pause. */
    start(dialogId: string): void;
    stop(dialogId: string): void;
    /** The typing policy of one text input (createTypingInput.ts): what the bindings' `useTypingInput` calls. */
    input(): TypingInput;
  };
  /** Unread counts: total and per dialog; `forDialog(id)` one dialog's count (the total for no id). */
  unread: UnreadReadable;
  /** Outgoing work not yet done; `forDialog(id)` one dialog's (all for no id). */
  outbox: OutboxReadable;
  /** Delta sync state; `resync()` runs a full sync now. */
  sync: Readable<SyncState> & { resync(): Promise<void> };
  /** Whether data survives a reload, live: `degraded` (memory only) with the reason. */
  persistence: { status: Readable<PersistenceStatus> };
  /** This tab among the user's tabs in the browser: leader, follower, or alone (docs/architecture.md, Tabs). */
  tabs: Readable<TabsState>;
  /** System messages (app-level signals): the stream, the recent ones, and `send`. */
  system: SystemApi;
  /** Privacy (block) lists: `{ lists, defaultName, activeName, blocked }`, live, and their commands. */
  privacy: PrivacyApi;
  /** The contact list with subscription states and presence, live; `contacts.requests`; add/confirm/reject/remove/rename. */
  contacts: ContactsApi;
  /** Users' last activity; `forUser(id)` streams online/offline changes while subscribed. */
  lastActivity: LastActivityApi;
  /** File uploads (with progress and cancel) and download URLs. */
  files: FilesApi;
  /** Global search over message texts and dialog names. */
  search: SearchCommand;
  /** Whether the app counts as active (foreground); see `setActive`. */
  active: Readable<boolean>;
  /**
   * Tells the server the app is active or in the background (push notifications while inactive). With several tabs
   * the user is active while any tab is visible, and the leader tab tells the server once per change.
   */
  setActive(active: boolean): Promise<void>;
  /**
   * Someone else's new message, for the app's own notification (a sound, a `Notification`): once per message across
   * the user's tabs — in a visible tab if there is one, else in the tab holding the connection.
   */
  notifications$: Observable<Message>;
  /**
   * Background failures (sync, outbox, malformed stanzas and frames). Commands reject with their own errors instead.
   * Repeats are coalesced: the first error of a kind comes at once, its repeats within `errorWindowMs` come as one
   * error with `details.repeated` (the count) and the first repeat as `cause`.
   */
  errors: Observable<ChatError>;
  /** Stops everything (sockets, timers). */
  dispose(): Promise<void>;
}
