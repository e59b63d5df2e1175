// Test-only: users and sessions on a running @chatcube/server, through its REST API.
import type { RunningServer } from "@chatcube/server";

/** A user created on the test server. */
export interface TestUser {
  id: number;
  login: string;
  password: string;
}

let counter = 0;

/** Signs a new user up with `POST /users.json` (app auth key); the password is 8+ characters. */
export async function createTestUser(server: RunningServer, name = "user"): Promise<TestUser> {
  counter += 1;
  const login = `${name}${counter}_${process.pid}_${Date.now() % 100000}`;
  const password = `pw-${name}-secret`;
  const response = await fetch(`${server.apiUrl}/users.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CB-AuthKey": server.authKey },
    body: JSON.stringify({ user: { login, password } }),
  });
  const body = (await response.json()) as { user?: { id: number } };
  if (!response.ok || !body.user) throw new Error(`signup failed: ${response.status} ${JSON.stringify(body)}`);
  return { id: body.user.id, login, password };
}

/** Signs up one user per name, one after the other (their ids in that order). */
export async function createTestUsers(server: RunningServer, ...names: string[]): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (const name of names) users.push(await createTestUser(server, name));
  return users;
}

/** A REST session token for a user (`POST /session.json`), usable as the XMPP password. */
export async function sessionToken(server: RunningServer, user: TestUser): Promise<string> {
  const response = await fetch(`${server.apiUrl}/session.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      application_id: server.appId,
      auth_key: server.authKey,
      user: { login: user.login, password: user.password },
    }),
  });
  const body = (await response.json()) as { session?: { token: string } };
  if (!response.ok || !body.session) throw new Error(`session failed: ${response.status} ${JSON.stringify(body)}`);
  return body.session.token;
}

/** `{id}-{appId}@{domain}` */
export function jidOf(server: RunningServer, user: TestUser): string {
  return `${user.id}-${server.appId}@${server.domain}`;
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
