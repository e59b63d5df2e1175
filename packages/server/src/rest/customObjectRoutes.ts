import type { ServerContext } from "../context.js";
import {
  allowed,
  className,
  classRecords,
  createCustomObject,
  customObjectToWire,
  getCustomObject,
  permissionsToWire,
} from "../domain/customObjects.js";
import { forbidden, invalid, notFound } from "../domain/errors.js";
import { updateCustomObject } from "../domain/updateCustomObject.js";
import type { CustomObjectRecord, UserRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { customObjectListSpec } from "./customObjectListSpec.js";
import { deleteOutcome } from "./deleteOutcome.js";
import { filterAndSort, listQuery } from "./listQuery.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** Most ids one request may name (a comma list in the path, or `record` items of a multi request). */
const MAX_IDS = 100;

/**
 * The Custom Objects API for any class name: `/data/{Class}` create, list (filters, sort, limit, skip, count),
 * get by id(s), read permissions, update (by id, `multi`, `by_criteria`), delete (by id(s), `by_criteria`).
 * Records are open to read and only their owner may update or delete them, unless `permissions` say otherwise.
 */
export function customObjectRoutes(router: Router, ctx: ServerContext): void {
  router.post("/data/:class/multi", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const bodies = recordList(request.body.record);
    const created = bodies.map((body) => createCustomObject(ctx, name, user, body));
    return reply.created({ class_name: name, items: created.map((record) => customObjectToWire(record)) });
  });

  router.post("/data/:class", (request) => {
    const { user } = requireUser(ctx, request);
    const record = createCustomObject(ctx, className(request.params.class), user, request.body);
    return reply.created(customObjectToWire(record));
  });

  router.get("/data/:class", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const page = search(ctx, name, user, request.input);
    if (page.countOnly) return reply.ok({ class_name: name, items_count: page.total });
    const output = outputOf(request.input.output);
    return reply.ok({
      class_name: name,
      skip: page.skip,
      limit: page.limit,
      items: page.items.map((record) => customObjectToWire(record, output)),
    });
  });

  router.get("/data/:class/:ids", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const ids = idsOf(request.params.ids);
    if (coerce.flag(request.input.permissions)) {
      const record = getCustomObject(ctx, name, ids[0], user);
      return reply.ok({ record_id: record._id, permissions: permissionsToWire(record) });
    }
    const found = ids
      .map((id) => classRecords(ctx, name).get(id))
      .filter((r): r is CustomObjectRecord => Boolean(r) && allowed(r!, "read", user));
    return reply.ok({ class_name: name, items: found.map((record) => customObjectToWire(record)) });
  });

  router.put("/data/:class/multi", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const notFoundIds: string[] = [];
    const updates: Array<[CustomObjectRecord, Record<string, unknown>]> = [];
    for (const body of recordList(request.body.record)) {
      const id = String(body.id ?? body._id ?? "").toLowerCase();
      const record = classRecords(ctx, name).get(id);
      if (!record || !allowed(record, "read", user)) notFoundIds.push(id);
      else if (!allowed(record, "update", user)) throw forbidden(`You may not update ${name} record ${id}`);
      else updates.push([record, body]);
    }
    for (const [record, body] of updates) updateCustomObject(ctx, record, body);
    return reply.ok({
      class_name: name,
      not_found: { ids: notFoundIds },
      items: updates.map(([record]) => customObjectToWire(record)),
    });
  });

  router.put("/data/:class/by_criteria", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const criteria = coerce.object(request.body.search_criteria);
    if (!criteria) throw invalid("search_criteria", "must be an object of filters");
    const items = matching(ctx, name, user, criteria).filter((record) => allowed(record, "update", user));
    for (const record of items) updateCustomObject(ctx, record, request.body);
    return reply.ok({
      class_name: name,
      skip: 0,
      limit: items.length,
      total_found: items.length,
      items: items.map((record) => customObjectToWire(record)),
    });
  });

  router.put("/data/:class/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const record = getCustomObject(ctx, name, request.params.id, user);
    if (!allowed(record, "update", user)) throw forbidden(`You may not update ${name} record ${record._id}`);
    updateCustomObject(ctx, record, request.body);
    return reply.ok(customObjectToWire(record));
  });

  router.delete("/data/:class/by_criteria", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const deletable = matching(ctx, name, user, request.input).filter((record) => allowed(record, "delete", user));
    for (const record of deletable) ctx.db.removeCustomObject(record);
    return reply.ok({ total_deleted: deletable.length });
  });

  router.delete("/data/:class/:ids", (request) => {
    const { user } = requireUser(ctx, request);
    const name = className(request.params.class);
    const ids = idsOf(request.params.ids);
    const outcome = deleteOutcome();
    for (const id of ids) {
      const record = classRecords(ctx, name).get(id);
      const bucket =
        !record || !allowed(record, "read", user)
          ? outcome.NotFound
          : !allowed(record, "delete", user)
            ? outcome.WrongPermissions
            : outcome.SuccessfullyDeleted;
      if (record && bucket === outcome.SuccessfullyDeleted) ctx.db.removeCustomObject(record);
      bucket.ids.push(id);
    }
    if (ids.length > 1) return reply.ok(outcome);
    if (outcome.NotFound.ids.length) throw notFound(`${name} record ${ids[0]} not found`);
    if (outcome.WrongPermissions.ids.length) throw forbidden(`You may not delete ${name} record ${ids[0]}`);
    return reply.empty();
  });
}

/** The records of a class the user may read that match the filters of `input`, sorted and paged. */
function search(ctx: ServerContext, name: string, user: UserRecord, input: Record<string, unknown>) {
  const readable = [...classRecords(ctx, name).values()].filter((record) => allowed(record, "read", user));
  return listQuery(readable, input, customObjectListSpec(readable, input));
}

/** Every record of a class the user may read that matches the filters of `input` (no paging). */
function matching(
  ctx: ServerContext,
  name: string,
  user: UserRecord,
  input: Record<string, unknown>,
): CustomObjectRecord[] {
  const readable = [...classRecords(ctx, name).values()].filter((record) => allowed(record, "read", user));
  return filterAndSort(readable, input, customObjectListSpec(readable, input));
}

/** A comma list of record ids from the path; 422 past `MAX_IDS`. */
function idsOf(value: string | undefined): string[] {
  const ids = coerce.list(value).map((id) => id.toLowerCase());
  if (ids.length === 0) throw invalid("ids", "name at least one record id");
  if (ids.length > MAX_IDS) throw invalid("ids", `at most ${MAX_IDS} ids per request`);
  return ids;
}

/** The `record` of a multi request: `{1: {...}, 2: {...}}` (or an array), in index order. */
function recordList(value: unknown): Array<Record<string, unknown>> {
  const items = Array.isArray(value)
    ? value
    : coerce.object(value)
      ? Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, item]) => item)
      : [];
  if (items.length === 0) throw invalid("record", "must hold at least one record");
  if (items.length > MAX_IDS) throw invalid("record", `at most ${MAX_IDS} records per request`);
  return items.map((item, i) => {
    const record = coerce.object(item);
    if (!record) throw invalid(`record.${i + 1}`, "must be an object");
    return record;
  });
}

/** `output[include]` / `output[exclude]`: comma lists of field names. */
function outputOf(value: unknown): { include?: string[]; exclude?: string[] } | undefined {
  const output = coerce.object(value);
  if (!output) return undefined;
  return { include: coerce.list(output.include), exclude: coerce.list(output.exclude) };
}
