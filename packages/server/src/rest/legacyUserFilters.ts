import { invalid } from "../domain/errors.js";
import type { Params } from "./parseParams.js";

const OPERATORS: Record<string, string> = {
  ne: "ne",
  lt: "lt",
  lte: "lte",
  le: "lte",
  gt: "gt",
  gte: "gte",
  ge: "gte",
  in: "in",
  nin: "nin",
  all: "all",
  ctn: "ctn",
};

/**
 * Turns the legacy users filter (`filter[]=number id in 1,2`, i.e. "type field operator value") into the
 * `{field: {op: value}}` conditions `listQuery` reads. `between a,b` becomes `gte a` and `lte b`.
 */
export function legacyUserFilters(query: Params): Record<string, unknown> {
  const raw = query.filter;
  const filters =
    raw === undefined ? [] : Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : Object.values(raw);
  const conditions: Record<string, Record<string, unknown>> = {};
  for (const filter of filters) {
    if (typeof filter !== "string") continue;
    const match = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(filter);
    if (!match) throw invalid("filter", `can't read "${filter}" (expected "type field operator value")`);
    const [, , field, op, value] = match;
    const condition = (conditions[field] ??= {});
    if (op === "between") {
      const [low, high] = value.split(",");
      condition.gte = low;
      condition.lte = high;
    } else if (op === "eq") {
      condition.in = [value];
    } else if (op in OPERATORS) {
      condition[OPERATORS[op]] = value;
    } else {
      throw invalid("filter", `has an unknown operator "${op}"`);
    }
  }
  return conditions;
}
