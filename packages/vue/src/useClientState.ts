import type { AuthState, ConnectionState, OutboxEntry, Session, SyncState, TabsState } from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/**
 * Whether someone is signed in: `signed-out`, `signed-in`, or `expired` (the server rejected the session: show
 * sign-in with `user.login` filled in; the pending messages go out once that user signs in again).
 */
export const useAuth = (): ReadonlyRef<AuthState> => useReadable(useChatClient().auth.state);

/** The signed-in user and token, or null. */
export const useSession = (): ReadonlyRef<Session | null> => useReadable(useChatClient().session);

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export const useConnection = (): ReadonlyRef<ConnectionState> => useReadable(useChatClient().connection);

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export const useSync = (): ReadonlyRef<SyncState> => useReadable(useChatClient().sync);

/** This tab among the user's tabs: `role` (`leader` holds the one connection, `follower`, `alone`), `term`, `tabs`. */
export const useTabs = (): ReadonlyRef<TabsState> => useReadable(useChatClient().tabs);

/** Unread messages: in one dialog when `dialogId` is given (a ref or getter may change it), else in all of them. */
export function useUnread(dialogId?: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<number> {
  const { unread } = useChatClient();
  return useReadable(() => unread.forDialog(toValue(dialogId)));
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<readonly OutboxEntry[]> {
  const { outbox } = useChatClient();
  return useReadable(() => outbox.forDialog(toValue(dialogId)));
}
