// Test-only: official `connectycube` SDK clients against the test server, and a way to await its listener slots.

import type { RunningServer } from "@chatcube/server";
import ConnectyCube from "connectycube";
import type { TestUser } from "./chatTestUsers.js";

/** One official SDK instance (the default export is a singleton; `.ConnectyCube` makes more). */
export type Sdk = typeof ConnectyCube;

/** An SDK client with a REST session and a chat connection as `user`; pushed to `opened` for cleanup. */
export async function sdkOnline(server: RunningServer, user: TestUser, opened: Sdk[]): Promise<Sdk> {
  const sdk = new ConnectyCube.ConnectyCube() as Sdk;
  sdk.init({ appId: server.appId, authKey: server.authKey }, {
    endpoints: { api_url: server.apiUrl, chat: server.domain, chat_url: server.chatUrl },
    debug: { mode: 0 },
  } as Parameters<Sdk["init"]>[1]);
  opened.push(sdk);
  await sdk.createSession({ login: user.login, password: user.password });
  await sdk.chat.connect({ userId: user.id, password: user.password });
  return sdk;
}

/** Disconnects every SDK client in `opened` and empties it. */
export async function closeSdks(opened: Sdk[]): Promise<void> {
  for (const sdk of opened.splice(0)) await sdk.chat.disconnect().catch(() => sdk.chat.terminate());
}

/** The arguments of the next call of an SDK listener slot (e.g. `onMessageListener`). */
export function nextSdkEvent<T extends unknown[]>(target: object, name: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const slots = target as Record<string, unknown>;
    const timer = setTimeout(() => reject(new Error(`no ${name}`)), timeoutMs);
    slots[name] = (...args: T) => {
      clearTimeout(timer);
      slots[name] = undefined;
      resolve(args);
    };
  });
}
