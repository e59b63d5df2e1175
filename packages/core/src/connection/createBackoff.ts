/** How reconnection delays grow: `initialMs * factor^(n-1)`, capped at `maxMs`, spread by ±`jitter`. */
export interface BackoffOptions {
  /** Delay before the first retry. Default 1000 ms. */
  initialMs?: number;
  /** Largest delay. Default 30 000 ms. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Random spread as a fraction of the delay, 0..1 (0.5 → 50%–150%). Default 0.5. */
  jitter?: number;
}

/** A sequence of retry delays. */
export interface Backoff {
  /** The delay before the next retry (and counts it). */
  next(): number;
  /** Starts over from `initialMs` (after a success). */
  reset(): void;
  /** How many delays were handed out since the last reset. */
  readonly attempts: number;
}

/** The defaults of `BackoffOptions`. */
const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * The delay of retry number `attempt` (1-based): exponential growth capped at `maxMs`, then multiplied by a random
 * factor in `[1 - jitter, 1 + jitter]` (so that clients dropped together do not come back together), never above
 * `maxMs` nor below 0. `random` returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialMs, maxMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt - 1));
  const spread = Math.min(1, Math.max(0, jitter));
  const jittered = base * (1 - spread + 2 * spread * random());
  return Math.round(Math.min(maxMs, Math.max(0, jittered)));
}

/** Creates a backoff sequence; `random` is injectable so tests can pin the jitter. */
export function createBackoff(options: BackoffOptions = {}, random: () => number = Math.random): Backoff {
  let attempts = 0;
  return {
    next() {
      attempts += 1;
      return backoffDelay(attempts, options, random);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
