import { rm } from "node:fs/promises";
import { startServer } from "@chatcube/server";
import type { BrowserContext, Page } from "playwright-core";
import type { ChatcubeTab } from "../tab-host/main.js";
import { buildTabHost } from "./buildTabHost.js";
import { serveStatic } from "./serveStatic.js";

/** The real server (no demo data) and the tab host page built against it, served on loopback. */
export interface TabHostStack {
  url: string;
  server: Awaited<ReturnType<typeof startServer>>;
  /** REST as a user (a session of its own, opened on first use): `{json, status}`. */
  rest<T = unknown>(login: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** The user's id (the user is created by its first session). */
  userId(login: string): Promise<number>;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port, builds the tab host against it and serves it. */
export async function startTabHostStack(): Promise<TabHostStack> {
  const server = await startServer({ port: 0 });
  const dir = await buildTabHost({
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    domain: server.domain,
    appId: server.appId,
    authKey: server.authKey,
  });
  const site = await serveStatic(dir);
  const sessions = new Map<string, { token: string; userId: number }>();
  const call = async <T>(token: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.apiUrl}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { "CB-Token": token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
  };
  const sessionOf = async (login: string) => {
    const known = sessions.get(login);
    if (known) return known;
    const created = await call<{ session: { token: string; user_id: number } }>(null, "POST", "/session", {
      application_id: server.appId,
      auth_key: server.authKey,
      user: { login, password: "password" },
    });
    if (created.status !== 201) throw new Error(`no session for ${login}: ${JSON.stringify(created.json)}`);
    const session = { token: created.json.session.token, userId: created.json.session.user_id };
    sessions.set(login, session);
    return session;
  };
  return {
    url: site.url,
    server,
    rest: async <T>(login: string, method: string, path: string, body?: unknown) =>
      call<T>((await sessionOf(login)).token, method, path, body),
    userId: async (login) => (await sessionOf(login)).userId,
    async close() {
      await site.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Calls `chatcubeTab[name](...args)` in a tab (see tab-host/main.ts). */
export function inTab<K extends keyof ChatcubeTab>(
  page: Page,
  name: K,
  ...args: Parameters<ChatcubeTab[K]>
): Promise<Awaited<ReturnType<ChatcubeTab[K]>>> {
  return page.evaluate(
    ([method, params]) =>
      (
        (globalThis as unknown as { chatcubeTab: Record<string, (...a: unknown[]) => unknown> }).chatcubeTab[
          method as string
        ] as (...a: unknown[]) => unknown
      )(...(params as unknown[])),
    [name, args] as const,
  ) as never;
}

/** Opens a tab of the host in `context` (its script loaded, not yet signed in). */
export async function openTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => "chatcubeTab" in globalThis);
  return page;
}

/** A dialog's whole history on the server, oldest first, as `login` reads it (without marking it read). */
export async function serverHistory(
  stack: TabHostStack,
  login: string,
  dialogId: string,
): Promise<Array<{ _id: string; message: string; sender_id: number; date_sent: number }>> {
  const all: Array<{ _id: string; message: string; sender_id: number; date_sent: number }> = [];
  for (let skip = 0; skip < 100_000; skip += 1000) {
    const query = `chat_dialog_id=${dialogId}&limit=1000&skip=${skip}&sort_asc=date_sent&mark_as_read=0`;
    const { json } = await stack.rest<{ items: typeof all }>(login, "GET", `/chat/Message?${query}`);
    all.push(...json.items);
    if (json.items.length < 1000) break;
  }
  return all;
}

/**
 * Opens `count` tabs of the host in `context`: the first signs in as `login` (password `password`), the others resume
 * its remembered session; resolves once every one shows the chat online (throws otherwise).
 */
export async function signedInTabs(
  context: BrowserContext,
  url: string,
  login: string,
  count: number,
): Promise<Page[]> {
  const first = await openTab(context, url);
  await inTab(first, "start", login);
  const tabs = [first];
  for (let i = 1; i < count; i++) {
    const tab = await openTab(context, url);
    await inTab(tab, "start", null);
    tabs.push(tab);
  }
  for (const tab of tabs) if (!(await inTab(tab, "online", 15_000))) throw new Error(`a tab of ${login} not online`);
  return tabs;
}

/** Waits (bounded) until `check` holds. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
