// Node 20 has no global WebSocket; the official SDK and @xmpp/websocket both use the global one.
import { WebSocket } from "ws";

globalThis.WebSocket ??= WebSocket;
