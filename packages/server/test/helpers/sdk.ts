import ConnectyCube from "connectycube";
import type { RunningServer } from "../../src/startServer.js";

/** An official SDK instance of its own (the default export is a singleton; `.ConnectyCube` makes more). */
export type Sdk = typeof ConnectyCube;

/** A fresh official-SDK client initialised against the local server, exactly as the README shows. */
export function sdkClient(
  server: RunningServer,
  options: { streamManagement?: boolean; reconnect?: boolean } = {},
): Sdk {
  const cc = new ConnectyCube.ConnectyCube() as Sdk;
  cc.init({ appId: server.appId, authKey: server.authKey }, {
    endpoints: { api_url: server.apiUrl, chat: server.domain, chat_url: server.chatUrl },
    chat: {
      streamManagement: { enable: options.streamManagement ?? false },
      reconnect: { enable: options.reconnect ?? true, timeInterval: 1 },
    },
    debug: { mode: 0 },
  } as Parameters<Sdk["init"]>[1]);
  return cc;
}

/** Resolves with the arguments of the next call of an SDK listener slot (e.g. `onMessageListener`). */
export function nextEvent<T extends unknown[]>(target: object, name: string, timeoutMs = 4000): Promise<T> {
  return new Promise((resolve, reject) => {
    const slots = target as Record<string, unknown>;
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    slots[name] = (...args: T) => {
      clearTimeout(timer);
      slots[name] = undefined;
      resolve(args);
    };
  });
}

/** Waits until `check` is true (polling), or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 4000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
