// Test-only: a real @chatcube/server and signed-in chatcube clients for the bindings' integration tests.

import { setInterval as nodeSetInterval } from "node:timers";
import { type ChatClient, createChatClient, type ReadableSource } from "@chatcube/core";
import { type RunningServer, startServer } from "@chatcube/server";

/** A user created on the test server. */
export interface TestUser {
  id: number;
  login: string;
  password: string;
}

let counter = 0;

/**
 * Starts a server on an ephemeral loopback port, inside the jsdom test environment: the server `unref()`s its
 * heartbeat interval, which jsdom's numeric timer handles cannot do, so it starts with Node's `setInterval`.
 */
export async function startChatServer(): Promise<RunningServer> {
  const domSetInterval = globalThis.setInterval;
  globalThis.setInterval = nodeSetInterval as unknown as typeof globalThis.setInterval;
  try {
    return await startServer({ port: 0 });
  } finally {
    globalThis.setInterval = domSetInterval;
  }
}

/** Signs a new user up with `POST /users.json` (app auth key). */
export async function createTestUser(server: RunningServer, name: string): Promise<TestUser> {
  counter += 1;
  const login = `${name}${counter}_${Date.now() % 1_000_000}`;
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

/** Resolves with the first value of `readable` that satisfies `predicate`. */
export function valueOf<T>(
  readable: ReadableSource<T>,
  predicate: (value: T) => boolean,
  what: string,
  timeoutMs = 6000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      unsubscribe?.();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    unsubscribe = readable.subscribe((value) => {
      if (done || !predicate(value)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe?.());
      resolve(value);
    });
  });
}

/** A client signed in as `user` and online. */
export async function onlineClient(server: RunningServer, user: TestUser): Promise<ChatClient> {
  const client = createChatClient({
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    chatDomain: server.domain,
    network: null,
  });
  await client.auth.login({ login: user.login, password: user.password });
  await valueOf(client.connection, (state) => state.status === "online", `${user.login} online`);
  return client;
}
