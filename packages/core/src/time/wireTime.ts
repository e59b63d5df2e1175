/**
 * Time units. The domain uses **milliseconds since the epoch** everywhere (`Message.dateSent`, `Dialog.updatedAt`, …);
 * the wire uses unix seconds for `date_sent`/`last_message_date_sent` and ISO strings for `created_at`/`updated_at`
 * (PROTOCOL.md §17). Convert only at the edge (DTO mappers, stanza builders/parsers) with these helpers.
 */

/** Unix seconds → milliseconds. */
export function secondsToMs(seconds: number): number {
  return seconds * 1000;
}

/** Milliseconds → whole unix seconds (floored). */
export function msToSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Numbers at or above this are taken as milliseconds, below as seconds (1e11 s is the year 5138). */
const MS_THRESHOLD = 1e11;

/**
 * Reads a wire timestamp into milliseconds: a number or numeric string in unix seconds (or milliseconds, when too
 * large to be seconds: some clients send `date_sent` in ms, PROTOCOL.md §15.5), or an ISO-8601 string.
 * Returns null for anything else.
 */
export function wireTimeToMs(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? numericToMs(value) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return numericToMs(Number(text));
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

function numericToMs(value: number): number {
  return Math.abs(value) >= MS_THRESHOLD ? Math.round(value) : Math.round(value * 1000);
}
