import type { CustomObjectRecord } from "../model/types.js";
import type { FieldKind, ListSpec } from "./listQuery.js";

/** Request keys of a custom-object list that are not filters. */
const NOT_FILTERS = new Set([
  "sort_asc",
  "sort_desc",
  "limit",
  "skip",
  "count",
  "output",
  "near",
  "permissions",
  "token",
  "class_name",
]);
const SYSTEM: Record<string, FieldKind> = {
  _id: "id",
  _parent_id: "id",
  user_id: "number",
  created_at: "seconds",
  updated_at: "seconds",
};

function read(record: CustomObjectRecord, field: string): unknown {
  if (Object.hasOwn(SYSTEM, field)) return (record as unknown as Record<string, unknown>)[field];
  const value = Object.hasOwn(record.fields, field) ? record.fields[field] : null;
  return typeof value === "boolean" ? String(value) : value;
}

/** How a client field compares, guessed from the values stored in it (the service knows it from the class schema). */
function kindOf(records: CustomObjectRecord[], field: string): FieldKind {
  for (const record of records) {
    const value = record.fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value === "number") return "number";
    if (Array.isArray(value))
      return value.length > 0 && value.every((item) => typeof item === "number") ? "numbers" : "strings";
    return "string";
  }
  return "string";
}

/**
 * Filters and sorting of `GET /data/{Class}.json`: the system fields plus every client field the request
 * names, compared as numbers when the class stores numbers there and as strings otherwise. The default order
 * is creation order.
 */
export function customObjectListSpec(
  records: CustomObjectRecord[],
  input: Record<string, unknown>,
): ListSpec<CustomObjectRecord> {
  const fields: Record<string, FieldKind> = { ...SYSTEM };
  const named = Object.keys(input).filter((key) => !NOT_FILTERS.has(key));
  for (const key of ["sort_asc", "sort_desc"]) if (typeof input[key] === "string") named.push(input[key] as string);
  for (const field of named) if (!Object.hasOwn(fields, field)) fields[field] = kindOf(records, field);
  return {
    fields,
    aliases: { id: "_id" },
    get: read,
    defaultOrder: (a, b) => a.created_at - b.created_at || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
    tieBreak: (a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
  };
}
