import type { Clock } from "../time/clock.js";
import type { TabMessage } from "./TabsState.js";

/** How long a tab whose REST session expired waits for another tab to renew it before it gives up (signs out). */
const RENEWAL_WAIT_MS = 3000;

/** What the relay needs of the user's tabs and of this tab's auth. */
export interface SessionRelayOptions {
  userId: number;
  clock: Clock;
  /** Posts a signal to the user's other tabs. */
  signal(kind: string, payload: unknown): void;
  /** Creates a new session with the password this tab knows; null when it knows none. */
  renewHere(): Promise<unknown>;
  /** Takes the token another tab renewed. */
  adoptSession(userId: number, token: string): void;
}

/**
 * The REST session is the user's, shared by every tab (docs/architecture.md, Tabs): a tab that meets it expired
 * without the password asks the others (`renew`); the tab that knows the password renews it and tells every tab the
 * token (`session`), which each takes. One renewal for all tabs, none signed out for want of a password.
 */
export function createSessionRelay(options: SessionRelayOptions) {
  const { userId, clock } = options;
  const waiting = new Set<(token: string | null) => void>(); // this tab's requests waiting for a renewed session
  const ofUser = (payload: unknown) => (payload as { userId?: unknown } | null)?.userId === userId;
  return {
    /** A signal from another tab; true when it was the relay's. */
    receive(message: TabMessage): boolean {
      if (message.kind === "renew" && ofUser(message.payload)) {
        void options.renewHere().catch(() => {}); // a tab that knows the password renews; the others cannot
        return true;
      }
      const renewed = message.payload as { token?: unknown } | null;
      if (message.kind === "session" && ofUser(renewed) && typeof renewed?.token === "string") {
        options.adoptSession(userId, renewed.token);
        for (const resolve of waiting) resolve(renewed.token);
        return true;
      }
      return false;
    },
    /** This tab renewed the session: every tab takes the token. */
    announce(token: string): void {
      options.signal("session", { userId, token });
    },
    /** Asks the tab that knows the password to renew; the new token, or null after a while without one. */
    renewElsewhere(): Promise<string | null> {
      return new Promise<string | null>((resolve) => {
        const done = (token: string | null) => {
          waiting.delete(done);
          clock.clearTimeout(timer);
          resolve(token);
        };
        const timer = clock.setTimeout(() => done(null), RENEWAL_WAIT_MS);
        waiting.add(done);
        options.signal("renew", { userId });
      });
    },
    /** The tabs are left: whoever waits gets no token. */
    dispose(): void {
      for (const resolve of waiting) resolve(null);
    },
  };
}
