import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import type { User } from "../../model/user.js";
import { isRecord, readDto } from "./readDto.js";
import { userFromDto } from "./userFromDto.js";

/** A REST session as core uses it. */
export interface SessionInfo {
  /** The token to send as `CB-Token` (and as the XMPP password). */
  token: string;
  /** The session's user, or null for an application-only session (`user_id` 0 or null). */
  userId: number | null;
  /** The user, when the answer embeds it. */
  user: User | null;
}

/**
 * Maps `POST /session.json` and `GET /session.json` answers (`{session: {token, user_id, user?, …}}`, docs/protocol.md
 * §3). A missing token, a mistyped `user_id` or a malformed embedded user gives `{ok: false}`.
 */
export function sessionFromDto(body: unknown): Result<SessionInfo> {
  const session = isRecord(body) && isRecord(body.session) ? body.session : null;
  if (session === null)
    return err(new ChatError("protocol", "Malformed session: no session object", { details: { dto: body } }));
  const read = readDto(session, "session", (r) => {
    const token = r.optString("token");
    if (!token) r.problem("token is missing");
    const userId = r.optInt("user_id");
    return { token: token ?? "", userId: userId === 0 ? null : userId };
  });
  if (!read.ok) return read;
  if (session.user === undefined || session.user === null) return ok({ ...read.value, user: null });
  const user = userFromDto(session.user);
  if (!user.ok) return user;
  if (read.value.userId !== null && user.value.id !== read.value.userId) {
    return err(
      new ChatError("protocol", "Malformed session: user.id differs from user_id", { details: { dto: body } }),
    );
  }
  return ok({ ...read.value, userId: read.value.userId ?? user.value.id, user: user.value });
}
