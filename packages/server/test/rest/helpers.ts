import ConnectyCube from "connectycube";
import type { RunningServer } from "../../src/startServer.js";

/** One independent SDK client (its own session; the SDK's endpoint config is shared and identical). */
export type Client = InstanceType<typeof ConnectyCube.ConnectyCube>;

/** The password every test user gets. */
export const PASSWORD = "password123";

let counter = 0;

/** A login no other test uses. */
export function uniqueLogin(prefix = "user"): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 7)}`;
}

/** A new SDK client pointed at the server (docs/protocol.md §1 init). */
export function newClient(server: RunningServer): Client {
  const cc = new ConnectyCube.ConnectyCube();
  cc.init(
    { appId: server.appId, authKey: server.authKey },
    {
      endpoints: {
        api: new URL(server.apiUrl).host,
        api_url: server.apiUrl,
        chat: server.domain,
        chat_url: server.chatUrl,
      },
      debug: { mode: 0 },
    },
  );
  return cc;
}

/** A signed-up user with a user session: `{cc, user}`. */
export async function signedIn(server: RunningServer, prefix = "user", extra: Record<string, unknown> = {}) {
  const cc = newClient(server);
  const login = uniqueLogin(prefix);
  await cc.createSession();
  const { user } = await cc.users.signup({ login, password: PASSWORD, ...extra });
  await cc.createSession({ login, password: PASSWORD });
  return { cc, user, login };
}

/** The SDK rejects with `{code, info}`; this returns that object (or fails when the call succeeds). */
export async function rejection(promise: Promise<unknown>): Promise<{ code: number; info: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; info: unknown };
  }
  throw new Error("expected the call to fail");
}

/** A raw request to the REST API: `{status, body, headers}` with the body parsed as JSON when it is JSON. */
export async function api(
  server: RunningServer,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers["CB-Token"] = options.token;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(server.apiUrl + path, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
  return { status: response.status, body: parsed as any, headers: response.headers };
}

/** The token of a client's current session. */
export function tokenOf(cc: Client): string {
  const token = cc.service.getSession()?.token;
  if (!token) throw new Error("no session");
  return token;
}
