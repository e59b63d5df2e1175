import {
  type AuthState,
  type ConnectionState,
  type OutboxEntry,
  type Session,
  type SyncState,
  shallowEqual,
  type UnreadCounts,
} from "@chatcube/core";
import { useCallback } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/**
 * Whether someone is signed in: `signed-out`, `signed-in`, or `expired` (the server rejected the session: show
 * sign-in with `user.login` filled in; the pending messages go out once that user signs in again).
 */
export function useAuth(): AuthState {
  return useReadable(useChatClient().auth.state);
}

/** The signed-in user and token, or null. */
export function useSession(): Session | null {
  return useReadable(useChatClient().session);
}

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export function useConnection(): ConnectionState {
  return useReadable(useChatClient().connection);
}

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export function useSync(): SyncState {
  return useReadable(useChatClient().sync);
}

/** Unread messages: in one dialog when `dialogId` is given, else in all of them. */
export function useUnread(dialogId?: string | null): number {
  const selectCount = useCallback(
    (counts: UnreadCounts) => (dialogId ? (counts.byDialog[dialogId] ?? 0) : counts.total),
    [dialogId],
  );
  return useReadable(useChatClient().unread, selectCount);
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: string | null): readonly OutboxEntry[] {
  const selectEntries = useCallback(
    (entries: readonly OutboxEntry[]) => (dialogId ? entries.filter((entry) => entry.dialogId === dialogId) : entries),
    [dialogId],
  );
  return useReadable(useChatClient().outbox, selectEntries, shallowEqual);
}
