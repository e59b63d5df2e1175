import { isChatError } from "../errors/ChatError.js";
import { type SessionInfo, sessionFromDto } from "./dto/sessionFromDto.js";
import { userFromDto } from "./dto/userFromDto.js";
import { type RestContext, unwrap } from "./restContext.js";

/** Who opens a user session: a login or an email, with the password. */
type SessionCredentials = { login: string; password: string } | { email: string; password: string };

/** `/session` (docs/protocol.md §3). */
export interface SessionApi {
  /**
   * Opens a session (`POST /session.json` with `application_id` and `auth_key`): a user session for `credentials`,
   * an application-only session without. Safe to retry: a lost answer only leaves an unused token to expire.
   */
  create(credentials?: SessionCredentials): Promise<SessionInfo>;
  /** The session behind the current token (`GET /session.json`); rejects `unauthorized` when it expired. */
  get(): Promise<SessionInfo>;
  /** Ends the current session (`DELETE /session.json`); a session that already expired counts as ended. */
  destroy(): Promise<void>;
}

/** Creates the session resource group. */
export function createSessionApi(ctx: RestContext, app: { appId: number; authKey: string }): SessionApi {
  const { http } = ctx;

  /** Completes a session whose answer names a user without embedding it. */
  const withUser = async (session: SessionInfo): Promise<SessionInfo> => {
    if (session.user !== null || session.userId === null) return session;
    const body = await http.request({
      method: "GET",
      path: `users/${session.userId}`,
      token: session.token,
      renewSession: false,
    });
    return { ...session, user: unwrap(userFromDto(body)) };
  };

  return {
    async create(credentials) {
      const body: Record<string, unknown> = { application_id: app.appId, auth_key: app.authKey };
      if (credentials) body.user = { ...credentials };
      const answer = await http.request({ method: "POST", path: "session", auth: "none", body, idempotent: true });
      return withUser(unwrap(sessionFromDto(answer)));
    },

    async get() {
      const answer = await http.request({ method: "GET", path: "session", renewSession: false });
      return withUser(unwrap(sessionFromDto(answer)));
    },

    async destroy() {
      try {
        await http.request({ method: "DELETE", path: "session", renewSession: false, expect: "none" });
      } catch (error) {
        if (!isChatError(error, "unauthorized")) throw error;
      }
    },
  };
}
