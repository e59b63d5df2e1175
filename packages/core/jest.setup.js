// Node 20 has no global WebSocket; @xmpp/websocket needs one (TOOLCHAIN.md §7). Browsers and jsdom do not need this.
import { WebSocket } from "ws";

globalThis.WebSocket ??= WebSocket;
