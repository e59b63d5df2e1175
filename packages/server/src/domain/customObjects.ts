import type { ServerContext } from "../context.js";
import { objectId } from "../model/ids.js";
import type { CustomObjectPermission, CustomObjectRecord, UserRecord } from "../model/types.js";
import { invalid, notFound } from "./errors.js";

/** Fields the server owns: a client can't set them through the record's body. */
const SYSTEM_FIELDS = new Set([
  "_id",
  "id",
  "user_id",
  "created_at",
  "updated_at",
  "class_name",
  "permissions",
  "_parent_id",
]);
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const ACCESS = new Set(["open", "owner", "not_allowed", "open_for_users_ids", "open_for_groups"]);
/** Most records one class may hold; a runaway client gets a 422 rather than exhausting memory. */
const MAX_RECORDS_PER_CLASS = 100_000;

/** The class name of a `/data/{ClassName}` path; 422 for a name that could not be a class. */
export function className(value: string | undefined): string {
  if (!value || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value))
    throw invalid("class_name", "must start with a letter and hold only letters, digits and _");
  return value;
}

/** The records of a class (empty when it has none yet). */
export function classRecords(ctx: ServerContext, name: string): Map<string, CustomObjectRecord> {
  return ctx.db.customObjects.get(name) ?? new Map();
}

/** One record by id; 404 when it does not exist or the user may not read it. */
export function getCustomObject(ctx: ServerContext, name: string, id: string, user: UserRecord): CustomObjectRecord {
  const record = classRecords(ctx, name).get(id.trim().toLowerCase());
  if (!record || !allowed(record, "read", user)) throw notFound(`${name} record ${id} not found`);
  return record;
}

/** True when `user` may do `action` with the record. */
export function allowed(record: CustomObjectRecord, action: "read" | "update" | "delete", user: UserRecord): boolean {
  const rule = record.permissions[action];
  switch (rule.access) {
    case "open":
      return true;
    case "owner":
      return record.user_id === user.id;
    case "open_for_users_ids":
      return record.user_id === user.id || (rule.user_ids ?? []).includes(user.id);
    case "open_for_groups": {
      const tags = (user.user_tags ?? "").split(",").map((tag) => tag.trim());
      return record.user_id === user.id || (rule.user_groups ?? []).some((group) => tags.includes(group));
    }
    default:
      return false;
  }
}

/** Creates a record owned by `user` from a request body (its fields, `_parent_id`, `permissions`). */
export function createCustomObject(
  ctx: ServerContext,
  name: string,
  user: UserRecord,
  body: Record<string, unknown>,
): CustomObjectRecord {
  if (classRecords(ctx, name).size >= MAX_RECORDS_PER_CLASS)
    throw invalid("base", `a class holds at most ${MAX_RECORDS_PER_CLASS} records`);
  const now = ctx.clock();
  const seconds = Math.floor(now / 1000);
  const record: CustomObjectRecord = {
    _id: objectId(now),
    class_name: name,
    _parent_id: parentId(body._parent_id),
    user_id: user.id,
    created_at: seconds,
    updated_at: seconds,
    fields: {},
    permissions: permissionsOf(body.permissions, undefined),
  };
  setFields(record, body);
  ctx.db.putCustomObject(record);
  return record;
}

/** Copies the client's fields of `body` onto the record (system fields are ignored). */
export function setFields(record: CustomObjectRecord, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (SYSTEM_FIELDS.has(key) || FORBIDDEN_KEYS.has(key)) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)) throw invalid(key, "is not a valid field name");
    record.fields[key] = value;
  }
}

/** `_parent_id`: a 24-hex id or nothing. */
export function parentId(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || !/^[0-9a-fA-F]{24}$/.test(value)) throw invalid("_parent_id", "must be a record id");
  return value.toLowerCase();
}

/** Permissions from a request (`{read: {access: "open"}, …}`) over `current`; the default is open read, owner update and delete. */
export function permissionsOf(
  value: unknown,
  current: CustomObjectRecord["permissions"] | undefined,
): CustomObjectRecord["permissions"] {
  const result = current ?? { read: { access: "open" }, update: { access: "owner" }, delete: { access: "owner" } };
  if (value === undefined || value === null || value === "") return result;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("permissions", "must be an object");
  const input = value as Record<string, unknown>;
  for (const action of ["read", "update", "delete"] as const) {
    if (input[action] === undefined) continue;
    result[action] = permission(input[action], action);
  }
  return result;
}

function permission(value: unknown, action: string): CustomObjectPermission {
  const input = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const access = String(input.access ?? "");
  if (!ACCESS.has(access)) throw invalid(`permissions.${action}`, `access must be one of ${[...ACCESS].join(", ")}`);
  const rule: CustomObjectPermission = { access: access as CustomObjectPermission["access"] };
  if (access === "open_for_users_ids") {
    rule.user_ids = list(input.ids ?? input.user_ids).map((id) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw invalid(`permissions.${action}`, `has an invalid user id: ${id}`);
      return n;
    });
  }
  if (access === "open_for_groups") rule.user_groups = list(input.groups ?? input.user_groups);
  return rule;
}

function list(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  const items = Array.isArray(value) ? value : String(value).split(",");
  return items.map((item) => String(item).trim()).filter(Boolean);
}

/** The record as the API shows it: system fields first, then the record's own fields. */
export function customObjectToWire(
  record: CustomObjectRecord,
  output?: { include?: string[]; exclude?: string[] },
): Record<string, unknown> {
  let fields = record.fields;
  if (output?.include?.length)
    fields = Object.fromEntries(Object.entries(fields).filter(([key]) => output.include!.includes(key)));
  if (output?.exclude?.length)
    fields = Object.fromEntries(Object.entries(fields).filter(([key]) => !output.exclude!.includes(key)));
  return {
    _id: record._id,
    _parent_id: record._parent_id,
    created_at: record.created_at,
    updated_at: record.updated_at,
    user_id: record.user_id,
    ...fields,
  };
}

/** The permissions of a record as `?permissions=1` shows them. */
export function permissionsToWire(record: CustomObjectRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [action, rule] of Object.entries(record.permissions)) {
    out[action] = {
      access: rule.access,
      ...(rule.user_ids ? { ids: rule.user_ids.map(String) } : {}),
      ...(rule.user_groups ? { groups: rule.user_groups } : {}),
    };
  }
  return out;
}
