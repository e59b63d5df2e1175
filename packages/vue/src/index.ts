// The public surface of @chatcube/vue: composables over @chatcube/core's Readables (shallowRef + onScopeDispose).
export { CHAT_CLIENT_KEY, createChatPlugin, provideChatClient, useChatClient } from "./chatPlugin.js";
export { useReadable, type ReadonlyRef } from "./useReadable.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { useMessages, type MessagesView } from "./useMessages.js";
export { useTyping, useTypingInput, type TypingInputHandlers } from "./useTyping.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export type { Contact, ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
