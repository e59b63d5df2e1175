import type { AuthState, ConnectionState, OutboxEntry, Session, SyncState, TabsState } from "@chatcube/core";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/**
 * Whether someone is signed in: `signed-out`, `signed-in`, or `expired` (the server rejected the session: show
 * sign-in with `user.login` filled in; the pending messages go out once that user signs in again).
 */
export const useAuth = (): AuthState => useReadable(useChatClient().auth.state);

/** The signed-in user and token, or null. */
export const useSession = (): Session | null => useReadable(useChatClient().session);

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export const useConnection = (): ConnectionState => useReadable(useChatClient().connection);

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export const useSync = (): SyncState => useReadable(useChatClient().sync);

/** This tab among the user's tabs: `role` (`leader` holds the one connection, `follower`, `alone`), `term`, `tabs`. */
export const useTabs = (): TabsState => useReadable(useChatClient().tabs);

/** Unread messages: in one dialog when `dialogId` is given, else in all of them. */
export function useUnread(dialogId?: string | null): number {
  return useReadable(useChatClient().unread.forDialog(dialogId));
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: string | null): readonly OutboxEntry[] {
  return useReadable(useChatClient().outbox.forDialog(dialogId));
}
