// @chatcube/vue: composables over core's Readables (shallowRef + onScopeDispose), and core's own public API.

export type { ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
export * from "@chatcube/core";
export { CHAT_CLIENT_KEY, createChatPlugin, provideChatClient, useChatClient } from "./chatPlugin.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useTabs, useUnread } from "./useClientState.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { useMessages } from "./useMessages.js";
export { type ReadonlyRef, useReadable } from "./useReadable.js";
export { type TypingInputHandlers, useTyping, useTypingInput } from "./useTyping.js";
