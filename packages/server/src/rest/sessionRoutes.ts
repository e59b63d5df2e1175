import { createHmac, timingSafeEqual } from "node:crypto";
import type { ServerContext } from "../context.js";
import { ApiError, invalid } from "../domain/errors.js";
import { createSession, sessionToWire } from "../domain/sessions.js";
import { authenticate, createUser, userToWire } from "../domain/users.js";
import { randomToken } from "../model/ids.js";
import type { UserRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { reply } from "./reply.js";
import { requireSession } from "./requireSession.js";
import type { Router } from "./router.js";

/** Wrong login or password (docs/protocol.md §3). */
const BAD_CREDENTIALS = "Unauthorized";

/**
 * `/session` and `/login` (docs/protocol.md §3): application sessions, user sessions (login, email or guest;
 * an unknown login is signed up on the fly as the docs describe), session upgrade and logout.
 */
export function sessionRoutes(router: Router, ctx: ServerContext): void {
  router.post("/session", (request) => {
    const body = request.body;
    if (Number(body.application_id) !== ctx.appId)
      throw new ApiError(422, { application_id: ["is not a known application"] });
    if (String(body.auth_key ?? "") !== ctx.authKey) throw new ApiError(401, "Unexpected auth_key");
    if (ctx.authSecret && body.signature !== undefined) checkSignature(ctx.authSecret, body);
    if (body.provider !== undefined)
      throw invalid("provider", "social and firebase logins are not supported by this server");
    const user = coerce.object(body.user) ? sessionUser(ctx, coerce.object(body.user)!) : null;
    const session = createSession(ctx, user, Number(body.nonce) || 0);
    request.responseHeaders["CB-Token-ExpirationDate"] = new Date(session.expires_at).toISOString();
    return reply.created({ session: sessionToWire(ctx, session) });
  });

  router.get("/session", (request) => reply.ok({ session: sessionToWire(ctx, requireSession(ctx, request)) }));

  router.delete("/session", (request) => {
    const session = requireSession(ctx, request);
    ctx.db.sessions.delete(session.token);
    ctx.db.changed("session", session.token);
    return reply.empty();
  });

  // Login upgrades the request's session to a user session. 202 is what QuickBlox answered; the SDK accepts any 2xx.
  router.post("/login", (request) => {
    const session = requireSession(ctx, request);
    const user = authenticate(ctx, { login: request.body.login, email: request.body.email }, request.body.password);
    if (!user) throw new ApiError(401, BAD_CREDENTIALS);
    session.user_id = user.id;
    session.updated_at = ctx.clock();
    user.last_request_at = ctx.clock();
    ctx.db.changed("session", session.token);
    ctx.db.changed("user", user.id);
    return reply.json(202, { user: userToWire(user) });
  });

  router.delete("/login", (request) => {
    const session = requireSession(ctx, request);
    session.user_id = 0;
    session.updated_at = ctx.clock();
    ctx.db.changed("session", session.token);
    return reply.empty();
  });
}

/** The user a session request names: known (password checked), a new guest, or signed up on the fly. */
function sessionUser(ctx: ServerContext, input: Record<string, unknown>): UserRecord {
  if (coerce.flag(input.guest)) {
    return createUser(
      ctx,
      { login: `guest-${randomToken(6)}`, password: randomToken(12), full_name: input.full_name ?? "Guest" },
      { guest: true },
    );
  }
  const login = coerce.string(input.login);
  const email = coerce.string(input.email);
  if (!login && !email) throw invalid("user", "needs a login or an email, and a password");
  if (coerce.string(input.password) === null) throw invalid("password", "can't be blank");
  const known = login ? ctx.db.usersByLogin.get(login.toLowerCase()) : ctx.db.usersByEmail.get(email!.toLowerCase());
  if (!known) return createUser(ctx, login ? { login, password: input.password } : { email, password: input.password });
  const user = authenticate(ctx, login ? { login } : { email }, input.password);
  if (!user) throw new ApiError(401, BAD_CREDENTIALS);
  return user;
}

/**
 * Checks an SDK v3 signature (docs/protocol.md §3): HMAC-SHA1 (or SHA-256, told apart by length) keyed with the
 * auth secret over `key=value` pairs sorted and joined with `&`, nested keys as `user[login]`, values raw.
 */
function checkSignature(secret: string, body: Record<string, unknown>): void {
  const pairs: string[] = [];
  const walk = (prefix: string, value: unknown) => {
    const object = coerce.object(value);
    if (object) for (const [key, item] of Object.entries(object)) walk(prefix ? `${prefix}[${key}]` : key, item);
    else if (value !== undefined && value !== null) pairs.push(`${prefix}=${String(value)}`);
  };
  const { signature, ...signed } = body;
  walk("", signed);
  const text = pairs.sort().join("&");
  const given = String(signature).toLowerCase();
  const expected = createHmac(given.length === 64 ? "sha256" : "sha1", secret)
    .update(text)
    .digest("hex");
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new ApiError(422, { signature: ["is invalid"] });
  }
}
