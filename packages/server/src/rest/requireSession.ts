import type { ServerContext } from "../context.js";
import { ApiError, unauthorized } from "../domain/errors.js";
import { touchSession } from "../domain/sessions.js";
import type { SessionRecord, UserRecord } from "../model/types.js";
import { header, type RestRequest } from "./readRequest.js";

/** A request made with a user session. */
export interface UserAuth {
  session: SessionRecord;
  user: UserRecord;
}

/**
 * The message for an application session on an endpoint that needs a user: the wording QuickBlox (which
 * ConnectyCube grew from) used. It is deliberately not "Required session does not exist", which the SDK
 * treats as an expired session.
 */
const NEED_USER = "Forbidden. Need user.";

/** The token of a request: the `CB-Token` header, or `?token=` when `allowQueryToken` (download URLs). */
function requestToken(request: RestRequest, allowQueryToken = false): string | undefined {
  const fromHeader = header(request, "cb-token");
  if (fromHeader) return fromHeader;
  const fromQuery = request.query.token;
  return allowQueryToken && typeof fromQuery === "string" && fromQuery !== "" ? fromQuery : undefined;
}

/**
 * The live session behind the request's token, extended by this request (docs/protocol.md §2: 2 h, extended per
 * request); `undefined` when no token was sent. An unknown or expired token is a 401 with the exact body
 * the SDK recognises as an expired session.
 */
export function optionalSession(
  ctx: ServerContext,
  request: RestRequest,
  allowQueryToken = false,
): SessionRecord | undefined {
  const token = requestToken(request, allowQueryToken);
  if (!token) return undefined;
  const session = touchSession(ctx, token);
  if (!session) throw unauthorized();
  request.responseHeaders["CB-Token-ExpirationDate"] = new Date(session.expires_at).toISOString();
  return session;
}

/** The request's live session (application or user); 401 without one. */
export function requireSession(ctx: ServerContext, request: RestRequest, allowQueryToken = false): SessionRecord {
  const session = optionalSession(ctx, request, allowQueryToken);
  if (!session) throw unauthorized();
  return session;
}

/** The request's user session and its user; 401 without a session or with an application session. */
export function requireUser(ctx: ServerContext, request: RestRequest): UserAuth {
  const session = requireSession(ctx, request);
  const user = session.user_id ? ctx.db.users.get(session.user_id) : undefined;
  if (!user) throw new ApiError(401, NEED_USER);
  // Kept in memory only; it is saved with the next real change (like the session extension).
  user.last_request_at = ctx.clock();
  return { session, user };
}
