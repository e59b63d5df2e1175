import {
  type AuthState,
  type ConnectionState,
  type OutboxEntry,
  type Session,
  type SyncState,
  select,
  shallowEqual,
} from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/**
 * Whether someone is signed in: `signed-out`, `signed-in`, or `expired` (the server rejected the session: show
 * sign-in with `user.login` filled in; the pending messages go out once that user signs in again).
 */
export function useAuth(): ReadonlyRef<AuthState> {
  return useReadable(useChatClient().auth.state);
}

/** The signed-in user and token, or null. */
export function useSession(): ReadonlyRef<Session | null> {
  return useReadable(useChatClient().session);
}

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export function useConnection(): ReadonlyRef<ConnectionState> {
  return useReadable(useChatClient().connection);
}

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export function useSync(): ReadonlyRef<SyncState> {
  return useReadable(useChatClient().sync);
}

/** Unread messages: in one dialog when `dialogId` is given (a ref or getter may change it), else in all of them. */
export function useUnread(dialogId?: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<number> {
  const { unread } = useChatClient();
  const total = select(unread, (counts) => counts.total);
  return useReadable(() => {
    const id = toValue(dialogId);
    return id ? select(unread, (counts) => counts.byDialog[id] ?? 0) : total;
  });
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<readonly OutboxEntry[]> {
  const { outbox } = useChatClient();
  return useReadable(() => {
    const id = toValue(dialogId);
    return id ? select(outbox, (entries) => entries.filter((entry) => entry.dialogId === id), shallowEqual) : outbox;
  });
}
