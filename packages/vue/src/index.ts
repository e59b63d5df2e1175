// The public surface of @chatcube/vue: composables over @chatcube/core's Readables (shallowRef + onScopeDispose).

export type { Contact, ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
export { CHAT_CLIENT_KEY, createChatPlugin, provideChatClient, useChatClient } from "./chatPlugin.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { type MessagesView, useMessages } from "./useMessages.js";
export { type ReadonlyRef, useReadable } from "./useReadable.js";
export { type TypingInputHandlers, useTyping, useTypingInput } from "./useTyping.js";
