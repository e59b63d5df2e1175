import type { ChatError } from "../errors/ChatError.js";

/**
 * Where the chat connection is (docs/architecture.md, Data flow §2):
 * - `idle`: not asked to connect (initially, and after `disconnect()`);
 * - `connecting` → `authenticating` → `online`: the first connection after `connect()`;
 * - `reconnecting`: the connection was lost (or an attempt failed) and a retry is scheduled or under way;
 * - `offline`: the device is offline; it reconnects when the network comes back;
 * - `failed`: it gave up (wrong credentials); only a new `connect()` starts again.
 */
export type ConnectionStatus =
  | "idle"
  | "connecting"
  | "authenticating"
  | "online"
  | "reconnecting"
  | "offline"
  | "failed";

/** What the connection store holds. */
export interface ConnectionState {
  /** The status. */
  status: ConnectionStatus;
  /** When the status began (ms, from the connection's clock). */
  since: number;
  /** Consecutive attempts since the last success (0 while online or idle). */
  attempt: number;
  /** Why the last attempt failed or the connection was lost; null after a success. */
  lastError: ChatError | null;
}

/** What `reconnected$` and `online$` report. */
export interface ConnectedEvent {
  /** The stream-management session was resumed: nothing was missed, no resync is needed. */
  resumed: boolean;
  /** False for the first connection after `connect()`, true for every later one. */
  reconnect: boolean;
}
