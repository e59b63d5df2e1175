/** The browser side of the outbox bench: a real client with IndexedDB persistence queues messages, then drains them. */
import { createChatClient, createIndexedDbPersistence, DialogType } from "@chatcube/core";

/** Where the server is and who signs in. */
export interface OutboxPageConfig {
  appId: number;
  authKey: string;
  apiUrl: string;
  chatUrl: string;
  domain: string;
  login: string;
  peerId: number;
  count: number;
}

/** Queues `count` messages offline (each durable in IndexedDB before `send` resolves), connects, waits for the last ack. */
export async function drainInBrowser(
  config: OutboxPageConfig,
): Promise<{ queueMs: number; drainMs: number; ids: string[] }> {
  const client = createChatClient({
    appId: config.appId,
    authKey: config.authKey,
    apiUrl: config.apiUrl,
    chatUrl: config.chatUrl,
    chatDomain: config.domain,
    persistence: createIndexedDbPersistence(),
    unreadRefreshMs: 0,
  });
  try {
    await client.auth.login({ login: config.login, password: "password" });
    const dialog = await client.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [config.peerId] });
    await client.connection.disconnect();
    const queued = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < config.count; i++) ids.push((await client.messages.send(dialog.id, { body: `m${i}` })).id);
    const started = performance.now();
    const empty = new Promise<void>((resolve) => {
      const stop = client.outbox.subscribe((entries) => {
        if (entries.length > 0) return;
        queueMicrotask(() => stop());
        resolve();
      });
    });
    await client.connection.connect();
    await empty;
    return { queueMs: started - queued, drainMs: performance.now() - started, ids };
  } finally {
    await client.auth.logout().catch(() => {});
    await client.dispose();
  }
}

(globalThis as { chatcubeOutboxBench?: typeof drainInBrowser }).chatcubeOutboxBench = drainInBrowser;
