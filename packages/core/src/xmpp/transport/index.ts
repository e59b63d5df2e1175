export { createXmppTransport, DEFAULT_PING_TIMEOUT_MS } from "../createXmppTransport.js";
export { toTransportError } from "./toTransportError.js";
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
