import type { ConnectionState } from "../connection/ConnectionState.js";
import { ChatError, type ChatErrorJson } from "../errors/ChatError.js";

/** The leader's connection state as it crosses to the other tabs (its error in plain form). */
export const connectionToWire = (c: ConnectionState) => ({ ...c, lastError: c.lastError?.toJSON() ?? null });

/** What `connectionToWire` makes. */
export type WireConnection = ReturnType<typeof connectionToWire>;

/** The leader's connection state as a follower shows it. */
export const connectionFromWire = (c: WireConnection): ConnectionState => ({
  ...c,
  lastError: c.lastError ? ChatError.fromJSON(c.lastError as ChatErrorJson) : null,
});
