import type { ServerContext } from "../context.js";
import type { CustomObjectRecord } from "../model/types.js";
import { parentId, permissionsOf, setFields } from "./customObjects.js";
import { invalid } from "./errors.js";

/** Update operators of the Custom Objects API; every other key of the body sets a field. */
const OPERATORS = new Set([
  "inc",
  "push",
  "add_to_set",
  "pull",
  "pull_all",
  "pop",
  "update_by_index",
  "pull_with_filter",
]);
/** Keys of an update body that are neither fields nor operators. */
const CONTROL = new Set(["id", "_id", "search_criteria"]);

/** Applies an update body to the record: plain keys set fields, operators change numbers and arrays. */
export function updateCustomObject(
  ctx: ServerContext,
  record: CustomObjectRecord,
  body: Record<string, unknown>,
): void {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (!OPERATORS.has(key) && !CONTROL.has(key)) plain[key] = value;
  setFields(record, plain);
  if (body._parent_id !== undefined) record._parent_id = parentId(body._parent_id);
  if (body.permissions !== undefined) record.permissions = permissionsOf(body.permissions, record.permissions);
  for (const op of OPERATORS) {
    const spec = body[op];
    if (spec === undefined) continue;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec))
      throw invalid(op, "must be an object of field names");
    for (const [field, argument] of Object.entries(spec)) apply(record, op, field, argument);
  }
  record.updated_at = Math.max(Math.floor(ctx.clock() / 1000), record.updated_at);
  ctx.db.putCustomObject(record);
}

function apply(record: CustomObjectRecord, op: string, field: string, argument: unknown): void {
  setFields(record, { [field]: record.fields[field] ?? null });
  const current = record.fields[field];
  if (op === "inc") {
    const by = Number(argument);
    const base = current === null || current === undefined ? 0 : Number(current);
    if (!Number.isFinite(by) || !Number.isFinite(base)) throw invalid(field, "inc needs a number field and a number");
    record.fields[field] = base + by;
    return;
  }
  const array = current === null || current === undefined ? [] : current;
  if (!Array.isArray(array)) throw invalid(field, `${op} needs an array field`);
  const values = Array.isArray(argument) ? argument : [argument];
  const same = (a: unknown, b: unknown) => a === b || String(a) === String(b);
  switch (op) {
    case "push":
      record.fields[field] = [...array, ...values];
      break;
    case "add_to_set":
      record.fields[field] = [
        ...array,
        ...values.filter(
          (value, i) => !array.some((item) => same(item, value)) && values.findIndex((v) => same(v, value)) === i,
        ),
      ];
      break;
    case "pull":
    case "pull_all":
      record.fields[field] = array.filter((item) => !values.some((value) => same(item, value)));
      break;
    case "pop":
      record.fields[field] = String(argument) === "-1" ? array.slice(1) : array.slice(0, -1);
      break;
    case "update_by_index": {
      const changes = typeof argument === "object" && argument !== null ? (argument as Record<string, unknown>) : {};
      const next = [...array];
      for (const [index, value] of Object.entries(changes)) {
        const i = Number(index);
        if (!Number.isInteger(i) || i < 0 || i >= next.length) throw invalid(field, `has no index ${index}`);
        next[i] = value;
      }
      record.fields[field] = next;
      break;
    }
    default: {
      // pull_with_filter: drops the object items whose fields equal every given value.
      const filter = typeof argument === "object" && argument !== null ? (argument as Record<string, unknown>) : {};
      record.fields[field] = array.filter(
        (item) =>
          !(
            typeof item === "object" &&
            item !== null &&
            Object.entries(filter).every(([k, v]) => same((item as Record<string, unknown>)[k], v))
          ),
      );
    }
  }
}
