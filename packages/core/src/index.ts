// The public surface of @chatcube/core. Internal layers (rest/dto, xmpp/stanzas, wire-time and attachment-wire
// helpers) are not re-exported here, so the published types stay free of wire and XML types.

export type {
  ChatClient,
  CreateDialogInput,
  DialogMessages,
  MessagesView,
  SendInput,
  SentMessage,
  Session,
  UpdateDialogInput,
} from "./client/ChatClient.js";
export type { ChatClientOptions } from "./client/ChatClientOptions.js";
export type { AuthState, AuthStatus } from "./client/createAuth.js";
export { createChatClient } from "./client/createChatClient.js";
export type { ContactsApi } from "./client/createContactsCommands.js";
export type { DialogExtrasApi, OccupantsPage, OccupantsPager } from "./client/createDialogExtrasCommands.js";
export type { FilesApi, UploadOptions } from "./client/createFilesCommands.js";
export type { LastActivityApi, LastActivityState } from "./client/createLastActivityCommands.js";
export type { ReactionsApi } from "./client/createReactionsCommands.js";
export type { SearchCommand } from "./client/createSearchCommand.js";
export type { SystemApi, SystemMessageInput } from "./client/createSystemCommands.js";
export { createTypingInput, type TypingInput } from "./client/createTypingInput.js";
// The messaging guide beyond chatting (issue 5): privacy, contacts, last activity, reactions, system messages, files,
// search, dialog extras, active/inactive.
export type { PrivacyApi, PrivacyListNames } from "./client/PrivacyApi.js";
export type { ConnectionState, ConnectionStatus } from "./connection/ConnectionState.js";
export type { BackoffOptions } from "./connection/createBackoff.js";
export type { NetworkEvent, NetworkEventSource } from "./connection/createBrowserNetworkSource.js";
export {
  CHAT_ERROR_CODES,
  ChatError,
  type ChatErrorCode,
  type ChatErrorDetails,
  type ChatErrorJson,
  type ChatErrorOptions,
  isChatError,
  isSessionExpired,
  type Result,
  toChatError,
} from "./errors/index.js";
export type { Contact, ContactPresence, ContactRequest, PresenceShow, SubscriptionState } from "./model/contact.js";
export {
  type Attachment,
  type CustomParams,
  type Dialog,
  type DialogPermissions,
  DialogType,
  isDialogType,
  isObjectId,
  type LastMessage,
  type LastMessageStatus,
  type Message,
  type MessageStatus,
  type OutboxEdit,
  type OutboxEntry,
  type OutboxEntryBase,
  type OutboxKind,
  type OutboxReact,
  type OutboxRead,
  type OutboxRemove,
  type OutboxSend,
  type OutboxState,
  objectId,
  objectIdTime,
  type Reactions,
  type User,
} from "./model/index.js";
export type { FileBytes, FileToSend, PendingUpload } from "./model/pendingUpload.js";
export type { PrivacyRule } from "./model/privacyRule.js";
export type { StoredFile, UploadedFile, UploadProgress } from "./model/storedFile.js";
export {
  type CacheCaps,
  createIndexedDbPersistence,
  DEFAULT_CACHE_CAPS,
  type IndexedDbPersistenceOptions,
} from "./persistence/indexedDb/index.js";
export { createMemoryPersistence } from "./persistence/memory/createMemoryPersistence.js";
export type {
  Persistence,
  PersistenceScope,
  PersistenceSession,
  PersistenceStatus,
  StoredSession,
  StoredSnapshot,
  StoredValue,
  StoredWindow,
  StoredWindowInfo,
} from "./persistence/Persistence.js";
export * from "./reactive/index.js";
export type { SearchOptions, SearchResult } from "./rest/createSearch.js";
export type { UnreadCounts, UnreadReadable } from "./stores/dialogs/createDialogsStore.js";
export type { MessageWindow } from "./stores/messages/messagesReducer.js";
export type { OutboxReadable } from "./stores/outbox/selectOutbox.js";
export type { PrivacyState } from "./stores/privacy/privacyReducer.js";
export type { BlockedSelectors } from "./stores/privacy/selectBlocked.js";
export type { SyncState } from "./sync/createSync.js";
export type { TabEnvironment } from "./tabs/browserTabEnvironment.js";
export type { ChannelPort } from "./tabs/createTabChannel.js";
export type { LifecycleEvent, LockManagerLike } from "./tabs/createTabCoordinator.js";
export type { TabRole, TabsState } from "./tabs/TabsState.js";
export { type Clock, createManualClock, type ManualClock, systemClock, type TimerHandle } from "./time/index.js";
export { DIALOG_EVENTS } from "./xmpp/stanzas/dialogEvents.js";
export type { ParsedSystemMessage as SystemMessage } from "./xmpp/stanzas/parsedMessage.js";
