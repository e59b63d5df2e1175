/**
 * Where this tab stands among the tabs of one user in one browser (docs/architecture.md, Tabs):
 * - `leader`: it holds the user's lock, the one chat connection, runs sync and drains the shared outbox;
 * - `follower`: another tab leads; this one reads what the leader writes and puts its own work in the shared outbox;
 * - `alone`: no coordination here (no Web Locks or BroadcastChannel, server-side rendering, or signed out).
 */
export type TabRole = "leader" | "follower" | "alone";

/** What `client.tabs` holds. */
export interface TabsState {
  role: TabRole;
  /** The term of the current leader as this tab knows it (each new leader takes the next one); 0 when unknown. */
  term: number;
  /** Tabs of this user open in the browser, this one included (1 when alone). */
  tabs: number;
}

/** The state of a tab nobody coordinates. */
export const ALONE: TabsState = Object.freeze({ role: "alone", term: 0, tabs: 1 });

/** One message between tabs. Messages of the leader carry its term and a sequence number within the term. */
export interface TabMessage {
  /** The sending tab's id. */
  from: string;
  /** The sender's term when it leads, else the term it knows. */
  term: number;
  /** The leader's sequence number within its term (from 1); 0 on messages that are not part of the leader's stream. */
  seq: number;
  kind: string;
  payload: unknown;
}
