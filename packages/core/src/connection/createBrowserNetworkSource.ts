/** What the network monitor reports: connectivity changes and page visibility changes. */
export type NetworkEvent = "online" | "offline" | "visible" | "hidden";

/** Where the connection learns about the network and the page; injectable, so tests drive it by hand. */
export interface NetworkEventSource {
  /** False when the device says it is offline. */
  isOnline(): boolean;
  /** False while the page is hidden (a background tab). */
  isVisible(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (event: NetworkEvent) => void): () => void;
}

/** A source for environments without a window (SSR, Node, workers without events): always online and visible. */
export const staticNetworkSource: NetworkEventSource = {
  isOnline: () => true,
  isVisible: () => true,
  subscribe: () => () => {},
};

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * The browser's `online`/`offline` events (on `window`) and `visibilitychange` (on `document`). Touches no DOM global
 * at import, and falls back to `staticNetworkSource` where there is no `window` (SSR-safe).
 */
export function createBrowserNetworkSource(): NetworkEventSource {
  if (typeof window === "undefined" || typeof window.addEventListener !== "function") return staticNetworkSource;
  const win: EventTargetLike = window;
  const doc: (EventTargetLike & { visibilityState?: string }) | null =
    typeof document === "undefined" ? null : document;
  return {
    isOnline: () => typeof navigator === "undefined" || navigator.onLine !== false,
    isVisible: () => doc?.visibilityState !== "hidden",
    subscribe(listener) {
      const online = () => listener("online");
      const offline = () => listener("offline");
      const visibility = () => listener(doc?.visibilityState === "hidden" ? "hidden" : "visible");
      win.addEventListener("online", online);
      win.addEventListener("offline", offline);
      doc?.addEventListener("visibilitychange", visibility);
      return () => {
        win.removeEventListener("online", online);
        win.removeEventListener("offline", offline);
        doc?.removeEventListener("visibilitychange", visibility);
      };
    },
  };
}
