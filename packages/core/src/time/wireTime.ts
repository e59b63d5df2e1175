/**
 * Time units. The domain uses **milliseconds since the epoch** everywhere (`Message.dateSent`, `Dialog.updatedAt`, …);
 * the wire uses unix seconds for `date_sent`/`last_message_date_sent` and ISO strings for `created_at`/`updated_at`
 * (docs/protocol.md §17). Convert only at the edge (DTO mappers, stanza builders/parsers) with these helpers.
 */

/** Unix seconds → milliseconds. */
export function secondsToMs(seconds: number): number {
  return seconds * 1000;
}

/** Milliseconds → whole unix seconds (floored). */
export function msToSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The latest time the wire may carry: the end of the year 9999 (UTC), in ms. */
export const MAX_WIRE_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Numbers at or above this are taken as milliseconds, below as seconds (1e11 s is the year 5138). */
const MS_THRESHOLD = 1e11;

/**
 * Reads a wire timestamp into milliseconds: a number or numeric string in unix seconds (or milliseconds, when too
 * large to be seconds: some clients send `date_sent` in ms), or an ISO-8601 string. Returns null for anything
 * else, and for a time before 1970 or after `MAX_WIRE_TIME_MS` (no date a UI could show).
 */
export function wireTimeToMs(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? inRange(numericToMs(value)) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return inRange(numericToMs(Number(text)));
  return inRange(Date.parse(text));
}

function inRange(ms: number): number | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_WIRE_TIME_MS ? ms : null;
}

function numericToMs(value: number): number {
  return Math.abs(value) >= MS_THRESHOLD ? Math.round(value) : Math.round(value * 1000);
}
