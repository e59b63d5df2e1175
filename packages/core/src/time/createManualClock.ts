import type { Clock, TimerHandle } from "./clock.js";

/** A clock that only moves when told to: for tests and deterministic demos. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order (timers scheduled by timers fire too, if due). */
  advance(ms: number): void;
  /** Moves time to `at` (never backwards), firing due timers. */
  advanceTo(at: number): void;
  /** How many timers are scheduled and not yet fired or cleared. */
  pendingTimers(): number;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Creates a manual clock starting at `startMs` (default 0). */
export function createManualClock(startMs = 0): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const nextDue = (limit: number): Timer | undefined => {
    let due: Timer | undefined;
    for (const timer of timers.values()) {
      if (timer.at <= limit && (!due || timer.at < due.at || (timer.at === due.at && timer.id < due.id))) due = timer;
    }
    return due;
  };

  const advanceTo = (at: number): void => {
    const target = Math.max(now, at);
    for (let timer = nextDue(target); timer; timer = nextDue(target)) {
      timers.delete(timer.id);
      now = Math.max(now, timer.at);
      timer.callback();
    }
    now = target;
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), callback });
      return id as TimerHandle;
    },
    clearTimeout(handle) {
      if (typeof handle === "number") timers.delete(handle);
    },
    advance: (ms) => advanceTo(now + ms),
    advanceTo,
    pendingTimers: () => timers.size,
  };
}
