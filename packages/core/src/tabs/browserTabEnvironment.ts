import type { ChannelPort } from "./createTabChannel.js";
import type { LifecycleEvent, LockManagerLike } from "./createTabCoordinator.js";

/** What tab coordination needs from the environment (the browser's by default; fakes in tests). */
export interface TabEnvironment {
  locks: LockManagerLike;
  /** Opens a channel by name (a `BroadcastChannel`). */
  openChannel(name: string): ChannelPort;
  /** Page lifecycle events, if any. */
  lifecycle?: (listener: (event: LifecycleEvent) => void) => () => void;
  /** A new id for this tab. */
  newTabId(): string;
}

interface BrowserGlobals {
  navigator?: { locks?: LockManagerLike };
  BroadcastChannel?: new (name: string) => ChannelPort;
  document?: EventTarget;
  addEventListener?: EventTarget["addEventListener"];
  removeEventListener?: EventTarget["removeEventListener"];
  crypto?: { randomUUID?: () => string };
}

/**
 * The browser's Web Locks, BroadcastChannel and page lifecycle events, looked up when called (never at import, so
 * server-side rendering is safe); null when either API is missing, and each tab then runs alone.
 */
export function browserTabEnvironment(): TabEnvironment | null {
  const scope = globalThis as BrowserGlobals;
  const locks = scope.navigator?.locks;
  const Channel = scope.BroadcastChannel;
  if (!locks || typeof locks.request !== "function" || typeof Channel !== "function") return null;
  return {
    locks,
    openChannel: (name) => new Channel(name),
    newTabId: () => scope.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    lifecycle(listener) {
      const on = (target: EventTarget | undefined, type: string, event: LifecycleEvent) => {
        const handler = () => listener(event);
        target?.addEventListener(type, handler);
        return () => target?.removeEventListener(type, handler);
      };
      const win = scope.addEventListener ? (globalThis as unknown as EventTarget) : undefined;
      const stops = [
        on(scope.document, "freeze", "freeze"),
        on(scope.document, "resume", "resume"),
        on(win, "pagehide", "pagehide"),
        on(win, "pageshow", "pageshow"),
      ];
      return () => stops.forEach((stop) => stop());
    },
  };
}
