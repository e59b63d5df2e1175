import type { AuthState, ConnectionState, OutboxEntry, Readable, Session, SyncState, TabsState } from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/** Who is signed in: `signed-out`, `signed-in`, or `expired` (show sign-in with `user.login` filled in). */
export const useAuth = (): Readable<AuthState> => getChatClient().auth.state;

/** The signed-in user and token, or null. */
export const useSession = (): Readable<Session | null> => getChatClient().session;

/** The chat connection state (`status`, `since`, `attempt`, `lastError`). */
export const useConnection = (): Readable<ConnectionState> => getChatClient().connection;

/** The delta sync state (`state`, `lastSyncedAt`, `error`); `client.sync.resync()` runs one now. */
export const useSync = (): Readable<SyncState> => getChatClient().sync;

/** This tab among the user's tabs: `role` (`leader` holds the one connection, `follower`, `alone`), `term`, `tabs`. */
export const useTabs = (): Readable<TabsState> => getChatClient().tabs;

/** Unread messages: in one dialog when `dialogId` is given (a getter follows runes), else in all of them. */
export function useUnread(dialogId?: MaybeGetter<string | null | undefined>): Readable<number> {
  return follow(dialogId, getChatClient().unread.forDialog);
}

/** Outgoing work not yet done (pending and failed messages, edits, reactions…), of one dialog when given. */
export function useOutbox(dialogId?: MaybeGetter<string | null | undefined>): Readable<readonly OutboxEntry[]> {
  return follow(dialogId, getChatClient().outbox.forDialog);
}
