import {
  type AuthState,
  type ConnectionState,
  type OutboxEntry,
  type Readable,
  type Session,
  type SyncState,
  select,
  shallowEqual,
} from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/**
 * Whether someone is signed in: `signed-out`, `signed-in`, or `expired` (the server rejected the session: show
 * sign-in with `user.login` filled in; the pending messages go out once that user signs in again).
 */
export function useAuth(): Readable<AuthState> {
  return getChatClient().auth.state;
}

/** The signed-in user and token, or null. */
export function useSession(): Readable<Session | null> {
  return getChatClient().session;
}

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export function useConnection(): Readable<ConnectionState> {
  return getChatClient().connection;
}

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export function useSync(): Readable<SyncState> {
  return getChatClient().sync;
}

/** Unread messages: in one dialog when `dialogId` is given (a getter follows runes), else in all of them. */
export function useUnread(dialogId?: MaybeGetter<string | null | undefined>): Readable<number> {
  const { unread } = getChatClient();
  const total = select(unread, (counts) => counts.total);
  return follow(dialogId, (id) => (id ? select(unread, (counts) => counts.byDialog[id] ?? 0) : total));
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: MaybeGetter<string | null | undefined>): Readable<readonly OutboxEntry[]> {
  const { outbox } = getChatClient();
  return follow(dialogId, (id) =>
    id ? select(outbox, (entries) => entries.filter((entry) => entry.dialogId === id), shallowEqual) : outbox,
  );
}
