import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import type { Clock, TimerHandle } from "../time/clock.js";
import type { TabChannel } from "./createTabChannel.js";
import type { TabMessage, TabRole, TabsState } from "./TabsState.js";

/** The part of the Web Locks API the coordinator uses (`navigator.locks`, a fake in tests). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** Page lifecycle news: `freeze`/`pagehide` mean this tab may stop running; `resume`/`pageshow` that it runs again. */
export type LifecycleEvent = "freeze" | "resume" | "pagehide" | "pageshow";

/** Dependencies of `createTabCoordinator`, by name. */
export interface TabCoordinatorOptions {
  /** The lock of one app and user: `chatcube:{appId}:{userId}`. */
  lockName: string;
  locks: LockManagerLike;
  channel: TabChannel;
  tabId: string;
  clock: Clock;
  /** Takes the next term (stored in the user's database) when this tab becomes the leader. */
  claimTerm(): Promise<number>;
  /** The role changed: `leader` once the term is claimed, `follower` when another tab leads (or this one stepped down). */
  onRole(role: Exclude<TabRole, "alone">, term: number): Promise<void> | void;
  /** A tab appeared (the leader tells it what a follower shows at once, e.g. the connection). */
  onNewTab?: () => void;
  /**
   * The leader has missed a few heartbeats (`true`; a follower then knows no more of the connection than that it is
   * not seen), or is heard again or replaced (`false`).
   */
  onLeaderSilent?: (silent: boolean) => void;
  /** Page lifecycle events, when the environment has them. */
  lifecycle?: (listener: (event: LifecycleEvent) => void) => () => void;
  /**
   * What a leader about to be frozen or hidden leaves the next one in its `bye` (the chat stream to resume), taken
   * just before it lets the lock go; asked only while other tabs are there.
   */
  farewell?: () => unknown;
  /** How often each tab says it is there (the leader's word is its heartbeat). Default 1 s. */
  heartbeatMs?: number;
  /**
   * A leader silent this long (frozen without a `freeze` event, hung, or throttled while long hidden) is replaced: a
   * follower steals the lock. Default 5 s.
   */
  staleAfterMs?: number;
}

/** One tab's part in the election (docs/architecture.md, Tabs). */
export interface TabCoordinator {
  readonly state: Readable<TabsState>;
  /** Joins the election; resolves once this tab knows its first role. */
  start(): Promise<void>;
  /** A message from another tab: `here` and `bye` count tabs; anything from the leader is a sign of life. */
  onSignal(message: TabMessage): void;
  /** Gives up leading (its fence found a newer term): the lock is released and this tab follows, in line again. */
  stepDown(): void;
  /** Leaves the election: the lock is released (another tab takes over at once) and the others are told. */
  stop(): void;
}

/**
 * Elects one leader per app and user with the Web Locks API. The leader holds the lock for as long as it leads;
 * followers wait on it, so a leader that closes or crashes is replaced at once. A leader about to be frozen or put
 * in the back/forward cache lets go first; one that stays silent past `staleAfterMs` has its lock stolen. Each new
 * leader claims a new term, which fences the writes of a stale one (docs/decisions.md, One leader per user).
 */
