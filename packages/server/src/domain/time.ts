/** ISO-8601 string of a time in milliseconds, as `created_at`/`updated_at` go on the wire. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Reads a time a client sent: unix seconds, unix milliseconds (some SDKs send those for `date_sent`),
 * or an ISO string. Returns milliseconds, or null when it can't be read.
 */
export function parseTime(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return parseTime(Number(text));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Reads a `date_sent` a client sent into unix seconds, or null. */
export function parseDateSent(value: unknown): number | null {
  const ms = parseTime(value);
  return ms === null ? null : Math.floor(ms / 1000);
}
