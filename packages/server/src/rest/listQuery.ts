import { invalid } from "../domain/errors.js";
import { parseTime } from "../domain/time.js";
import { coerce } from "./coerce.js";

/**
 * How a filterable field compares:
 * `number`; `string` (case-sensitive equality); `ci` (case-insensitive equality, for logins and emails);
 * `id` (24-hex ids, case-insensitive); `ms` (stored as epoch ms, compared against unix seconds or ISO strings);
 * `seconds` (stored as unix seconds, e.g. `date_sent`); `numbers`/`strings` (arrays: equality means "contains").
 */
export type FieldKind = "number" | "string" | "ci" | "id" | "ms" | "seconds" | "numbers" | "strings";

/** What a list endpoint may filter and sort on. */
export interface ListSpec<T> {
  /** Field name → kind. `prefix.*` allows any `prefix[sub]=…` (e.g. `extensions[color]`), compared as strings. */
  fields: Record<string, FieldKind>;
  /** Reads a field of an item (dotted names included). */
  get: (item: T, field: string) => unknown;
  /** Alternative names clients use (`date_sent` for a dialog's `last_message_date_sent`). */
  aliases?: Record<string, string>;
  /** Order when the request names no sort field. */
  defaultOrder: (a: T, b: T) => number;
  /** Breaks ties of an explicit sort (e.g. by `_id`). */
  tieBreak?: (a: T, b: T) => number;
  /** Reads a field for sorting when it differs from filtering (e.g. a fallback for nulls). */
  sortValue?: (item: T, field: string) => unknown;
}

/** The result of `listQuery`. */
export interface ListResult<T> {
  /** The requested page. */
  items: T[];
  /** How many items matched before paging. */
  total: number;
  limit: number;
  skip: number;
  /** True when the request asked only for a count (`count=1`). */
  countOnly: boolean;
}

/** Default page size (docs/protocol.md §2). */
const DEFAULT_LIMIT = 100;
/** Largest page this server hands out. */
const MAX_LIMIT = 1000;

const OPERATORS = new Set(["lt", "lte", "gt", "gte", "ne", "in", "nin", "all", "ctn", "start_with"]);

/** Filters, sorts and pages `items` by the request `input` (operators `lt … start_with`, `sort_asc/desc`, `limit`, `skip`, `count`). */
export function listQuery<T>(
  items: Iterable<T>,
  input: Record<string, unknown>,
  spec: ListSpec<T>,
  options: { skipKey?: string[] } = {},
): ListResult<T> {
  const matched = filterAndSort(items, input, spec);
  const { limit, skip } = paging(input, options.skipKey ?? ["skip"]);
  return {
    items: matched.slice(skip, skip + limit),
    total: matched.length,
    limit,
    skip,
    countOnly: coerce.flag(input.count),
  };
}

/** Every item matching the request's filters, in the requested order (no paging). */
export function filterAndSort<T>(items: Iterable<T>, input: Record<string, unknown>, spec: ListSpec<T>): T[] {
  const tests = buildFilters(input, spec);
  const matched = [...items].filter((item) => tests.every((test) => test(item)));
  return matched.sort(buildOrder(input, spec));
}

/** `limit` (default 100, at most 1000) and `skip` (or one of `skipKeys`, e.g. `offset`). */
export function paging(input: Record<string, unknown>, skipKeys: string[] = ["skip"]): { limit: number; skip: number } {
  const limit = coerce.int(input.limit, "limit") ?? DEFAULT_LIMIT;
  const skipKey = skipKeys.find((key) => input[key] !== undefined) ?? skipKeys[0];
  const skip = coerce.int(input[skipKey], skipKey) ?? 0;
  if (limit < 0) throw invalid("limit", "must be greater than or equal to 0");
  if (skip < 0) throw invalid(skipKey, "must be greater than or equal to 0");
  return { limit: Math.min(limit, MAX_LIMIT), skip };
}

type Test<T> = (item: T) => boolean;

function buildFilters<T>(input: Record<string, unknown>, spec: ListSpec<T>): Array<Test<T>> {
  const tests: Array<Test<T>> = [];
  for (const [rawKey, condition] of Object.entries(input)) {
    const key = own(spec.aliases, rawKey) ?? rawKey;
    const kind = own(spec.fields, key);
    if (kind) {
      tests.push(...conditionTests(key, kind, condition, spec));
      continue;
    }
    const nested = coerce.object(condition);
    const nestedKind = own(spec.fields, `${key}.*`);
    if (nested && nestedKind) {
      for (const [sub, subCondition] of Object.entries(nested))
        tests.push(...conditionTests(`${key}.${sub}`, nestedKind, subCondition, spec));
    }
  }
  return tests;
}

