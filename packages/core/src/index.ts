// The public surface of @chatcube/core. Internal layers (rest/dto, xmpp/stanzas, wire-time and attachment-wire
// helpers) have their own index files and are not re-exported here, so the published types stay free of wire and
// XML types.
export * from "./reactive/index.js";
export { createManualClock, systemClock, type Clock, type ManualClock, type TimerHandle } from "./time/index.js";
export {
  CHAT_ERROR_CODES,
  ChatError,
  isChatError,
  isSessionExpired,
  toChatError,
  type ChatErrorCode,
  type ChatErrorDetails,
  type ChatErrorJson,
  type ChatErrorOptions,
  type Result,
} from "./errors/index.js";
export {
  DialogType,
  isDialogType,
  isObjectId,
  objectId,
  objectIdTime,
  type Attachment,
  type CustomParams,
  type Dialog,
  type DialogPermissions,
  type LastMessage,
  type LastMessageStatus,
  type Message,
  type MessageStatus,
  type OutboxEdit,
  type OutboxEntry,
  type OutboxEntryBase,
  type OutboxKind,
  type OutboxRead,
  type OutboxReact,
  type OutboxRemove,
  type OutboxSend,
  type OutboxState,
  type Reactions,
  type User,
} from "./model/index.js";
export { createChatClient, type ChatClientOptions } from "./client/createChatClient.js";
export type { ChatClient, CreateDialogInput, DialogMessages, SendInput, Session, UpdateDialogInput } from "./client/ChatClient.js";
export { DIALOG_EVENTS } from "./client/createDialogsFacade.js";
export type { ConnectionState, ConnectionStatus } from "./connection/ConnectionState.js";
export type { BackoffOptions } from "./connection/createBackoff.js";
export type { NetworkEvent, NetworkEventSource } from "./connection/createBrowserNetworkSource.js";
export { createMemoryPersistence } from "./persistence/memory/createMemoryPersistence.js";
export type { Persistence, PersistenceScope, PersistenceSession, PersistenceStatus, StoredSnapshot, StoredWindow } from "./persistence/Persistence.js";
export type { UnreadCounts } from "./stores/dialogs/createDialogsStore.js";
export type { MessageWindow } from "./stores/messages/messagesReducer.js";
export type { SyncState } from "./sync/createSync.js";
export type { ParsedSystemMessage as SystemMessage } from "./xmpp/stanzas/parsedMessage.js";
