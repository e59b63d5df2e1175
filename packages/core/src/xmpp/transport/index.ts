export { createXmppTransport, DEFAULT_PING_TIMEOUT_MS } from "../createXmppTransport.js";
export type {
  ConnectResult,
  IqHandler,
  TransportLogger,
  TransportState,
  TransportStatus,
  WebSocketConstructor,
  XmppCredentials,
  XmppTransport,
  XmppTransportOptions,
} from "./XmppTransport.js";
export { toTransportError } from "./toTransportError.js";
