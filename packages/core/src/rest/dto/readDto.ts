import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isUserId } from "../../model/ids.js";
import { nullRecord } from "../../model/nullRecord.js";
import { wireTimeToMs } from "../../time/wireTime.js";

/**
 * Typed field access to one wire object. Every reader records a problem instead of throwing when a field is
 * missing (required readers) or has the wrong type (all readers), and returns a harmless placeholder; `readDto`
 * turns recorded problems into a `protocol` ChatError.
 */
export interface FieldReader {
  /** The raw object. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** A required 24-hex id. */
  objectId(key: string): string;
  /** A required integer (a number or a numeric string). */
  int(key: string): number;
  /** A required user id: a positive safe integer. */
  userId(key: string): number;
  /** An optional user id: null when missing, null or ""; 0 is taken as none when `zeroIsNone`. */
  optUserId(key: string, zeroIsNone?: boolean): number | null;
  /** A list of user ids (as `intList`); [] when missing. */
  userIdList(key: string): number[];
  /** An optional count: a non-negative safe integer; null when missing. */
  optCount(key: string): number | null;
  /** An optional integer: null when missing, null or "". */
  optInt(key: string): number | null;
  /** An optional finite number. */
  optNumber(key: string): number | null;
  /** An optional string (numbers are stringified): null when missing or null. */
  optString(key: string): string | null;
  /** A list of integers (an array, or a comma(-space) joined string); [] when missing. */
  intList(key: string): number[];
  /** A list of strings (an array, or a comma-joined string); [] when missing. */
  stringList(key: string): string[];
  /** An optional time (unix seconds, ms, or ISO) in milliseconds. */
  optTime(key: string): number | null;
  /** An object of scalar values as strings; {} when missing or null. */
  stringRecord(key: string): Record<string, string>;
  /** An optional plain object. */
  optObject(key: string): Readonly<Record<string, unknown>> | null;
  /** True for 1, "1", true, "true". */
  flag(key: string): boolean;
  /** Records a problem found by the caller. */
  problem(message: string): void;
}

/**
 * Maps one wire object with `build`, returning `{ok: true, value}` or, when the input is not an object or any field
 * is missing or mistyped, `{ok: false, error: ChatError("protocol")}` listing the problems in `details.problems`.
 * Never throws on bad input.
 */
export function readDto<T>(dto: unknown, what: string, build: (reader: FieldReader) => T): Result<T> {
  if (!isRecord(dto)) return err(new ChatError("protocol", `Malformed ${what}: not an object`, { details: { dto } }));
  const problems: string[] = [];
  const value = build(createFieldReader(dto, problems));
  if (problems.length === 0) return ok(value);
  const id = typeof dto._id === "string" ? ` ${dto._id}` : typeof dto.id === "number" ? ` ${dto.id}` : "";
  return err(
    new ChatError("protocol", `Malformed ${what}${id}: ${problems.join("; ")}`, { details: { problems, dto } }),
  );
}

/** True for a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function createFieldReader(raw: Record<string, unknown>, problems: string[]): FieldReader {
  const absent = (value: unknown) => value === undefined || value === null;
  const toInt = (value: unknown): number | null => {
    const n =
      typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    return Number.isInteger(n) ? n : null;
  };
  const list = (key: string): unknown[] | null => {
    const value = raw[key];
    if (absent(value) || value === "") return [];
    if (Array.isArray(value)) return value;
    if (typeof value === "string")
      return value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    problems.push(`${key} is not a list`);
    return null;
  };

  return {
    raw,
    objectId(key) {
      const value = raw[key];
      if (typeof value === "string" && /^[0-9a-fA-F]{24}$/.test(value)) return value.toLowerCase(); // one case (model/ids.ts)
      problems.push(absent(value) ? `${key} is missing` : `${key} is not a 24-hex id`);
      return "";
    },
    int(key) {
      const value = raw[key];
      const n = toInt(value);
      if (n === null) problems.push(absent(value) ? `${key} is missing` : `${key} is not an integer`);
      return n ?? 0;
    },
    userId(key) {
      const value = raw[key];
      const n = toInt(value);
      if (!isUserId(n)) problems.push(absent(value) ? `${key} is missing` : `${key} is not a user id`);
      return isUserId(n) ? n : 0;
    },
    optUserId(key, zeroIsNone = false) {
      const value = raw[key];
      if (absent(value) || value === "") return null;
      const n = toInt(value);
      if (zeroIsNone && n === 0) return null;
      if (!isUserId(n)) problems.push(`${key} is not a user id`);
      return isUserId(n) ? n : null;
    },
    userIdList(key) {
      const ids = (list(key) ?? []).map(toInt);
      if (!ids.every(isUserId)) problems.push(`${key} has an item that is not a user id`);
      return ids.filter(isUserId);
    },
    optCount(key) {
      const value = raw[key];
      if (absent(value) || value === "") return null;
      const n = toInt(value);
      if (n === null || n < 0 || !Number.isSafeInteger(n)) problems.push(`${key} is not a count`);
      return n !== null && n >= 0 && Number.isSafeInteger(n) ? n : null;
    },
    optInt(key) {
      const value = raw[key];
      if (absent(value) || value === "") return null;
      const n = toInt(value);
      if (n === null) problems.push(`${key} is not an integer`);
      return n;
    },
    optNumber(key) {
      const value = raw[key];
      if (absent(value) || value === "") return null;
      const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
      if (!Number.isFinite(n)) problems.push(`${key} is not a number`);
      return Number.isFinite(n) ? n : null;
    },
    optString(key) {
      const value = raw[key];
      if (absent(value)) return null;
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
      problems.push(`${key} is not a string`);
      return null;
    },
    intList(key) {
      const items = list(key) ?? [];
      const ints = items.map(toInt);
      if (ints.some((n) => n === null)) problems.push(`${key} has a non-integer item`);
      return ints.filter((n): n is number => n !== null);
    },
    stringList(key) {
      const items = list(key) ?? [];
      if (items.some((item) => typeof item !== "string")) problems.push(`${key} has a non-string item`);
      return items.filter((item): item is string => typeof item === "string");
    },
    optTime(key) {
      const value = raw[key];
      if (absent(value) || value === "") return null;
      const ms = wireTimeToMs(value);
      if (ms === null) problems.push(`${key} is not a time`);
      return ms;
    },
    stringRecord(key) {
      const value = raw[key];
      if (absent(value)) return {};
      if (!isRecord(value)) {
        problems.push(`${key} is not an object`);
        return {};
      }
      const record = nullRecord<string>();
      for (const [name, item] of Object.entries(value)) {
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean")
          record[name] = String(item);
      }
      return record;
    },
    optObject(key) {
      const value = raw[key];
      if (absent(value)) return null;
      if (isRecord(value)) return value;
      problems.push(`${key} is not an object`);
      return null;
    },
    flag(key) {
      const value = raw[key];
      return value === 1 || value === true || value === "1" || value === "true";
    },
    problem(message) {
      problems.push(message);
    },
  };
}