export function createTabCoordinator(options: TabCoordinatorOptions): TabCoordinator {
  const { locks, channel, tabId, clock, lockName } = options;
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 5000;
  const state = createStore<TabsState>({ role: "follower", term: 0, tabs: 1 });
  const peers = new Map<string, number>(); // tab id → when last heard
  let role: Exclude<TabRole, "alone"> = "follower";
  let term = 0;
  let running = false;
  let suspended = false;
  let release: (() => void) | null = null; // lets go of the held lock
  let waiting: AbortController | null = null; // the queued lock request of a follower
  let leaderSeenAt = 0;
  let leaderId: string | null = null;
  let timer: TimerHandle | null = null;
  let stopLifecycle: () => void = () => {};
  let roleKnown: () => void = () => {};

  const publish = () => {
    const now = state.get();
    if (now.role !== role || now.term !== term || now.tabs !== 1 + peers.size)
      state.set({ role, term, tabs: 1 + peers.size });
  };
  let silentTold = false;
  const tellSilent = (silent: boolean) => {
    if (silent === silentTold) return;
    silentTold = silent;
    options.onLeaderSilent?.(silent);
  };
  const setRole = async (next: Exclude<TabRole, "alone">, nextTerm: number) => {
    if (next === "leader") tellSilent(false);
    role = next;
    term = nextTerm;
    publish();
    await options.onRole(next, nextTerm);
    roleKnown();
  };

  /** Runs while this tab holds the lock: claims a term, leads, and keeps the lock until released. */
  const lead = async (): Promise<void> => {
    const claimed = await options.claimTerm().catch(() => Math.max(term, channel.seenTerm) + 1); // unfenced, still one leader
    if (!running || suspended) return;
    const held = new Promise<void>((resolve) => (release = resolve));
    await setRole("leader", claimed);
    say();
    await held;
  };

  const stepDown = () => {
    release = null;
    if (role !== "leader") return;
    if (running) void setRole("follower", term);
    else {
      role = "follower"; // stopped: nothing more to do as a follower
      publish();
    }
  };

  /** A follower waits in line for the lock (unless it is frozen, leads, or already waits). */
  const requeue = () => {
    if (running && !suspended && role === "follower" && waiting === null && release === null) void request("wait");
  };

  /**
   * Requests the lock: only if free, in line, or stolen from a silent leader. Resolves with whether it was granted
   * (for `wait`, only once it is); leading then goes on until the lock is released or stolen.
   */
  const request = (how: "if-free" | "wait" | "steal"): Promise<boolean> =>
    new Promise<boolean>((decided) => {
      let granted = false;
      const abort = how === "wait" ? new AbortController() : null;
      if (abort) waiting = abort;
      const requestOptions =
        how === "if-free" ? { ifAvailable: true } : how === "steal" ? { steal: true } : { signal: abort?.signal };
      const ended = () => {
        if (abort && waiting === abort) waiting = null;
        if (granted) stepDown(); // released (stopped, frozen) or stolen by a tab that found this one silent
        requeue();
      };
      locks
        .request(lockName, requestOptions, (lock) => {
          if (abort && waiting === abort) waiting = null;
          if (lock === null || !running || suspended || release !== null) {
            decided(false);
            return undefined;
          }
          granted = true;
          decided(true);
          return lead();
        })
        .then(ended, () => {
          decided(false);
          ended();
        });
    });

  const say = () => {
    if (running) channel.signal(term, "here", { role });
  };

  const tick = () => {
    timer = null;
    if (!running) return;
    const now = clock.now();
    for (const [id, seen] of peers) if (now - seen > heartbeatMs * 3) peers.delete(id);
    say();
    // The leader went silent without letting go (hung, or throttled while hidden): the first follower in id order takes over.
    if (role === "follower" && leaderId !== null && now - leaderSeenAt > heartbeatMs * 2.5) tellSilent(true);
    if (role === "follower" && !suspended && leaderId !== null && now - leaderSeenAt > staleAfterMs) {
      const candidates = [tabId, ...peers.keys()].sort();
      if (candidates[0] === tabId) {
        leaderId = null;
        waiting?.abort();
        waiting = null;
        void request("steal");
      }
    }
    publish();
    timer = clock.setTimeout(tick, heartbeatMs);
  };

  const suspend = () => {
    if (suspended) return;
    suspended = true;
    waiting?.abort(); // a frozen page must not be handed the lock it cannot use
    waiting = null;
    const letGo = release;
    release = null;
    // Only to another tab: a tab alone closes its stream as ever (its presence goes at once, not a minute later).
    const farewell = role === "leader" && peers.size > 0 ? options.farewell?.() : null;
    channel.signal(term, "bye", farewell ?? null);
    letGo?.();
  };
  const wake = () => {
    if (!suspended || !running) return;
    suspended = false;
    leaderSeenAt = clock.now();
    requeue();
  };

  /** Gives up leading: the lock is released and this tab follows, in line again. */
  function giveUp() {
    const letGo = release;
    stepDown();
    letGo?.();
  }

  return {
    state,
    async start() {
      if (running) return;
      running = true;
      stopLifecycle =
        options.lifecycle?.((event) => (event === "freeze" || event === "pagehide" ? suspend() : wake())) ?? (() => {});
      timer = clock.setTimeout(tick, heartbeatMs);
      const known = new Promise<void>((resolve) => (roleKnown = resolve));
      if (!(await request("if-free"))) {
        await setRole("follower", term);
        requeue();
      }
      await known;
    },
    onSignal(message) {
      if (message.from === tabId) return;
      if (message.from === leaderId) {
        leaderSeenAt = clock.now();
        tellSilent(false);
      }
      if (message.kind === "bye") {
        peers.delete(message.from);
        if (message.from === leaderId) leaderId = null;
      } else if (message.kind === "here") {
        const isNew = !peers.has(message.from);
        peers.set(message.from, clock.now());
        if ((message.payload as { role?: string } | null)?.role === "leader" && message.term >= term) {
          if (role === "leader" && message.term > term) giveUp(); // a newer leader: this one was replaced while away
          leaderId = message.from;
          leaderSeenAt = clock.now();
          tellSilent(false);
          if (role === "follower") term = message.term;
        }
        if (isNew) {
          say(); // a new tab learns of this one at once
          options.onNewTab?.();
        }
      } else return;
      publish();
    },
    stepDown: giveUp,
    stop() {
      if (!running) return;
      suspend();
      running = false;
      stopLifecycle();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      peers.clear();
    },
  };
}
