/**
 * Bench pages in headless Chromium: a TypeScript entry bundled with esbuild (core from source) and served on loopback,
 * opened in a profile of its own (real IndexedDB). Node's dns module, which @xmpp/resolve imports only when no
 * service URL is given, is stubbed as Vite does.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Flags for headless Chromium on these machines (no background network: nothing beyond loopback answers). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Bundles `entry` (minified unless told otherwise, e.g. to read a CPU profile) and serves it on a loopback port. */
export async function serveBenchBundle(
  entry: string,
  options: { minify?: boolean } = {},
): Promise<{ url: string; bytes: number; code: string; close(): void }> {
  const { build } = await import("esbuild");
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@chatcube/source"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    minify: options.minify ?? true,
    logLevel: "error",
    plugins: [
      {
        name: "no-node-dns",
        setup(b) {
          b.onResolve({ filter: /^node:dns$/ }, () => ({ path: "node:dns", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
            contents: "export default {}; export const promises = {};",
          }));
        },
      },
    ],
  });
  const code = bundle.outputFiles[0].text;
  const http = createServer((request, response) => {
    if (request.url === "/bench.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(code);
    else
      response
        .writeHead(200, { "Content-Type": "text/html" })
        .end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    bytes: code.length,
    code,
    close: () => http.close(),
  };
}

/** Starts Chromium on `profile` (a later start on the same profile is a reload) and opens `url`, once `ready` is set. */
export async function openBenchPage(
  profile: string,
  url: string,
  ready: string,
): Promise<{ context: BrowserContext; page: Page; version: string }> {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => console.error("page error:", error.message));
  page.on("crash", () => console.error("the page crashed"));
  await page.goto(url);
  await page.waitForFunction((name) => name in globalThis, ready);
  const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  return { context, page, version };
}

/** Opens `entry` in a fresh profile and returns what `work` returns, with the browser's version. */
export async function withBenchPage<T>(
  entry: string,
  ready: string,
  work: (page: Page) => Promise<T>,
): Promise<{ value: T; version: string }> {
  const served = await serveBenchBundle(entry);
  const profile = await mkdtemp(join(tmpdir(), "chatcube-bench-chromium-"));
  try {
    const { context, page, version } = await openBenchPage(profile, served.url, ready);
    try {
      return { value: await work(page), version };
    } finally {
      await context.close();
    }
  } finally {
    served.close();
    await rm(profile, { recursive: true, force: true });
  }
}
