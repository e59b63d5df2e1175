import { ChatError, isChatError } from "../errors/ChatError.js";
import type { Clock, TimerHandle } from "../time/clock.js";

/** Options of `createKeepAlive`. */
export interface KeepAliveOptions {
  /** Time source. */
  clock: Clock;
  /** Pause between pings; 0 disables the loop (`checkNow()` still works). */
  intervalMs: number;
  /** How long a ping may take before the connection counts as dead. */
  timeoutMs: number;
  /** Sends one ping; rejects on failure. */
  ping(timeoutMs: number): Promise<void>;
  /** The connection is dead: no answer in time, or the socket is gone. The loop has stopped. */
  onDead(error: ChatError): void;
}

/** A liveness loop over an online connection. */
export interface KeepAlive {
  /** Starts pinging every `intervalMs` (restarts if running). */
  start(): void;
  /** Stops the loop; an answer still on its way is ignored. */
  stop(): void;
  /** Pings now (e.g. the page became visible), unless a ping is already on its way. */
  checkNow(): void;
}

/**
 * Pings every `intervalMs` and gives each ping `timeoutMs` (timed on `clock`, whatever the transport does), so an idle
 * dead socket is noticed within `intervalMs + timeoutMs`. A `timeout` or `network` failure calls `onDead`; an error
 * answer (the server is alive but refused) keeps the loop going.
 */
export function createKeepAlive(options: KeepAliveOptions): KeepAlive {
  const { clock } = options;
  let run = 0;
  let timer: TimerHandle | null = null;
  /** The run whose ping is on its way, or -1. */
  let inFlight = -1;

  const cancelTimer = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const schedule = (current: number): void => {
    cancelTimer();
    if (options.intervalMs > 0 && current === run)
      timer = clock.setTimeout(() => void check(current), options.intervalMs);
  };

  const check = async (current: number): Promise<void> => {
    timer = null;
    inFlight = current;
    let deadline: TimerHandle | null = null;
    const expired = new Promise<never>((_, reject) => {
      deadline = clock.setTimeout(
        () => reject(new ChatError("timeout", `No answer to a ping within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
    });
    try {
      await Promise.race([options.ping(options.timeoutMs), expired]);
      if (current === run) schedule(current);
    } catch (error) {
      if (current !== run) return;
      if (isChatError(error, "timeout", "network")) {
        run += 1;
        options.onDead(error);
      } else schedule(current);
    } finally {
      clock.clearTimeout(deadline);
      if (inFlight === current) inFlight = -1;
    }
  };

  return {
    start() {
      run += 1;
      schedule(run);
    },
    stop() {
      run += 1;
      cancelTimer();
    },
    checkNow() {
      if (inFlight === run) return;
      cancelTimer();
      void check(run);
    },
  };
}
