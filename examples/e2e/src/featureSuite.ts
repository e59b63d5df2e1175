import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { ensureChatting, FEATURES } from "./appFeatures.js";
import { launchBrowser, openWindow, screenshot, type Window } from "./browser.js";
import type { ExampleName } from "./buildExample.js";
import { type ExampleStack, startExampleStack } from "./startExampleStack.js";

/** Screenshots of the page at 1280 px and 375 px wide, light and dark: artifacts/{label}-{what}-{width}-{scheme}.png. */
async function screenshots(page: Page, label: string, what: string, narrowFirst?: (page: Page) => Promise<void>) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 740 });
    if (width === 375) await narrowFirst?.(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(100);
      await screenshot(page, `${label}-${what}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1100, height: 720 });
}

/** Every feature of the README's feature × app table, checked in one app (alice and bob on one server). */
export function featureSuite(app: ExampleName, label: string): void {
  describe(`${app}: every feature`, () => {
    let stack: ExampleStack;
    let browser: Browser;
    let alice: Window;
    let bob: Window;

    before(async () => {
      [stack, browser] = await Promise.all([startExampleStack(app), launchBrowser()]);
      [alice, bob] = await Promise.all([openWindow(browser, stack.url), openWindow(browser, stack.url)]);
      await Promise.all([
        alice.page.locator('input[name="login"]').waitFor(),
        bob.page.locator('input[name="login"]').waitFor(),
      ]);
    });

    after(async () => {
      await browser?.close();
      await stack?.close();
    });

    for (const feature of FEATURES) {
      it(feature.name, async () => {
        const ctx = { app, stack, alice, bob };
        if (feature.from !== "signed-out") await ensureChatting(ctx);
        await feature.check(ctx);
      });
    }

    it("screenshots at 1280 px and 375 px, light and dark", async () => {
      const fresh = await openWindow(browser, stack.url);
      await fresh.page.locator('input[name="login"]').waitFor();
      await screenshots(fresh.page, label, "signin");
      await fresh.context.close();
      await screenshots(alice.page, label, "thread");
      await screenshots(alice.page, label, "list", (page) => page.getByLabel("Back to chats").click());
    });

    it("had no page errors", () => {
      const errors = [...alice.errors, ...bob.errors].filter(
        (e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(e),
      );
      assert.deepEqual(errors, []);
    });
  });
}
