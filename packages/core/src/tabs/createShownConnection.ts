import type { ConnectionState } from "../connection/ConnectionState.js";
import { ChatError } from "../errors/ChatError.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";

const LEADER_SILENT = new ChatError("network", "The tab holding the chat connection stopped answering");

/** The connection as a tab shows it, and what it hears of the leader's. */
export interface ShownConnection {
  /** `client.connection`: this tab's own, or in a follower the leader's. */
  readonly shown: Readable<ConnectionState>;
  /** The leader's connection, as its stream said (null: none heard). */
  heard(connection: ConnectionState | null): void;
  /** Since when the leader has missed its heartbeats (null: it is heard). */
  silentSince(since: number | null): void;
  dispose(): void;
}

/**
 * What a tab shows as the chat connection (docs/architecture.md, Tabs): its own while it leads or is alone; in a
 * follower the leader's as last heard, and `reconnecting` once the leader has been silent a while (a handover is
 * coming), not the last "online" it said. `role` is watched: any change of it may change what shows.
 */
export function createShownConnection(
  own: Readable<ConnectionState>,
  role: Readable<unknown>,
  isFollower: () => boolean,
): ShownConnection {
  const leader = createStore<ConnectionState | null>(null);
  const silent = createStore<number | null>(null);
  const shown = createStore<ConnectionState>(own.get());
  const leaderShown = (): ConnectionState | null => {
    const heard = leader.get();
    const since = silent.get();
    return heard && since !== null ? { status: "reconnecting", since, attempt: 0, lastError: LEADER_SILENT } : heard;
  };
  const refresh = () => shown.set((isFollower() && leaderShown()) || own.get());
  const unwatch = [role, leader, silent, own].map((r) => (r as Readable<unknown>).subscribe(refresh));
  return {
    shown,
    heard: (connection) => leader.set(connection),
    silentSince: (since) => silent.set(since),
    dispose: () => unwatch.forEach((stop) => stop()),
  };
}
