// @chatcube/react: hooks over core's Readables (useSyncExternalStore), and core's own public API.

export type { ContactPresence as Presence, LastActivityState as LastActivity } from "@chatcube/core";
export * from "@chatcube/core";
export { ChatProvider, type ChatProviderProps, useChatClient } from "./ChatProvider.js";
export { useAuth, useConnection, useOutbox, useSession, useSync, useTabs, useUnread } from "./useClientState.js";
export { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
export { useDialog, useDialogs } from "./useDialogs.js";
export { useMessages } from "./useMessages.js";
export { useReadable } from "./useReadable.js";
export { type TypingInputEvent, type TypingInputHandlers, useTyping, useTypingInput } from "./useTyping.js";