function conditionTests<T>(field: string, kind: FieldKind, condition: unknown, spec: ListSpec<T>): Array<Test<T>> {
  const get = (item: T) => spec.get(item, field);
  // A bare list (`type[]=2&type[]=3`) means "one of".
  const operators = Array.isArray(condition) ? { in: condition } : coerce.object(condition);
  if (!operators || !Object.keys(operators).every((op) => OPERATORS.has(op))) {
    const wanted = normalise(kind, condition, field);
    return [(item) => matches(kind, get(item), (value) => equal(value, wanted))];
  }
  return Object.entries(operators).map(([op, raw]): Test<T> => {
    if (op === "in" || op === "nin" || op === "all") {
      const wanted = coerce.list(raw).map((value) => normalise(kind, value, field));
      if (op === "all") return (item) => wanted.every((w) => matches(kind, get(item), (value) => equal(value, w)));
      const found = (item: T) => wanted.some((w) => matches(kind, get(item), (value) => equal(value, w)));
      return op === "in" ? found : (item) => !found(item);
    }
    if (op === "ctn" || op === "start_with") {
      const needle = String(raw ?? "").toLowerCase();
      return (item) =>
        matches(kind, get(item), (value) => {
          const text = value === null || value === undefined ? "" : String(value).toLowerCase();
          return op === "ctn" ? text.includes(needle) : text.startsWith(needle);
        });
    }
    const wanted = normalise(kind, raw, field);
    if (op === "ne") return (item) => !matches(kind, get(item), (value) => equal(value, wanted));
    return (item) => matches(kind, get(item), (value) => compare(op, value, wanted));
  });
}

/** Array fields match when any element matches; other fields when the value itself does. */
function matches(kind: FieldKind, value: unknown, test: (value: unknown) => boolean): boolean {
  if (kind === "numbers" || kind === "strings")
    return Array.isArray(value) && value.some((v) => test(normaliseStored(kind, v)));
  return test(normaliseStored(kind, value));
}

function normaliseStored(kind: FieldKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "ci" || kind === "id") return String(value).toLowerCase();
  if (kind === "strings") return String(value);
  return value;
}

/** A requested value in the stored form of the field; 422 when it can't be read. */
function normalise(kind: FieldKind, value: unknown, field: string): unknown {
  if (value === null || value === "null") return null;
  switch (kind) {
    case "number":
    case "numbers": {
      const n = Number(value);
      if (typeof value === "object" || !Number.isFinite(n)) throw invalid(field, "must be a number");
      return n;
    }
    case "ms":
    case "seconds": {
      const ms = parseTime(value);
      if (ms === null) throw invalid(field, "must be a unix timestamp or an ISO-8601 date");
      return kind === "ms" ? ms : ms / 1000;
    }
    case "ci":
    case "id":
      return String(value).toLowerCase();
    default:
      return String(value);
  }
}

function equal(a: unknown, b: unknown): boolean {
  return a === b;
}

function compare(op: string, value: unknown, wanted: unknown): boolean {
  if (value === null || value === undefined || wanted === null) return false;
  const a = value as number | string;
  const b = wanted as number | string;
  switch (op) {
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
    case "gt":
      return a > b;
    default:
      return a >= b;
  }
}

function buildOrder<T>(input: Record<string, unknown>, spec: ListSpec<T>): (a: T, b: T) => number {
  const desc = coerce.string(input.sort_desc);
  const asc = coerce.string(input.sort_asc);
  const raw = desc ?? asc;
  if (!raw) return spec.defaultOrder;
  const field = own(spec.aliases, raw) ?? raw;
  // An unknown sort field falls back to the default order rather than failing, as lenient as the service.
  if (!own(spec.fields, field)) return spec.defaultOrder;
  const read = spec.sortValue ?? spec.get;
  const sign = desc ? -1 : 1;
  return (a, b) => {
    const x = read(a, field);
    const y = read(b, field);
    const order =
      x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : x < y ? -sign : sign;
    // Ties follow the direction too: newest first in a descending list means the latest arrival first.
    return order !== 0 ? order : sign * (spec.tieBreak?.(a, b) ?? 0);
  };
}

/** `record[key]` when it is the record's own entry (never `__proto__`, `constructor` and the like). */
function own<V>(record: Record<string, V> | undefined, key: string): V | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
