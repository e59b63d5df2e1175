// The public surface of @chatcube/react: hooks over @chatcube/core's Readables (useSyncExternalStore).
export { ChatProvider, useChatClient, type ChatProviderProps } from "./ChatProvider.js";
export { useReadable } from "./useReadable.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { useMessages, type MessagesView } from "./useMessages.js";
export { useTyping, useTypingInput, type TypingInputEvent, type TypingInputHandlers } from "./useTyping.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export type { Contact, ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
