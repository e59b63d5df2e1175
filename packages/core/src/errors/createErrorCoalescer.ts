import { type Clock, systemClock, type TimerHandle } from "../time/clock.js";
import { ChatError } from "./ChatError.js";

/** Options of `createErrorCoalescer`. */
export interface ErrorCoalescerOptions {
  /** Where errors go (`client.errors`). */
  emit(error: ChatError): void;
  /** Time source of the windows. Default the system clock. */
  clock?: Clock;
  /** How long repeats of an error are gathered into one; 0 passes every error through. Default 1000 ms. */
  windowMs?: number;
  /** Most kinds of error told apart at once; past it, new kinds are gathered by code alone. Default 20. */
  maxKeys?: number;
}

/** Gathers repeated errors; `report` takes each error, `flush` emits what is gathered now. */
export interface ErrorCoalescer {
  report(error: ChatError): void;
  /** Emits the pending summaries at once and cancels the timers (on dispose). */
  flush(): void;
}

/** The errors of one kind seen since its window opened. */
interface Bucket {
  repeated: number;
  sample: ChatError | null;
  timer: TimerHandle | null;
}

/** The default window of `createErrorCoalescer`. */
const DEFAULT_ERROR_WINDOW_MS = 1000;

/**
 * Coalesces floods of errors so that they cannot drown an app's error reporting. The first error of a kind (same
 * code, status, condition and message, with ids, numbers and quoted text left out) is emitted at once; repeats in the
 * following `windowMs` are counted, and when the window closes one summary is emitted: a ChatError of the same
 * code whose `details.repeated` is the count and whose `cause` is the first repeat (its sample), with the sample's
 * details. While repeats go on, windows follow one another (one summary each); a quiet window ends the kind.
 */
export function createErrorCoalescer(options: ErrorCoalescerOptions): ErrorCoalescer {
  const clock = options.clock ?? systemClock;
  const windowMs = options.windowMs ?? DEFAULT_ERROR_WINDOW_MS;
  const maxKeys = options.maxKeys ?? 20;
  const buckets = new Map<string, Bucket>();

  const summarize = (bucket: Bucket): void => {
    const sample = bucket.sample;
    if (!sample || bucket.repeated === 0) return;
    const message = `${bucket.repeated} more like this in ${windowMs} ms: ${sample.message}`;
    options.emit(
      new ChatError(sample.code, message, {
        status: sample.status,
        condition: sample.condition,
        details: { ...sample.details, repeated: bucket.repeated },
        cause: sample,
      }),
    );
    bucket.repeated = 0;
    bucket.sample = null;
  };

  const open = (key: string, bucket: Bucket): void => {
    bucket.timer = clock.setTimeout(() => {
      bucket.timer = null;
      if (bucket.repeated === 0) {
        buckets.delete(key);
        return;
      }
      summarize(bucket);
      open(key, bucket);
    }, windowMs);
  };

  return {
    report(error) {
      if (windowMs <= 0) return options.emit(error);
      let key = keyOf(error);
      if (!buckets.has(key) && buckets.size >= maxKeys) key = `${error.code}|*`;
      const bucket = buckets.get(key);
      if (bucket) {
        bucket.repeated += 1;
        bucket.sample ??= error;
        return;
      }
      const fresh: Bucket = { repeated: 0, sample: null, timer: null };
      buckets.set(key, fresh);
      open(key, fresh);
      options.emit(error);
    },
    flush() {
      for (const bucket of buckets.values()) {
        if (bucket.timer !== null) clock.clearTimeout(bucket.timer);
        summarize(bucket);
      }
      buckets.clear();
    },
  };
}

/** What makes two errors "the same": their code, status, condition and message without ids, numbers or quotes. */
function keyOf(error: ChatError): string {
  const message = error.message
    .replace(/"[^"]*"|'[^']*'/g, "…")
    .replace(/[0-9a-fA-F]{24}/g, "#")
    .replace(/\d+/g, "#")
    .slice(0, 200);
  return `${error.code}|${error.status ?? ""}|${error.condition ?? ""}|${message}`;
}
