/** Where the demo client connects, and how it keeps data. */
export interface ChatConfig {
  appId: number;
  authKey: string;
  apiUrl: string;
  chatUrl: string;
  chatDomain: string;
  /** `indexeddb` (the default, survives reloads) or `memory`. */
  persistence: "indexeddb" | "memory";
}

/**
 * Reads the config: the query string wins (`?api=…&chat=…&domain=…&persistence=memory`), then `VITE_CHATCUBE_*`
 * variables from the build, then the local server's defaults (`pnpm demo`).
 */
export function readChatConfig(search: string = location.search): ChatConfig {
  const query = new URLSearchParams(search);
  const env = import.meta.env;
  const pick = (param: string, variable: string | undefined, fallback: string) =>
    query.get(param) || variable || fallback;
  return {
    appId: Number(pick("appId", env.VITE_CHATCUBE_APP_ID, "1")),
    authKey: pick("authKey", env.VITE_CHATCUBE_AUTH_KEY, "dev-auth-key"),
    apiUrl: pick("api", env.VITE_CHATCUBE_API_URL, "http://127.0.0.1:5280"),
    chatUrl: pick("chat", env.VITE_CHATCUBE_CHAT_URL, "ws://localhost:5280/ws"),
    chatDomain: pick("domain", env.VITE_CHATCUBE_CHAT_DOMAIN, "localhost"),
    persistence: pick("persistence", env.VITE_CHATCUBE_PERSISTENCE, "indexeddb") === "memory" ? "memory" : "indexeddb",
  };
}
