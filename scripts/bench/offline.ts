/**
 * Offline-first benchmarks of @chatcube/core (issue 4): hydrate from a cache of 1,000 dialogs and 100,000 messages,
 * write-behind of 10,000 incoming messages. They run in headless Chromium with its real IndexedDB when
 * /usr/bin/chromium is there (bundled with esbuild, served from a loopback http server, driven by playwright-core),
 * else in Node over fake-indexeddb, and say which. Run: pnpm --filter @chatcube/scripts bench:offline
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM, openBenchPage, serveBenchBundle } from "./browserBench.js";

const here = dirname(fileURLToPath(import.meta.url));

type Results = Record<string, unknown>;

async function inChromium(): Promise<Results> {
  const served = await serveBenchBundle(join(here, "offline", "benchEntry.ts"));
  const profile = await mkdtemp(join(tmpdir(), "chatcube-bench-chromium-"));
  type Bench = typeof import("./offline/benchPage.js");
  /** Starts Chromium on the profile, opens the bench page, runs `work` in it, and quits (the next launch is a reload). */
  const session = async <T>(
    work: (page: import("playwright-core").Page) => Promise<T>,
  ): Promise<{ value: T; version: string }> => {
    const { context, page, version } = await openBenchPage(profile, served.url, "chatcubeBench");
    try {
      if (process.env.BENCH_VERBOSE) page.on("console", (message) => console.error("[page]", message.text()));
      context.on("close", () => console.error("[bench] browser context closed"));
      return { value: await work(page), version };
    } finally {
      await context.close();
    }
  };
  const bench = <K extends keyof Bench>(page: import("playwright-core").Page, name: K) =>
    page.evaluate(
      (n) => (globalThis as unknown as { chatcubeBench: Record<string, () => Promise<unknown>> }).chatcubeBench[n](),
      name as string,
    );
  try {
    const seeded = await session((page) => bench(page, "seedCache"));
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the app was used earlier; now it is opened again
    const step = <T>(name: string, run: Promise<T>) => {
      if (process.env.BENCH_VERBOSE) console.error(`[bench] ${name}…`);
      return run;
    };
    const measured = await session(async (page) => ({
      profile: await step("profileHydrate", bench(page, "profileHydrate")),
      hydrate: await step("benchHydrate", bench(page, "benchHydrate")),
      writeBehind: await step("benchWriteBehind", bench(page, "benchWriteBehind")),
    }));
    const hydrate = measured.value.hydrate as { listMs: number[]; windowMs: number[]; windowAfterEagerMs: number[] };
    return {
      where: `headless Chromium ${measured.version}, real IndexedDB (each phase a fresh browser start on the same profile)`,
      bundleKb: Math.round(served.bytes / 1024),
      seeded: seeded.value,
      profile: measured.value.profile,
      hydrate: {
        ...hydrate,
        listMedianMs: median(hydrate.listMs),
        windowMedianMs: median(hydrate.windowMs),
        windowAfterEagerMedianMs: median(hydrate.windowAfterEagerMs),
      },
      writeBehind: measured.value.writeBehind,
    };
  } finally {
    served.close();
    await rm(profile, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function inNode(): Promise<Results> {
  await import("fake-indexeddb/auto");
  const bench = await import("./offline/benchPage.js");
  return {
    where: "Node over fake-indexeddb (no Chromium found: numbers are not a browser's)",
    ...(await bench.runAll()),
  };
}

/** Runs the offline benchmarks and prints their numbers against the targets. */
export async function benchOffline(options: { browser?: boolean } = {}): Promise<Results> {
  const useBrowser = options.browser ?? existsSync(CHROMIUM);
  const results = useBrowser ? await inChromium() : await inNode();
  const hydrate = results.hydrate as {
    listMedianMs: number;
    windowMedianMs: number;
    windowAfterEagerMedianMs: number;
    listMs: number[];
    windowMs: number[];
  };
  const writeBehind = results.writeBehind as { ms: number; persisted: number; transactions: number };
  const seeded = results.seeded as { seconds: number; messages: number };
  console.log(`offline-first benchmarks — ${String(results.where)}`);
  console.log(
    `  cache seeded: 1,000 dialogs, ${seeded.messages.toLocaleString("en")} messages in ${seeded.seconds.toFixed(1)} s`,
  );
  console.log(`  hydrate profile (open / read / publish, ms): ${JSON.stringify(results.profile)}`);
  console.log(
    `  hydrate → dialog list published: median ${hydrate.listMedianMs} ms (runs ${hydrate.listMs.join(", ")}; target ≤ 50 ms)`,
  );
  console.log(
    `  forDialog(id) → newest 50 messages from the cache: median ${hydrate.windowMedianMs} ms while the eager restore runs (runs ${hydrate.windowMs.join(", ")}), ${hydrate.windowAfterEagerMedianMs} ms after it (target ≤ 20 ms)`,
  );
  console.log(
    `  write-behind: 10,000 incoming messages persisted in ${writeBehind.ms} ms (${writeBehind.persisted} cached, ${writeBehind.transactions} readwrite transactions; target ≤ 2,000 ms)`,
  );
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  await benchOffline({ browser: process.argv.includes("--node") ? false : undefined });
