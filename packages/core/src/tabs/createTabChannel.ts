import type { TabMessage } from "./TabsState.js";

/** The part of `BroadcastChannel` the tabs use (a fake in tests). */
export interface ChannelPort {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Dependencies of `createTabChannel`, by name. */
export interface TabChannelOptions {
  port: ChannelPort;
  /** This tab's id. */
  tabId: string;
  /**
   * A message of the leader's stream, in order. When the stream has a gap (a message lost while this tab slept) or a
   * new term starts, `onResync` is called first: what the tab holds may be behind, and it re-reads the database.
   */
  onStream(message: TabMessage): void;
  /** A message outside the leader's stream (announcements from any tab; its term is not checked). */
  onSignal(message: TabMessage): void;
  /** The leader's stream has a gap or a new leader took over (docs/architecture.md, Tabs). */
  onResync(reason: "gap" | "term"): void;
}

/** Messages between the tabs of one user: the leader's stream (term + sequence) and signals. */
export interface TabChannel {
  /** Posts to the leader's stream (only while leading, with the current term); returns the sequence number used. */
  stream(term: number, kind: string, payload: unknown): number;
  /** Posts a signal (not part of the stream). */
  signal(term: number, kind: string, payload: unknown): void;
  /** The newest term seen on the channel. */
  readonly seenTerm: number;
  close(): void;
}

const isTabMessage = (data: unknown): data is TabMessage => {
  if (typeof data !== "object" || data === null) return false;
  const m = data as Partial<TabMessage>;
  return (
    typeof m.from === "string" &&
    typeof m.kind === "string" &&
    typeof m.term === "number" &&
    Number.isFinite(m.term) &&
    typeof m.seq === "number" &&
    Number.isInteger(m.seq)
  );
};

/**
 * Frames messages as `{from, term, seq, kind, payload}`. A follower checks the leader's stream: a message of an older
 * term is a stale leader's and is dropped; a newer term, or a sequence number that skips, calls `onResync` before the
 * message is delivered. A broadcast is never the only copy of anything: the leader posts only what the database
 * already holds, so a re-read catches up whatever was missed.
 */
export function createTabChannel(options: TabChannelOptions): TabChannel {
  const { port, tabId } = options;
  let sentTerm = 0;
  let sentSeq = 0;
  let seenTerm = 0;
  let seenSeq = 0;
  let closed = false;

  /** A newer term: the new leader may not have posted what the old one wrote last, so the tab re-reads. */
  const newTerm = (term: number, seq: number) => {
    const first = seenTerm === 0; // the tab's first read of the database (made after the channel opened) is current
    seenTerm = term;
    seenSeq = seq;
    if (!first) options.onResync("term");
  };

  const listener = (event: { data: unknown }) => {
    const message = event.data;
    if (closed || !isTabMessage(message) || message.from === tabId) return;
    if (message.seq === 0) {
      options.onSignal(message);
      return;
    }
    if (message.term < seenTerm) return; // a stale leader (frozen, then woken): nothing it says counts
    if (message.term > seenTerm) newTerm(message.term, message.seq);
    else if (message.seq <= seenSeq) {
      return; // a repeat
    } else {
      if (message.seq !== seenSeq + 1) options.onResync("gap");
      seenSeq = message.seq;
    }
    options.onStream(message);
  };
  port.addEventListener("message", listener);

  const post = (message: TabMessage) => {
    if (closed) return;
    try {
      port.postMessage(message);
    } catch {
      // a payload that cannot be cloned is dropped; the database still has it (a follower re-reads on the gap)
    }
  };

  return {
    stream(term, kind, payload) {
      if (term !== sentTerm) {
        sentTerm = term;
        sentSeq = 0;
      }
      if (term > seenTerm) {
        seenTerm = term;
        seenSeq = 0;
      }
      sentSeq++;
      post({ from: tabId, term, seq: sentSeq, kind, payload });
      return sentSeq;
    },
    signal(term, kind, payload) {
      post({ from: tabId, term, seq: 0, kind, payload });
    },
    get seenTerm() {
      return seenTerm;
    },
    close() {
      closed = true;
      port.removeEventListener("message", listener);
      port.close();
    },
  };
}
