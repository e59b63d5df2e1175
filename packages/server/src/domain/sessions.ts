import type { ServerContext } from "../context.js";
import { randomToken } from "../model/ids.js";
import type { SessionRecord, UserRecord } from "../model/types.js";
import { iso } from "./time.js";
import { userToWire } from "./users.js";

/** Opens a session for the app, or for a user when `user` is given. */
export function createSession(ctx: ServerContext, user: UserRecord | null, nonce = 0): SessionRecord {
  const now = ctx.clock();
  const session: SessionRecord = {
    id: ctx.db.nextSessionId++,
    token: randomToken(20),
    application_id: ctx.appId,
    user_id: user ? user.id : 0,
    nonce,
    ts: Math.floor(now / 1000),
    created_at: now,
    updated_at: now,
    expires_at: now + ctx.sessionTtlMs,
  };
  ctx.db.sessions.set(session.token, session);
  if (user) user.last_request_at = now;
  ctx.db.changed("session", session.token);
  return session;
}

/** The live session behind a token, extended by this use; undefined when unknown or expired. */
export function touchSession(ctx: ServerContext, token: string | undefined): SessionRecord | undefined {
  if (!token) return undefined;
  const session = ctx.db.sessions.get(token);
  if (!session) return undefined;
  const now = ctx.clock();
  if (session.expires_at <= now) {
    ctx.db.sessions.delete(token);
    ctx.db.changed("session", token);
    return undefined;
  }
  session.expires_at = now + ctx.sessionTtlMs;
  session.updated_at = now;
  // Extending a session is not worth a disk write on its own; it is saved with the next real change.
  return session;
}

/** A user whose chat password may be this session token (docs/protocol.md §7), if the token is live. */
export function userOfToken(ctx: ServerContext, token: string): UserRecord | undefined {
  const session = ctx.db.sessions.get(token);
  if (!session || session.user_id === 0 || session.expires_at <= ctx.clock()) return undefined;
  return ctx.db.users.get(session.user_id);
}

/** The session as the REST API shows it. */
export function sessionToWire(ctx: ServerContext, session: SessionRecord): Record<string, unknown> {
  const user = session.user_id ? ctx.db.users.get(session.user_id) : undefined;
  return {
    id: session.id,
    user_id: session.user_id,
    application_id: session.application_id,
    token: session.token,
    nonce: session.nonce,
    ts: session.ts,
    created_at: iso(session.created_at),
    updated_at: iso(session.updated_at),
    ...(user ? { user: userToWire(user) } : {}),
  };
}
