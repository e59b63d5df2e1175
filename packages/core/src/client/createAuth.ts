import type { ConnectionState } from "../connection/ConnectionState.js";
import { ChatError, isChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { User } from "../model/user.js";
import type { Persistence } from "../persistence/Persistence.js";
import { createStore, type Store } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { SessionInfo } from "../rest/dto/sessionFromDto.js";
import type { ChatClient, Session } from "./ChatClient.js";

/**
 * Where signing in stands:
 * - `signed-out`: nobody (initially, and after `logout()`);
 * - `signed-in`: a user with a session the server accepts (or not yet asked, after an offline `resume()`);
 * - `expired`: the server rejected the session (expired or revoked) and it could not be renewed — no password is
 *   kept across a reload. The user's data and outbox stay, the chat stays disconnected; `login()` as the same user
 *   carries on where it stopped (the pending work goes out once), as another user starts afresh without sending any
 *   of it.
 */
export type AuthStatus = "signed-out" | "signed-in" | "expired";

/** What `client.auth.state` holds. */
export interface AuthState {
  status: AuthStatus;
  /** The signed-in user; when `expired`, the user to sign in again as (an app fills the login in). */
  user: User | null;
}

/** Dependencies of `createAuth`, by name. */
export interface AuthOptions {
  appId: number;
  rest: Pick<RestClient, "session" | "users">;
  persistence: Persistence;
  session: Store<Session | null>;
  connection: Readable<ConnectionState> & { disconnect(): Promise<void> };
  /** Opens the user's data, publishes it and connects the chat (resolves once the cache is published). */
  open(user: User, token: string): Promise<void>;
  /** (Re)connects the chat with the current credentials. */
  connect(): void;
  /** Disconnects and forgets the user's data in memory, deleting it on disk unless `keepData`. */
  close(options: { keepData: boolean }): Promise<void>;
  reportError(error: ChatError): void;
  /**
   * Another tab of the user renews the session for this one (only the tab that signed in knows the password): resolves
   * with the new token, or null when no tab could (docs/architecture.md, Tabs).
   */
  renewElsewhere?: () => Promise<string | null>;
  /** This tab renewed the session (and remembered it): the user's other tabs take the new token. */
  onRenewed?: (token: string) => void;
}

/** `client.auth` with its state, and what the REST client and the connection need from it. */
export interface Auth {
  api: ChatClient["auth"];
  /**
   * The XMPP credentials: the user's id with the password while known (this run), else the session token. Throws
   * `unauthorized` while signed out.
   */
  credentials(): { userId: number; password: string };
  /** For the REST client: a fresh token when the session can be renewed, else null (and the state says `expired`). */
  renew(): Promise<string | null>;
  /** Renews the session with the password known in this tab (for another tab that asked): the token, or null. */
  renewHere(): Promise<string | null>;
  /** Takes a token another tab of the same user renewed (ignored while signed out, or for another user). */
  adopt(userId: number, token: string): void;
  dispose(): void;
}

/** Creates `client.auth`: sign-in, resume, logout, and the expired state with the way back from it. */
export function createAuth(options: AuthOptions): Auth {
  const { rest, persistence, session, appId } = options;
  const state = createStore<AuthState>({ status: "signed-out", user: null });
  let password: string | null = null;
  // Set while signing out: nothing renews then. The way out meets a session already gone (another tab of the user
  // destroyed it) and a sibling tab may ask this one to renew; a renewal would remember this user's new session over
  // the next user's (docs/architecture.md, Tabs).
  let leaving = false;

  const remember = (user: User, token: string) => void persistence.saveSession(appId, { user, token }).catch(() => {});

  const expire = () => {
    const current = session.get();
    if (!current || state.get().status === "expired") return;
    state.set({ status: "expired", user: current.user });
    void options.connection.disconnect().catch(() => {});
  };

  /** Uses `token` for the signed-in user from now on (another tab renewed the session). */
  const adopt = (userId: number, token: string) => {
    const current = session.get();
    if (!current || current.user.id !== userId || current.token === token || state.get().status !== "signed-in") return;
    session.set({ ...current, token });
  };

  const rejected = new Set<string>(); // tokens this tab saw the server refuse: never taken up again

  /** The remembered session, when another tab of this user renewed it since this one took its token. */
  const renewedElsewhere = async (current: Session): Promise<string | null> => {
    const remembered = await persistence.loadSession(appId).catch(() => null);
    if (!remembered || remembered.user.id !== current.user.id || rejected.has(remembered.token)) return null;
    adopt(current.user.id, remembered.token);
    return remembered.token;
  };

  /**
   * True when the remembered session is another user's: someone signed in beside this tab, the browser profile is
   * theirs now, and this tab (told of it, or about to be) is on its way out. It renews nothing then: remembering this
   * user's new session would erase theirs (docs/architecture.md, Tabs).
   */
  const profileTaken = async (userId: number): Promise<boolean> => {
    const remembered = await persistence.loadSession(appId).catch(() => null);
    return remembered !== null && remembered.user.id !== userId;
  };

  /** A new session with the password known this run (remembered before it is announced), or null without one. */
  let renewing: Promise<string | null> | null = null;
  const renewHere = (): Promise<string | null> => {
    const current = session.get();
    if (!current || password === null || !current.user.login || state.get().status !== "signed-in" || leaving)
      return Promise.resolve(null);
    const login = current.user.login;
    const known = password;
    renewing ??= (async () => {
      try {
        if (await profileTaken(current.user.id)) return null;
        const renewed = await rest.session.create({ login, password: known });
        if (session.get()?.user.id !== current.user.id || leaving) return null; // signed out (or in as another) meanwhile
        if (await profileTaken(current.user.id)) return null;
        session.set({ ...current, token: renewed.token });
        await persistence.saveSession(appId, { user: current.user, token: renewed.token }).catch(() => {});
        options.onRenewed?.(renewed.token);
        return renewed.token;
      } catch (error) {
        if (isChatError(error, "unauthorized")) expire(); // the password changed elsewhere
        throw error;
      } finally {
        renewing = null;
      }
    })();
    return renewing;
  };

  /**
   * A fresh token for the signed-in user, or null (and the state says `expired`): one another tab renewed already,
   * else a new session with the password known here, else one a tab that knows the password renews for this one.
   */
  const renew = async (): Promise<string | null> => {
    if (leaving) return null;
    const current = session.get();
    if (!current || state.get().status !== "signed-in") {
      expire();
      return null;
    }
    rejected.add(current.token);
    const token =
      (await renewedElsewhere(current)) ??
      (password !== null && current.user.login ? await renewHere() : null) ??
      (await options.renewElsewhere?.().catch(() => null)) ??
      null;
    if (token === null) expire();
    else adopt(current.user.id, token);
    return token;
  };

  // The chat refusing our credentials (SASL not-authorized) is the same news as a REST 401. One renewal per refusal
  // streak: a chat that refuses what REST accepts would otherwise loop.
  let renewedForChat = false;
  const unwatch = options.connection.subscribe((c) => {
    if (c.status === "online") renewedForChat = false;
    if (c.status !== "failed" || !isChatError(c.lastError, "unauthorized") || state.get().status !== "signed-in")
      return;
    if (renewedForChat) return expire();
    renewedForChat = true; // without the password, another tab may still have renewed the session, or renew it
    renew().then(
      (token) => token !== null && options.connect(),
      (error: unknown) => options.reportError(toChatError(error)),
    );
  });

  async function userOf(info: SessionInfo): Promise<User> {
    if (info.user) return info.user;
    if (info.userId === null) throw new ChatError("unauthorized", "The session has no user");
    return rest.users.get(info.userId);
  }

  /** Takes a new session: the same user as an expired one carries on; anyone else starts afresh. */
  async function signIn(user: User, token: string): Promise<User> {
    const previous = state.get();
    if (previous.status === "expired" && previous.user?.id === user.id) {
      session.set({ user, token });
      state.set({ status: "signed-in", user });
      remember(user, token);
      options.connect(); // online → sync → the outbox goes out, once
      return user;
    }
    if (previous.status === "expired") await options.close({ keepData: true }); // never send another user's outbox
    session.set({ user, token });
    state.set({ status: "signed-in", user });
    // Remembered before the user's data opens, which tells the other tabs (docs/architecture.md, Tabs): a tab of
    // another user that signs out when it hears it must find this session, not erase the one it had.
    await persistence.saveSession(appId, { user, token }).catch(() => {});
    await options.open(user, token);
    return user;
  }

  /** Forgets the remembered session if it is this user's: another user signed in since (in another tab) keeps theirs. */
  const forgetRemembered = async () => {
    const remembered = await persistence.loadSession(appId);
    const self = session.get()?.user.id;
    if (remembered && self !== undefined && remembered.user.id !== self) return;
    await persistence.saveSession(appId, null);
  };

  const guard = () => {
    if (state.get().status === "signed-in") throw new ChatError("conflict", "Already signed in; log out first");
  };

  const api: ChatClient["auth"] = {
    state,
    signup: (input) => rest.users.signup(input),
    async login(credentials) {
      guard();
      const info = await rest.session.create(
        credentials.login !== undefined
          ? { login: credentials.login, password: credentials.password }
          : { email: credentials.email ?? "", password: credentials.password },
      );
      if (!info.user)
        session.set({ user: session.get()?.user ?? ({ id: info.userId ?? 0 } as User), token: info.token }); // to fetch the user
      const user = await userOf(info);
      password = credentials.password;
      return signIn(user, info.token);
    },
    async loginWithToken(token) {
      guard();
      const previous = session.get();
      session.set({ user: previous?.user ?? ({ id: 0 } as User), token });
      try {
        const user = await userOf(await rest.session.get());
        password = null;
        return await signIn(user, token);
      } catch (error) {
        session.set(previous);
        throw error;
      }
    },
    async resume(saved) {
      if (state.get().status !== "signed-out") throw new ChatError("conflict", "Already signed in; log out first");
      const remembered = saved ?? (await persistence.loadSession(appId));
      if (!remembered) return null;
      password = null;
      return signIn(remembered.user, remembered.token);
    },
    async logout(logoutOptions = {}) {
      leaving = true;
      try {
        await options.connection.disconnect().catch(() => {});
        await rest.session.destroy().catch(() => {});
        await forgetRemembered().catch(() => {});
        await options.close({ keepData: Boolean(logoutOptions.keepData) });
        session.set(null);
        password = null;
        state.set({ status: "signed-out", user: null });
      } finally {
        leaving = false;
      }
    },
  };

  return {
    api,
    credentials: () => {
      const current = session.get();
      if (!current) throw new ChatError("unauthorized", "Sign in first");
      return { userId: current.user.id, password: password ?? current.token };
    },
    renew,
    renewHere,
    adopt,
    dispose: unwatch,
  };
}
