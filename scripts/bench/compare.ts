/**
 * `pnpm bench:compare`: chatcube (@chatcube/core + @chatcube/react) side by side with the official stack
 * (connectycube 6.1.2 + @connectycube/react 6.1.2) on the same local @chatcube/server, in the same headless Chromium,
 * in interleaved rounds; prints one table of min / median / max. Data set: COMPARE_DIALOGS dialogs (default 1,000)
 * and COMPARE_MESSAGES stored messages (default 100,000); COMPARE_ROUNDS rounds (default 3).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "@chatcube/server";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { bundleSize, CHAT_SCREEN_ENTRIES } from "../size/bundleSize.js";
import { openBenchPage, serveBenchBundle, withBenchPage } from "./browserBench.js";
import { emulateNetwork, meterTraffic } from "./compare/networkMeter.js";
import type { ComparePage, PageConfig } from "./compare/pageConfig.js";
import { type HotFunction, startProfile, stopProfile } from "./compare/profileIngest.js";
import { burst, burstIds, PASSWORD, type Seeded, seedCompare } from "./compare/seedCompare.js";
import type { drainInBrowser } from "./outbox/outboxPage.js";

const DIALOGS = Number(process.env.COMPARE_DIALOGS ?? 1000);
const MESSAGES = Number(process.env.COMPARE_MESSAGES ?? 100_000);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 3);
const BURST = 1000;
const OUTBOX = 1000;
const SLOW = { rttMs: 100, mbit: 10 };
const STEP_TIMEOUT_MS = 60_000;
/** COMPARE_PROFILE=1: unminified bundles and a CPU profile of each ingest (timings then include the profiler). */
const PROFILE = process.env.COMPARE_PROFILE === "1";
const hotByStack: Partial<Record<Stack, HotFunction[]>> = {};

type Stack = "chatcube" | "official";
type Sample = Record<string, number>;
type Compare = { compare: ComparePage };

const log = (...args: unknown[]) => console.error("[compare]", ...args);

function within<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing in ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** A full load of the page in `mode` (the query changes every time), until the page says its work is done. */
async function load(page: Page, base: string, config: PageConfig, mode: PageConfig["mode"], n: number) {
  await page.goto(`${base}?n=${n}#${encodeURIComponent(JSON.stringify({ ...config, mode }))}`);
  await page.waitForFunction(() => (globalThis as unknown as Partial<Compare>).compare?.result.done === true, null, {
    timeout: STEP_TIMEOUT_MS,
    polling: 10,
  });
  const result = await page.evaluate(() => (globalThis as unknown as Compare).compare.result);
  if (result.error) throw new Error(`${mode}: ${result.error}`);
  return result;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 1_048_576;
}

