export { createConnection, type Connection, type ConnectionOptions, type ConnectionTransport, type CredentialsSource } from "./createConnection.js";
export type { ConnectedEvent, ConnectionState, ConnectionStatus } from "./ConnectionState.js";
export { backoffDelay, createBackoff, DEFAULT_BACKOFF, type Backoff, type BackoffOptions } from "./createBackoff.js";
export {
  createBrowserNetworkSource,
  staticNetworkSource,
  type NetworkEvent,
  type NetworkEventSource,
} from "./createBrowserNetworkSource.js";
export { createKeepAlive, type KeepAlive, type KeepAliveOptions } from "./createKeepAlive.js";
