import type { BackoffOptions } from "../connection/createBackoff.js";
import type { NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { Persistence } from "../persistence/Persistence.js";
import type { TabEnvironment } from "../tabs/browserTabEnvironment.js";
import type { Clock } from "../time/clock.js";
import type { TransportLogger, WebSocketConstructor } from "../xmpp/transport/XmppTransport.js";

/** Options of `createChatClient`. Only the endpoints and app credentials are required. */
export interface ChatClientOptions {
  /** How long `lastActivity.forUser(id)` keeps streaming after its last subscriber leaves. Default 5 s. */
  lastActivityKeepAliveMs?: number;
  /** Mark the app inactive while the page is hidden, active when shown (`client.setActive`). Default true. */
  activeOnVisibility?: boolean;
  appId: number;
  authKey: string;
  /** REST base URL, e.g. `https://api.connectycube.com` or `http://127.0.0.1:5280`. */
  apiUrl: string;
  /** XMPP-over-WebSocket URL, e.g. `wss://chat.connectycube.com:5291` or `ws://localhost:5280/ws`. */
  chatUrl: string;
  /** Chat domain (`endpoints.chat`), e.g. `chat.connectycube.com` or `localhost`. */
  chatDomain: string;
  /**
   * Where data is kept between runs. Default `createIndexedDbPersistence()`: IndexedDB where there is one, memory
   * under SSR or when it is unusable (see `client.persistence.status`).
   */
  persistence?: Persistence;
  /** How far before the stored cursor the dialog delta starts (ms). Default 60 s. */
  syncOverlapMs?: number;
  /** Most cached messages restored at sign-in (most recently viewed windows first); others load when opened. Default 5,000. */
  hydrateMessages?: number;
  /** Where to log. Default: nowhere. */
  logger?: TransportLogger;
  /** Time source. Default the system clock. */
  clock?: Clock;
  /** Reconnect delays. Default 1 s doubling to 30 s, with jitter. */
  reconnect?: BackoffOptions;
  /** Liveness ping while online; 0 disables. Default 30 s. */
  pingIntervalMs?: number;
  /** Browser online/offline/visibility events; `null` ignores them. Default the browser's (none under SSR). */
  network?: NetworkEventSource | null;
  /** WebSocket implementation; default the global one. */
  WebSocket?: WebSocketConstructor;
  /** fetch implementation; default the global one. */
  fetch?: typeof fetch;
  /**
   * Longest time (ms) while online before unread counts show reads made on another device over REST (they are also
   * refreshed on every sync and whenever the page becomes visible); 0 turns the timer off. Default 60 s.
   */
  unreadRefreshMs?: number;
  /** Messages per history page. Default 50. */
  pageSize?: number;
  /** How long repeats of one kind of error are gathered into one on `errors` (0: never). Default 1000 ms. */
  errorWindowMs?: number;
  /** Most messages a dialog keeps in memory while live messages arrive. Default 500. */
  windowCap?: number;
  /**
   * How the tabs of one user share one connection (docs/architecture.md, Tabs). Default the browser's Web Locks and
   * BroadcastChannel; `null` (or a browser without them) runs each tab alone. Only a shared database (IndexedDB)
   * coordinates.
   */
  tabs?: TabEnvironment | null;
}
