/**
 * Outbox drain rate of @chatcube/core: one client queues messages while disconnected, then connects; the clock runs
 * from `connect()` until the server has acknowledged the last one (the outbox is empty). Then history is checked:
 * every message exactly once, in send order. Node with memory persistence, then headless Chromium with IndexedDB (when
 * /usr/bin/chromium is there), against the local server on loopback.
 * Run: pnpm --filter @chatcube/scripts bench:outbox
 */

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ChatClient, createChatClient, createMemoryPersistence, DialogType } from "@chatcube/core";
import { startServer } from "@chatcube/server";
import { WebSocket } from "ws";
import { CHROMIUM, withBenchPage } from "./browserBench.js";
import type { drainInBrowser } from "./outbox/outboxPage.js";

async function signup(apiUrl: string, authKey: string, login: string): Promise<number> {
  const response = await fetch(`${apiUrl}/users.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CB-AuthKey": authKey },
    body: JSON.stringify({ user: { login, password: "password" } }),
  });
  return ((await response.json()) as { user: { id: number } }).user.id;
}

function until(client: ChatClient, predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve();
    };
    const stop = client.outbox.subscribe(check);
  });
}

/** Queues `count` messages offline, connects, and returns messages/s acknowledged. */
export async function drainRate(count: number): Promise<{ rate: number; exact: boolean }> {
  const server = await startServer({ port: 0 });
  const bobId = await signup(server.apiUrl, server.authKey, `bob${Date.now()}`);
  const aliceLogin = `alice${Date.now()}`;
  await signup(server.apiUrl, server.authKey, aliceLogin);
  const client = createChatClient({
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    chatDomain: server.domain,
    persistence: createMemoryPersistence(),
    network: null,
    WebSocket: WebSocket as never,
    unreadRefreshMs: 0,
  });
  try {
    await client.auth.login({ login: aliceLogin, password: "password" });
    const dialog = await client.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobId] });
    await client.connection.disconnect();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await client.messages.send(dialog.id, { body: `m${i}` })).id);
    const started = performance.now();
    await client.connection.connect();
    await until(client, () => client.outbox.get().length === 0, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const stored = server.context.db.messagesByDialog.get(dialog.id) ?? [];
    const exact = stored.length === count && stored.every((m, i) => m._id === ids[i]);
    return { rate: count / seconds, exact };
  } finally {
    await client.dispose();
    await server.close();
  }
}

/** The same in headless Chromium with IndexedDB persistence (each queued message durable before `send` resolves). */
async function drainRateInBrowser(
  count: number,
): Promise<{ rate: number; queueRate: number; exact: boolean; version: string }> {
  const server = await startServer({ port: 0 });
  try {
    const peerId = await signup(server.apiUrl, server.authKey, `bob${Date.now()}`);
    const login = `alice${Date.now()}`;
    await signup(server.apiUrl, server.authKey, login);
    const config = {
      appId: server.appId,
      authKey: server.authKey,
      apiUrl: server.apiUrl,
      chatUrl: server.chatUrl,
      domain: server.domain,
      login,
      peerId,
      count,
    };
    const entry = fileURLToPath(new URL("./outbox/outboxPage.ts", import.meta.url));
    const { value, version } = await withBenchPage(entry, "chatcubeOutboxBench", (page) =>
      page.evaluate(
        (c) => (globalThis as unknown as { chatcubeOutboxBench: typeof drainInBrowser }).chatcubeOutboxBench(c),
        config,
      ),
    );
    const dialog = [...server.context.db.dialogs.values()].find((d) => d.occupants_ids.includes(peerId));
    const stored = dialog ? (server.context.db.messagesByDialog.get(dialog._id) ?? []) : [];
    const exact = stored.length === count && stored.every((m, i) => m._id === value.ids[i]);
    return { rate: count / (value.drainMs / 1000), queueRate: count / (value.queueMs / 1000), exact, version };
  } finally {
    await server.close();
  }
}

/** The outbox drain benchmark, printed. */
export async function benchOutbox(): Promise<void> {
  console.log(
    "outbox drain: one client queues N messages offline, connects, until all are acknowledged (Node, memory)",
  );
  const counts = (process.env.OUTBOX_COUNTS ?? "500,2000").split(",").map(Number);
  for (const count of counts) {
    const { rate, exact } = await drainRate(count);
    console.log(
      `  ${String(count).padStart(5)} messages: ${Math.round(rate).toLocaleString("en-US").padStart(7)} messages/s acknowledged; history ${exact ? "exact and in order" : "WRONG"}`,
    );
  }
  if (!existsSync(CHROMIUM)) return console.log("  (no Chromium at /usr/bin/chromium: the browser run is skipped)");
  const count = counts[counts.length - 1];
  const browser = await drainRateInBrowser(count);
  console.log(
    `  headless Chromium ${browser.version}, IndexedDB: ${count} messages queued at ${Math.round(browser.queueRate).toLocaleString("en-US")}/s (each durable), then ${Math.round(browser.rate).toLocaleString("en-US")} messages/s acknowledged; history ${browser.exact ? "exact and in order" : "WRONG"}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchOutbox();
