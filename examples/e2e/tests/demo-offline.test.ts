// `pnpm demo` as the README promises it: the app it serves opens again on a reload while offline (a production
// build with its service worker; the chats come from IndexedDB).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { launchBrowser, openWindow, screenshot } from "../src/browser.js";
import { dialogItem, signIn, waitOnline } from "../src/chatPage.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("pnpm demo, reloaded offline", () => {
  let browser: Browser | undefined;
  let stopDemo: (() => Promise<void>) | undefined;

  after(async () => {
    await browser?.close();
    await stopDemo?.();
  });

  it("opens the app again with the signed-in user's chats", async () => {
    const [api, web] = [await freePort(), await freePort()];
    const child = spawn("pnpm", ["demo"], {
      cwd: root,
      env: { ...process.env, CHATCUBE_PORT: String(api), CHATCUBE_WEB_PORT: String(web) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    stopDemo = async () => {
      process.kill(-child.pid!, "SIGINT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    };
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Press Ctrl\+C to stop/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
    });
    assert.match(output, /production build/);

    browser = await launchBrowser();
    const alice = await openWindow(browser, `http://127.0.0.1:${web}/`);
    await signIn(alice.page, "alice");
    await waitOnline(alice.page);
    await dialogItem(alice.page, "Bob Builder").waitFor();
    await alice.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10_000 });

    await alice.context.setOffline(true);
    await alice.page.reload().catch(() => {});
    await dialogItem(alice.page, "Bob Builder")
      .waitFor()
      .catch(async (error: unknown) => {
        await screenshot(alice.page, "demo-reloaded-offline-failed");
        throw new Error(`${String(error)}\npage: ${await alice.page.content().catch(() => "?")}`);
      });
    await alice.page.getByTestId("offline-banner").waitFor();
    await screenshot(alice.page, "demo-reloaded-offline");
  });
});
