// Node 20 has no global WebSocket; @xmpp/websocket needs one. Browsers and jsdom do not need this.
import { WebSocket } from "ws";

globalThis.WebSocket ??= WebSocket;