/** Waits until the page has had no network traffic for `quietMs` (at most `maxMs`). */
async function quiet(totals: { lastAt: number }, quietMs: number, maxMs: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - totals.lastAt < quietMs && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Setup {
  server: RunningServer;
  seeded: Seeded;
  config: PageConfig;
}

/** One round of one stack on its own browser profile: reload → list (plain, emulated), ingest, heap, reconnect. */
async function round(
  stack: Stack,
  context: BrowserContext,
  page: Page,
  served: { url: string; code: string },
  setup: Setup,
  r: number,
) {
  const base = served.url;
  const { server, seeded, config } = setup;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let n = r * 100 + 1;
  const sample: Sample = {};
  await load(page, base, config, "list", n++); // a first start of the browser warms its caches: not measured
  sample.listMs = (await load(page, base, config, "list", n++)).listMs ?? Number.NaN;
  if (stack === "chatcube") sample.rawMs = (await load(page, base, config, "raw", n++)).listMs ?? Number.NaN;

  await emulateNetwork(cdp, SLOW);
  const slow = meterTraffic(cdp);
  sample.slowListMs = (await load(page, base, config, "list", n++)).listMs ?? Number.NaN;
  sample.listRequests = slow.stop().requests - 2; // the page and its bundle
  await emulateNetwork(cdp, null);

  await load(page, base, config, "live", n++);
  const ids = burstIds(
    BURST,
    `${stack === "chatcube" ? "c" : "f"}${r}${(Date.now() % 65536).toString(16).padStart(4, "0")}`,
  );
  const last = ids[ids.length - 1];
  if (PROFILE) await startProfile(cdp);
  await page.evaluate((id) => (globalThis as unknown as Compare).compare.arm(id), last);
  const ingested = page.evaluate(() => (globalThis as unknown as Compare).compare.ingested());
  const bob = await burst(server, seeded, ids);
  const ingest = await within(ingested, `${stack} ingest`);
  if (PROFILE) hotByStack[stack] = await stopProfile(cdp, served.code);
  bob.close();
  sample.ingestMs = ingest.ms;
  sample.rendersOfA = ingest.renders;
  sample.heapMb = await heapMb(cdp);

  const traffic = meterTraffic(cdp);
  const t0 = performance.now();
  const back = page.evaluate(() => (globalThis as unknown as Compare).compare.reconnected());
  await new Promise((resolve) => setTimeout(resolve, 50));
  server.dropConnections();
  try {
    await within(back, `${stack} reconnect`, 30_000);
    sample.reconnectMs = performance.now() - t0;
  } catch (error) {
    log(String(error));
    sample.reconnectMs = Number.NaN;
  }
  await quiet(traffic.totals, 1000, 10_000);
  const resync = traffic.stop();
  sample.resyncRequests = resync.requests;
  sample.resyncHttpKb = resync.httpBytes / 1024;
  sample.resyncWsKb = resync.wsBytes / 1024;
  await cdp.detach();
  return sample;
}

/** The outbox drain in Chromium with IndexedDB (chatcube only: the official stack has no outbox). */
async function outboxRound(server: RunningServer, seeded: Seeded, r: number): Promise<number> {
  const config = {
    appId: server.appId,
    authKey: server.authKey,
    apiUrl: server.apiUrl,
    chatUrl: server.chatUrl,
    domain: server.domain,
    login: `drain_${r}_${Date.now().toString(36)}`,
    peerId: seeded.bob.id,
    count: OUTBOX,
  };
  const entry = fileURLToPath(new URL("./outbox/outboxPage.ts", import.meta.url));
  const { value } = await withBenchPage(entry, "chatcubeOutboxBench", (page) =>
    page.evaluate(
      (c) => (globalThis as unknown as { chatcubeOutboxBench: typeof drainInBrowser }).chatcubeOutboxBench(c),
      config,
    ),
  );
  return OUTBOX / (value.drainMs / 1000);
}

const stats = (values: number[]) => {
  const sorted = values.filter((v) => typeof v === "number" && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};

function cell(values: number[] | undefined, digits = 0): string {
  const s = values && stats(values);
  if (!s) return "—";
  const f = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return s.min === s.max ? f(s.median) : `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
}

export async function benchCompare(): Promise<void> {
  const started = performance.now();
  const server = await startServer({ port: 0, sessionTtlMs: 10 * 365 * 86_400_000 });
  const profiles: string[] = [];
  const served: Array<{ close(): void }> = [];
  try {
    log(`seeding ${DIALOGS} dialogs, ${MESSAGES} messages…`);
    const seeded = await seedCompare(server, DIALOGS, MESSAGES);
    log(`seeded in ${seeded.seconds.toFixed(1)} s`);
    const config: PageConfig = {
      mode: "list",
      appId: server.appId,
      authKey: server.authKey,
      apiUrl: server.apiUrl,
      chatUrl: server.chatUrl,
      domain: server.domain,
      userId: seeded.alice.id,
      login: seeded.alice.login,
      password: PASSWORD,
      dialogs: seeded.dialogs,
      dialogA: seeded.dialogA,
      dialogB: seeded.dialogB,
    };
    const setup = { server, seeded, config };
    const [chatcubeSize, officialSize] = await Promise.all([
      bundleSize(CHAT_SCREEN_ENTRIES.react),
      bundleSize(CHAT_SCREEN_ENTRIES.official),
    ]);
    const pages: Record<Stack, { url: string; code: string; profile: string }> = {} as never;
    for (const stack of ["chatcube", "official"] as const) {
      const entry = fileURLToPath(new URL(`./compare/${stack}Page.ts`, import.meta.url));
      const page = await serveBenchBundle(entry, { minify: !PROFILE });
      served.push(page);
      const profile = await mkdtemp(join(tmpdir(), `chatcube-compare-${stack}-`));
      profiles.push(profile);
      pages[stack] = { url: page.url, code: page.code, profile };
    }
    const samples: Record<Stack, Sample[]> = { chatcube: [], official: [] };
    const drains: number[] = [];
    let version = "";
    // The chatcube profile is an app used before: signed in once, its cache filled.
    {
      const primeUrl = `${pages.chatcube.url}?n=0#${encodeURIComponent(JSON.stringify({ ...config, mode: "login" }))}`;
      const { context, page } = await openBenchPage(pages.chatcube.profile, primeUrl, "compare");
      await page.waitForFunction(() => (globalThis as unknown as Compare).compare.result.done, null, {
        timeout: STEP_TIMEOUT_MS,
      });
      await new Promise((resolve) => setTimeout(resolve, 1000)); // the write-behind's last batch
      await context.close();
    }
    for (let r = 1; r <= ROUNDS; r++) {
      const order: Stack[] = r % 2 === 1 ? ["chatcube", "official"] : ["official", "chatcube"];
      for (const stack of order) {
        log(`round ${r}: ${stack}`);
        const { context, page, version: v } = await openBenchPage(pages[stack].profile, "about:blank", "document");
        version = v;
        try {
          samples[stack].push(await round(stack, context, page, pages[stack], setup, r));
        } finally {
          await context.close();
        }
      }
      log(`round ${r}: chatcube outbox drain`);
      drains.push(await outboxRound(server, seeded, r));
    }

    const column = (stack: Stack, key: string, digits = 0) =>
      cell(
        samples[stack].map((s) => s[key]),
        digits,
      );
    const rows: Array<[string, string, string]> = [
      ["chat screen bundle, gzip -9 (B)", cell([chatcubeSize.gzip]), cell([officialSize.gzip])],
      ["reload → all dialogs in the store (ms)", column("chatcube", "listMs"), column("official", "listMs")],
      ["  floor: same page, raw IndexedDB open + getAll (ms)", column("chatcube", "rawMs"), "—"],
      ["  the same at 100 ms RTT, 10 Mbit/s (ms)", column("chatcube", "slowListMs"), column("official", "slowListMs")],
      ["  HTTP requests during that load", column("chatcube", "listRequests"), column("official", "listRequests")],
      [
        `${BURST} messages into dialog B → all in the store (ms)`,
        column("chatcube", "ingestMs"),
        column("official", "ingestMs"),
      ],
      ["  renders of a component showing dialog A", column("chatcube", "rendersOfA"), column("official", "rendersOfA")],
      [`outbox: ${OUTBOX} queued offline → acknowledged (msg/s)`, cell(drains), "—"],
      [
        "reconnect after a drop → back online (ms)",
        column("chatcube", "reconnectMs"),
        column("official", "reconnectMs"),
      ],
      ["  resync HTTP requests", column("chatcube", "resyncRequests"), column("official", "resyncRequests")],
      ["  resync HTTP KiB", column("chatcube", "resyncHttpKb", 1), column("official", "resyncHttpKb", 1)],
      ["  resync WebSocket KiB, both ways", column("chatcube", "resyncWsKb", 1), column("official", "resyncWsKb", 1)],
      ["JS heap after the burst, after GC (MB)", column("chatcube", "heapMb", 1), column("official", "heapMb", 1)],
    ];
    const width = Math.max(...rows.map((row) => row[0].length));
    const cw = Math.max(24, ...rows.flatMap((row) => [row[1].length, row[2].length]));
    const line = (a: string, b: string, c: string) => `| ${a.padEnd(width)} | ${b.padStart(cw)} | ${c.padStart(cw)} |`;
    const cpu = cpus();
    console.log(
      `bench:compare — ${ROUNDS} interleaved rounds, min / median / max; headless Chromium ${version}; ` +
        `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
        `user with ${seeded.dialogs.toLocaleString("en-US")} dialogs and ${seeded.messages.toLocaleString("en-US")} messages ` +
        `(seeded in ${seeded.seconds.toFixed(1)} s); chatcube = @chatcube/core + @chatcube/react (IndexedDB), ` +
        `official = connectycube 6.1.2 + @connectycube/react 6.1.2`,
    );
    console.log(line("", "chatcube", "official stack"));
    console.log(line("-".repeat(width), `${"-".repeat(cw - 1)}:`, `${"-".repeat(cw - 1)}:`));
    for (const row of rows) console.log(line(...row));
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    for (const [stack, hot] of Object.entries(hotByStack)) {
      console.log(`\nCPU profile of the last ${stack} ingest (self time; timings above include the profiler):`);
      for (const f of hot) {
        console.log(
          `  ${f.selfMs.toFixed(1).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}  ${f.module}`,
        );
      }
    }
  } finally {
    for (const page of served) page.close();
    for (const profile of profiles) await rm(profile, { recursive: true, force: true });
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCompare();
