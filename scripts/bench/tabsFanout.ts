/**
 * One user, many tabs (docs/architecture.md, Tabs), in headless Chromium with IndexedDB: five tabs of alice share one
 * connection; bob (a Node client) sends to her at 200 messages/s. Fan-out latency is the time from a message showing
 * in the leader's store (it just came off the socket) to it showing in each follower's, p50/p95; then the time for a
 * new (sixth) tab to show the dialog list from its script's start, and whether it opened a socket.
 * Run: pnpm --filter @chatcube/scripts bench:tabs
 */

import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChatClient, createMemoryPersistence, DialogType } from "@chatcube/core";
import { startServer } from "@chatcube/server";
import type { BrowserContext, Page } from "playwright-core";
import { WebSocket } from "ws";
import { CHROMIUM, openBenchPage, serveBenchBundle } from "./browserBench.js";
import type { TabsPageConfig } from "./tabs/tabsPage.js";

type Bench = {
  startTab(config: TabsPageConfig): Promise<{ listMs: number; role: string }>;
  seenTimes(): Record<string, number>;
  flickers(): number;
  role(): string;
};
const TABS = 5;
const RATE = 200;
const SECONDS = 5;

async function signup(apiUrl: string, authKey: string, login: string): Promise<number> {
  const response = await fetch(`${apiUrl}/users.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CB-AuthKey": authKey },
    body: JSON.stringify({ user: { login, password: "password" } }),
  });
  return ((await response.json()) as { user: { id: number } }).user.id;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the tabs bench (skipped without Chromium). */
export async function benchTabs(): Promise<void> {
  if (!existsSync(CHROMIUM)) return console.log("tabs: skipped (no Chromium at /usr/bin/chromium)");
  const server = await startServer({ port: 0 });
  const served = await serveBenchBundle(fileURLToPath(new URL("./tabs/tabsPage.ts", import.meta.url)));
  const profile = await mkdtemp(join(tmpdir(), "chatcube-bench-tabs-"));
  const aliceId = await signup(server.apiUrl, server.authKey, "alice");
  await signup(server.apiUrl, server.authKey, "bob");
  const bob = createChatClient({
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    chatDomain: server.domain,
    persistence: createMemoryPersistence(),
    network: null,
    WebSocket: WebSocket as never,
  });
  await bob.auth.login({ login: "bob", password: "password" });
  const dialog = await bob.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [aliceId] });
  const base = {
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    domain: server.domain,
    dialogId: dialog.id,
  };
  const first = await openBenchPage(profile, served.url, "chatcubeTabsBench");
  const { context } = first;
  const sockets = new Map<Page, number>();
  const watch = (page: Page) => page.on("websocket", () => sockets.set(page, (sockets.get(page) ?? 0) + 1));
  const start = (page: Page, login: string | null) =>
    page.evaluate(
      (config) => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.startTab(config),
      {
        ...base,
        login,
      },
    );
  try {
    watch(first.page);
    await start(first.page, "alice");
    const pages = [first.page];
    for (let i = 1; i < TABS; i++) {
      const page = await context.newPage();
      watch(page);
      await page.goto(served.url);
      await page.waitForFunction(() => "chatcubeTabsBench" in globalThis);
      await start(page, null);
      pages.push(page);
    }
    await sleep(1500);
    const roles = await Promise.all(
      pages.map((p) =>
        p.evaluate(() => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.role()),
      ),
    );
    const leader = pages[roles.indexOf("leader")];
    const total = RATE * SECONDS;
    const ids: string[] = [];
    const began = Date.now();
    for (let i = 0; i < total; i += 2) {
      for (const n of [i, i + 1]) void bob.messages.send(dialog.id, { body: `b${n}` }).then((m) => ids.push(m.id));
      const due = began + ((i + 2) * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const sendSeconds = (Date.now() - began) / 1000;
    await sleep(3000);
    const seen = await Promise.all(
      pages.map((p) =>
        p.evaluate(() => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.seenTimes()),
      ),
    );
    const atLeader = seen[pages.indexOf(leader)];
    const fanout: number[] = [];
    let missing = 0;
    for (const id of ids) {
      const t0 = atLeader[id];
      for (let t = 0; t < pages.length; t++) {
        if (pages[t] === leader) continue;
        const at = seen[t][id];
        if (t0 === undefined || at === undefined) missing++;
        else fanout.push(at - t0);
      }
    }
    console.log(
      `tabs: ${TABS} (${roles.join(", ")}), sockets opened: ${[...sockets.values()].reduce((a, b) => a + b, 0)}; ` +
        `${ids.length} messages at ${(ids.length / sendSeconds).toFixed(0)}/s`,
    );
    console.log(
      `fan-out leader → follower: p50 ${percentile(fanout, 50).toFixed(1)} ms, p95 ${percentile(fanout, 95).toFixed(1)} ms, ` +
        `max ${percentile(fanout, 100).toFixed(1)} ms (${fanout.length} samples, ${missing} missing)`,
    );
    const flickers = await Promise.all(
      pages.map((p) =>
        p.evaluate(() => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.flickers()),
      ),
    );
    console.log(`messages that left a tab's window and came back (flicker), per tab: ${flickers.join(", ")}`);
    const sixth = await context.newPage();
    watch(sixth);
    await sixth.goto(served.url);
    await sixth.waitForFunction(() => "chatcubeTabsBench" in globalThis);
    const opened = await start(sixth, null);
    await sleep(500);
    console.log(
      `new tab: dialog list ${opened.listMs.toFixed(1)} ms from script start, role ${opened.role}, ` +
        `sockets of its own: ${sockets.get(sixth) ?? 0}`,
    );
    await benchHandover({ server, aliceId, bob, dialogId: dialog.id, context, pages: [...pages, sixth] });
  } finally {
    await context.close();
    served.close();
    await bob.dispose();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The leader goes: closed (its `pagehide` hands its stream over) or crashed (no word: the next leader binds afresh).
 * bob sends at once; how long until one of the other tabs shows it, and whether alice kept her session.
 */
async function benchHandover(run: {
  server: Awaited<ReturnType<typeof startServer>>;
  aliceId: number;
  bob: ReturnType<typeof createChatClient>;
  dialogId: string;
  context: BrowserContext;
  pages: Page[];
}): Promise<void> {
  const live = [...run.pages];
  const connected = () =>
    (run.server.context.chat as unknown as { sessionsOf(id: number): Array<{ fullJid: string; sink: unknown }> })
      .sessionsOf(run.aliceId)
      .filter((session) => session.sink !== null)
      .map((session) => session.fullJid);
  for (const how of ["closed", "crashed"] as const) {
    const roles = await Promise.all(
      live.map((page) =>
        page.evaluate(() => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.role()),
      ),
    );
    const leader = live[roles.indexOf("leader")];
    const before = connected();
    const gone = Date.now();
    if (how === "closed") await leader.close();
    else void (await run.context.newCDPSession(leader)).send("Page.crash").catch(() => {});
    live.splice(live.indexOf(leader), 1);
    const sent = await run.bob.messages.send(run.dialogId, { body: `after the leader ${how}` });
    let shownAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 300 && shownAt === Number.POSITIVE_INFINITY; i++) {
      await sleep(20);
      const seen = await Promise.all(
        live.map((page) =>
          page.evaluate(() => (globalThis as unknown as { chatcubeTabsBench: Bench }).chatcubeTabsBench.seenTimes()),
        ),
      );
      shownAt = Math.min(...seen.map((times) => times[sent.id] ?? Number.POSITIVE_INFINITY));
    }
    await sleep(1000);
    const after = connected();
    const kept = before.length === 1 && after.length === 1 && before[0] === after[0];
    console.log(
      `leader ${how}: a message sent at once shows in another tab ${(shownAt - gone).toFixed(0)} ms after; ` +
        `alice's session ${kept ? "resumed (the same one)" : "bound afresh"}`,
    );
    if (how === "crashed") await leader.close().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTabs();
