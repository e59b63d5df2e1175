import { invalid } from "../domain/errors.js";

/** Readers for request values, which arrive as JSON values or as strings (query and form bodies). */
export const coerce = {
  /** A non-empty string, or null for missing/empty values; numbers and booleans are stringified. */
  string(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value === "" ? null : value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return null;
  },

  /** An integer, null when missing; throws 422 naming `field` when present but not an integer. */
  int(value: unknown, field: string): number | null {
    if (value === undefined || value === null || value === "") return null;
    const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
    if (!Number.isInteger(n)) throw invalid(field, "must be an integer");
    return n;
  },

  /** True for `1`, `"1"`, `true`, `"true"`; false for anything else. */
  flag(value: unknown): boolean {
    return value === 1 || value === true || value === "1" || value === "true";
  },

  /** True when the value is present and not an explicit "off" (`0`, `"0"`, `false`, `"false"`). */
  notOff(value: unknown): boolean {
    return !(value === 0 || value === false || value === "0" || value === "false");
  },

  /** A plain object, or null. */
  object(value: unknown): Record<string, unknown> | null {
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  },

  /** A list sent as an array, an object of indexed values, or a comma(-space) joined string; items trimmed. */
  list(value: unknown): string[] {
    if (value === undefined || value === null || value === "") return [];
    const items = Array.isArray(value)
      ? value
      : typeof value === "object"
        ? Object.values(value as Record<string, unknown>)
        : String(value).split(",");
    return items
      .flatMap((item) => (Array.isArray(item) ? item : [item]))
      .map((item) => String(item).trim())
      .filter((item) => item !== "");
  },
};
