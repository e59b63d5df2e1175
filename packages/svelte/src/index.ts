// The public surface of @chatcube/svelte: Svelte stores over @chatcube/core's Readables (which already are stores).
export { CHAT_CLIENT_KEY, getChatClient, setChatClient, useChatClient } from "./chatContext.js";
export { useReadable } from "./useReadable.js";
export type { MaybeGetter } from "./follow.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { useMessages, type MessagesView } from "./useMessages.js";
export { useTyping, useTypingInput, type TypingInputHandlers } from "./useTyping.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export type { Contact, ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
