import { describe, expect, it } from "@jest/globals";
import type { ConnectionState } from "../connection/ConnectionState.js";
import { ChatError } from "../errors/ChatError.js";
import type { User } from "../model/user.js";
import { createMemoryPersistence } from "../persistence/memory/createMemoryPersistence.js";
import { createStore } from "../reactive/createStore.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { Session } from "./ChatClient.js";
import { createAuth } from "./createAuth.js";

const alice = { id: 7, login: "alice" } as User;

function setup(extra: { renewElsewhere?: () => Promise<string | null> } = {}) {
  const persistence = createMemoryPersistence();
  const connection = createStore<ConnectionState>({ status: "idle", since: 0, attempt: 0, lastError: null });
  const session = createStore<Session | null>(null);
  let sessionsCreated = 0;
  let connects = 0;
  const refuse = () =>
    connection.set({
      status: "failed",
      since: 0,
      attempt: 0,
      lastError: new ChatError("unauthorized", "not-authorized"),
    });
  const rest = {
    session: {
      create: async () => ({ token: `t${++sessionsCreated}`, user: alice, userId: alice.id }),
      get: async () => ({ token: "t", user: alice, userId: alice.id }),
      destroy: async () => {},
    },
    users: { get: async () => alice, signup: async () => alice },
  } as unknown as Pick<RestClient, "session" | "users">;
  const auth = createAuth({
    appId: 1,
    rest,
    persistence,
    session,
    connection: {
      ...connection,
      disconnect: async () => connection.set({ status: "idle", since: 0, attempt: 0, lastError: null }),
    },
    open: async () => {},
    connect: () => void connects++,
    close: async () => {},
    reportError: () => {},
    ...extra,
  });
  return {
    ...{ auth, rest, connection, refuse, persistence, session },
    ...{ created: () => sessionsCreated, connects: () => connects },
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("client.auth", () => {
  it("a sign-out renews nothing: a session refused on the way out, or a sibling tab asking, leaves the next user's alone", async () => {
    const t = setup();
    await t.auth.api.login({ login: "alice", password: "secret" });
    const ben = { user: { id: 8, login: "ben" } as User, token: "ben-token" };
    await t.persistence.saveSession(1, ben); // ben signed in in another tab; this tab hears it and signs out
    let renewedOnTheWay: Array<string | null> = [];
    t.rest.session.destroy = async () => {
      // The session was already destroyed by alice's other tab: the REST client reports it expired, and that other
      // tab, also signing out, asks this one (which knows the password) to renew.
      renewedOnTheWay = [await t.auth.renew(), await t.auth.renewHere()];
      throw new ChatError("unauthorized", "session expired");
    };
    await t.auth.api.logout({ keepData: true });
    expect(renewedOnTheWay).toEqual([null, null]);
    expect(t.created()).toBe(1); // only the login's
    expect(await t.persistence.loadSession(1)).toEqual(ben);
    expect(t.auth.api.state.get()).toEqual({ status: "signed-out", user: null });
  });

  // CI once opened a tab signed out after ben signed in beside alice's tabs: one of alice's tabs, not yet told of ben,
  // met the session a sibling had destroyed on its way out, renewed it with the password and remembered alice over
  // ben; alice's sign-out then forgot the remembered session, ben's included.
  it("a renewal while another user's session is remembered (they signed in beside this tab) remembers nothing", async () => {
    const t = setup();
    await t.auth.api.login({ login: "alice", password: "secret" });
    const ben = { user: { id: 8, login: "ben" } as User, token: "ben-token" };
    await t.persistence.saveSession(1, ben);
    expect(await t.auth.renew()).toBeNull();
    expect(await t.auth.renewHere()).toBeNull();
    expect(await t.persistence.loadSession(1)).toEqual(ben);
    expect(t.auth.api.state.get().status).toBe("expired"); // the profile is ben's: this tab is on its way out
    await t.auth.api.logout({ keepData: true });
    expect(await t.persistence.loadSession(1)).toEqual(ben);
  });

  it("a chat refusing the credentials is renewed once per streak, then the state says expired (no loop)", async () => {
    const t = setup();
    await t.auth.api.login({ login: "alice", password: "secret" });
    expect(t.auth.api.state.get()).toEqual({ status: "signed-in", user: alice });
    t.refuse();
    await settle();
    expect([t.created(), t.connects()]).toEqual([2, 1]); // renewed (a REST session with the password) and reconnected
    t.refuse(); // refused again right away: no second renewal
    await settle();
    expect(t.created()).toBe(2);
    expect(t.auth.api.state.get()).toEqual({ status: "expired", user: alice });
  });

  it("without a password (a resumed session) the first refusal means expired; a new sign-in carries on", async () => {
    const t = setup();
    await t.auth.api.resume({ user: alice, token: "old" });
    t.refuse();
    await settle();
    expect(t.auth.api.state.get().status).toBe("expired");
    expect(t.created()).toBe(0);
    await t.auth.api.login({ login: "alice", password: "secret" });
    expect(t.auth.api.state.get().status).toBe("signed-in");
    expect(t.connects()).toBe(1); // the same user: the chat connects again with the data and outbox as they were
  });

  it("without a password, a session another tab renewed (the remembered one) is taken, and the chat reconnects", async () => {
    const t = setup();
    await t.auth.api.resume({ user: alice, token: "old" });
    await t.persistence.saveSession(1, { user: alice, token: "renewed by another tab" });
    t.refuse();
    await settle();
    expect(t.auth.api.state.get().status).toBe("signed-in");
    expect(t.session.get()?.token).toBe("renewed by another tab");
    expect([t.created(), t.connects()]).toEqual([0, 1]);
  });

  it("without a password, another tab that knows it renews the session; when none does, the state says expired", async () => {
    let answer: string | null = "from the tab that signed in";
    const t = setup({ renewElsewhere: async () => answer });
    await t.auth.api.resume({ user: alice, token: "old" });
    expect(await t.auth.renew()).toBe("from the tab that signed in");
    expect(t.session.get()?.token).toBe("from the tab that signed in");
    expect(t.created()).toBe(0);
    answer = null;
    expect(await t.auth.renew()).toBeNull();
    expect(t.auth.api.state.get().status).toBe("expired");
  });

  it("signing out forgets the remembered session only when it is this user's (another tab may have signed in since)", async () => {
    const t = setup();
    await t.auth.api.resume({ user: alice, token: "old" });
    const ben = { id: 8, login: "ben" } as User;
    await t.persistence.saveSession(1, { user: ben, token: "ben's" });
    await t.auth.api.logout({ keepData: true });
    expect((await t.persistence.loadSession(1))?.user.id).toBe(8);
    await t.auth.api.resume({ user: alice, token: "old" });
    await t.persistence.saveSession(1, { user: alice, token: "old" });
    await t.auth.api.logout();
    expect(await t.persistence.loadSession(1)).toBeNull();
  });
});
