/**
 * Runs a bench entry in headless Chromium: bundles it with esbuild (core from source), serves it on loopback, opens it
 * in a fresh profile (real IndexedDB) and hands the page to `work`. Node's dns module, which @xmpp/resolve imports
 * only when no service URL is given, is stubbed as Vite does.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Opens `entry` (a TypeScript file that sets a global) in Chromium and returns what `work` returns, with the version. */
export async function withBenchPage<T>(entry: string, ready: string, work: (page: Page) => Promise<T>): Promise<{ value: T; version: string }> {
  const { build } = await import("esbuild");
  const { chromium } = await import("playwright-core");
  const bundle = await build({
    entryPoints: [entry], bundle: true, format: "esm", platform: "browser", target: "es2022",
    conditions: ["@chatcube/source"], write: false, minify: true, logLevel: "error",
    plugins: [
      {
        name: "no-node-dns",
        setup(b) {
          b.onResolve({ filter: /^node:dns$/ }, () => ({ path: "node:dns", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export default {}; export const promises = {};" }));
        },
      },
    ],
  });
  const code = bundle.outputFiles[0].text;
  const http = createServer((request, response) => {
    if (request.url === "/bench.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(code);
    else response.writeHead(200, { "Content-Type": "text/html" }).end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const profile = await mkdtemp(join(tmpdir(), "chatcube-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => console.error("page error:", error.message));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    await page.waitForFunction((name) => name in globalThis, ready);
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    return { value: await work(page), version };
  } finally {
    await context.close();
    http.close();
    await rm(profile, { recursive: true, force: true });
  }
}
