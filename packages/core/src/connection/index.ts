export type { Connection, ConnectionOptions, ConnectionTransport, CredentialsSource } from "./Connection.js";
export type { ConnectedEvent, ConnectionState, ConnectionStatus } from "./ConnectionState.js";
export { type Backoff, type BackoffOptions, backoffDelay, createBackoff, DEFAULT_BACKOFF } from "./createBackoff.js";
export {
  createBrowserNetworkSource,
  type NetworkEvent,
  type NetworkEventSource,
  staticNetworkSource,
} from "./createBrowserNetworkSource.js";
export { createConnection } from "./createConnection.js";
export { createKeepAlive, type KeepAlive, type KeepAliveOptions } from "./createKeepAlive.js";
