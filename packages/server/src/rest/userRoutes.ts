import type { ServerContext } from "../context.js";
import { ApiError, forbidden, invalid, notFound, unauthorized } from "../domain/errors.js";
import { createUser, updateUser, userToWire } from "../domain/users.js";
import type { UserRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { legacyUserFilters } from "./legacyUserFilters.js";
import { type ListSpec, listQuery, paging } from "./listQuery.js";
import { header, type RestRequest } from "./readRequest.js";
import { reply } from "./reply.js";
import { optionalSession, requireSession, requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** Filterable user fields (`GET /users/v2.json`, legacy `filter[]`). */
const USER_LIST: ListSpec<UserRecord> = {
  fields: {
    id: "number",
    login: "ci",
    email: "ci",
    full_name: "string",
    phone: "string",
    website: "string",
    external_user_id: "number",
    external_id: "string",
    facebook_id: "string",
    twitter_id: "string",
    blob_id: "number",
    user_tags: "strings",
    tags: "strings",
    timezone: "number",
    created_at: "ms",
    updated_at: "ms",
    last_request_at: "ms",
  },
  get: (user, field) =>
    field === "user_tags" || field === "tags"
      ? (user.user_tags ?? "")
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean)
      : (user as unknown as Record<string, unknown>)[field],
  defaultOrder: (a, b) => a.id - b.id,
  tieBreak: (a, b) => a.id - b.id,
};

/**
 * `/users` (docs/protocol.md §3): signup, get, update and delete self, v2 and legacy lists, online users, password
 * reset.
 */
export function userRoutes(router: Router, ctx: ServerContext): void {
  router.post("/users", (request) => {
    // Signup works with the app's auth key alone (`CB-AuthKey`) or with any live session.
    if (!optionalSession(ctx, request)) {
      const authKey = header(request, "cb-authkey");
      if (!authKey) throw unauthorized();
      if (authKey !== ctx.authKey) throw new ApiError(401, "Unexpected auth_key");
    }
    const input = coerce.object(request.body.user);
    if (!input) throw invalid("user", "can't be blank");
    return reply.created({ user: userToWire(createUser(ctx, input)) });
  });

  router.get("/users/v2", (request) => {
    requireSession(ctx, request);
    const page = listQuery(ctx.db.users.values(), request.query, USER_LIST, { skipKey: ["skip", "offset"] });
    if (page.countOnly) return reply.ok({ total_entries: page.total });
    return reply.ok({
      limit: page.limit,
      skip: page.skip,
      total_entries: page.total,
      items: page.items.map(userToWire),
    });
  });

  router.get("/users", (request) => {
    requireSession(ctx, request);
    return legacyList(ctx, request, legacyUserFilters(request.query));
  });

  router.get("/users/online", (request) => {
    requireSession(ctx, request);
    const online = [...ctx.db.users.values()].filter((user) => ctx.chat.isOnline(user.id));
    if (coerce.flag(request.query.count)) return reply.ok({ count: online.length });
    const { limit, skip } = paging(request.query, ["offset", "skip"]);
    return reply.ok({ users: online.slice(skip, skip + limit).map(userToWire) });
  });

  router.post("/users/password/reset", (request) => {
    // No mail goes out from a dev server; the answer never tells whether the address is known.
    optionalSession(ctx, request);
    if (!coerce.string(request.body.email)) throw invalid("email", "can't be blank");
    return reply.empty();
  });

  const byField = (path: string, param: string, find: (value: string) => UserRecord | undefined) =>
    router.get(path, (request) => {
      requireSession(ctx, request);
      const value = coerce.string(request.query[param]);
      if (!value) throw invalid(param, "can't be blank");
      const user = find(value);
      if (!user) throw notFound("Entity you are looking for was not found");
      return reply.ok({ user: userToWire(user) });
    });
  const findBy = (field: keyof UserRecord) => (value: string) =>
    [...ctx.db.users.values()].find((user) => String(user[field] ?? "") === value);
  byField("/users/by_login", "login", (value) => ctx.db.usersByLogin.get(value.toLowerCase()));
  byField("/users/by_email", "email", (value) => ctx.db.usersByEmail.get(value.toLowerCase()));
  byField("/users/by_facebook_id", "facebook_id", findBy("facebook_id"));
  byField("/users/by_twitter_id", "twitter_id", findBy("twitter_id"));
  router.get("/users/by_full_name", (request) => {
    requireSession(ctx, request);
    return legacyList(ctx, request, { full_name: { ctn: coerce.string(request.query.full_name) ?? "" } });
  });
  router.get("/users/by_tags", (request) => {
    requireSession(ctx, request);
    return legacyList(ctx, request, { user_tags: { in: coerce.list(request.query.tags) } });
  });
  router.get("/users/external/:id", (request) => {
    requireSession(ctx, request);
    const user = findBy("external_user_id")(request.params.id) ?? findBy("external_id")(request.params.id);
    if (!user) throw notFound("Entity you are looking for was not found");
    return reply.ok({ user: userToWire(user) });
  });

  router.get("/users/:id", (request) => {
    requireSession(ctx, request);
    return reply.ok({ user: userToWire(userById(ctx, request.params.id)) });
  });

  router.put("/users/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const target = userById(ctx, request.params.id);
    if (target.id !== user.id) throw forbidden("You can only update your own profile");
    const input = coerce.object(request.body.user);
    if (!input) throw invalid("user", "can't be blank");
    return reply.ok({ user: userToWire(updateUser(ctx, user, input)) });
  });

  router.delete("/users/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const target = userById(ctx, request.params.id);
    if (target.id !== user.id) throw forbidden("You can only delete your own profile");
    ctx.db.removeUser(user.id);
    return reply.empty();
  });
}

function userById(ctx: ServerContext, id: string): UserRecord {
  const user = /^\d+$/.test(id) ? ctx.db.users.get(Number(id)) : undefined;
  if (!user) throw notFound("Entity you are looking for was not found");
  return user;
}

/** The legacy list envelope `{current_page, per_page, total_entries, items: [{user}]}`. */
function legacyList(
  ctx: ServerContext,
  request: RestRequest,
  filters: Record<string, unknown>,
): ReturnType<typeof reply.ok> {
  const perPage = Math.min(coerce.int(request.query.per_page, "per_page") ?? 10, 100);
  const currentPage = Math.max(coerce.int(request.query.page, "page") ?? 1, 1);
  const order = coerce.string(request.query.order)?.split(/\s+/) ?? [];
  const sort = order.length >= 3 ? { [order[0] === "desc" ? "sort_desc" : "sort_asc"]: order[2] } : {};
  const page = listQuery(
    ctx.db.users.values(),
    { ...filters, ...sort, limit: perPage, skip: (currentPage - 1) * perPage },
    USER_LIST,
  );
  return reply.ok({
    current_page: currentPage,
    per_page: perPage,
    total_entries: page.total,
    items: page.items.map((user) => ({ user: userToWire(user) })),
  });
}
