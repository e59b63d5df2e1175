import type { RunningServer } from "@chatcube/server";
import { type ChatClient, type ChatClientOptions, createChatClient } from "../../src/index.js";
import type { Readable } from "../../src/reactive/readable.js";
import type { TestUser } from "./chatTestUsers.js";

/** A chatcube client pointed at the test server (no browser network events; fast reconnects). */
export function newClient(server: RunningServer, overrides: Partial<ChatClientOptions> = {}): ChatClient {
  return createChatClient({
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    chatDomain: server.domain,
    network: null,
    reconnect: { initialMs: 50, maxMs: 400, factor: 2, jitter: 0.2 },
    ...overrides,
  });
}

/** A client signed in as `user` and online. */
export async function onlineClient(
  server: RunningServer,
  user: TestUser,
  overrides: Partial<ChatClientOptions> = {},
): Promise<ChatClient> {
  const client = newClient(server, overrides);
  await client.auth.login({ login: user.login, password: user.password });
  await valueOf(client.connection, (s) => s.status === "online", "online");
  return client;
}

/** Resolves with the first value of `readable` that satisfies `predicate` (the current one included). */
export function valueOf<T>(
  readable: Readable<T>,
  predicate: (value: T) => boolean,
  what = "a value",
  timeoutMs = 6000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe: (() => void) | null = null;
    const timer = setTimeout(() => {
      done = true;
      unsubscribe?.();
      reject(
        new Error(
          `timed out waiting for ${what}; last value: ${JSON.stringify(readable.get(), (_k, v: unknown) => (v instanceof Error ? v.message : v)).slice(0, 800)}`,
        ),
      );
    }, timeoutMs);
    unsubscribe = readable.subscribe((value) => {
      if (done || !predicate(value)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe?.());
      resolve(value);
    });
    if (done) unsubscribe();
  });
}
