// Per-user state across the tabs of one user (docs/architecture.md, Tabs): the React example in Chromium, alice in
// one browser context with three pages, bob in another, against the real server. Contacts and presence, privacy,
// merged activity, one read marker and one notification per message.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openWindow, type Window } from "../src/browser.js";
import { dialogItem, messages, openDialog, signIn, typeAndSend, waitOnline } from "../src/chatPage.js";
import { type ExampleStack, startExampleStack } from "../src/startExampleStack.js";

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Scripts for the pages are strings: the test runner's compiler would name the functions in them (`__name`), which
// the page does not have.

/** Hides or shows a page as the browser would for a background tab (headless Chromium keeps every page visible). */
const setVisible = (page: Page, visible: boolean) =>
  page.evaluate(`(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "${visible ? "visible" : "hidden"}" });
    document.dispatchEvent(new Event("visibilitychange"));
  })()`);

/** Counts the desktop notifications a page shows (the permission is granted; the constructor is watched). */
const watchNotifications = `(() => {
  const shown = [];
  window.__shown = shown;
  const Watched = function (_title, options) { shown.push((options && options.body) || ""); };
  Watched.permission = "granted";
  Watched.requestPermission = async () => "granted";
  Object.defineProperty(window, "Notification", { configurable: true, value: Watched });
})()`;
const shown = (page: Page): Promise<string[]> => page.evaluate("window.__shown");

describe("per-user state across tabs (react-chat)", { timeout: 180_000 }, () => {
  let stack: ExampleStack;
  let browser: Browser;
  let alice: Window;
  let bob: Window;
  let tabs: Page[];
  const userId = (login: string) => stack.server.context.db.usersByLogin.get(login)?.id ?? -1;
  const signals = (kind: string) =>
    stack.server.context.db.clientSignals.filter((s) => s.user_id === userId("alice") && s.kind === kind);

  before(async () => {
    [stack, browser] = await Promise.all([startExampleStack("react-chat"), launchBrowser()]);
    [alice, bob] = await Promise.all([openWindow(browser, stack.url), openWindow(browser, stack.url)]);
    await alice.context.addInitScript({ content: watchNotifications });
    await alice.page.reload(); // the first page too
    await Promise.all([signIn(alice.page, "alice"), signIn(bob.page, "bob")]);
    await Promise.all([waitOnline(alice.page), waitOnline(bob.page)]);
    tabs = [alice.page];
    for (let i = 0; i < 2; i++) {
      const page = await alice.context.newPage();
      await page.goto(stack.url);
      tabs.push(page);
    }
    for (const tab of tabs) {
      await dialogItem(tab, "Bob Builder").waitFor();
      await waitOnline(tab);
    }
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("a follower adds a contact: every tab shows it, and the contact's presence once accepted", async () => {
    for (const tab of tabs) await tab.getByRole("tab", { name: "Contacts" }).click();
    await tabs[2].locator('[data-testid="person"][data-user="bob"]').getByTestId("add-contact").click();
    for (const tab of tabs)
      await tab
        .locator('[data-testid="person"][data-user="bob"]')
        .getByTestId("person-status")
        .filter({ hasText: "request sent" })
        .waitFor();
    await bob.page.getByRole("tab", { name: "Contacts" }).click();
    await bob.page.locator('[data-testid="person"][data-user="alice"]').getByRole("button", { name: "Accept" }).click();
    for (const tab of tabs)
      await tab
        .locator('[data-testid="person"][data-user="bob"]')
        .getByTestId("person-status")
        .filter({ hasText: /^online$/ })
        .waitFor();
    await bob.page.getByRole("tab", { name: "Chats" }).click();
    for (const tab of tabs) await tab.getByRole("tab", { name: "Chats" }).click();
  });

  it("a follower blocks a user: every tab shows it", async () => {
    for (const tab of tabs) await openDialog(tab, "Bob Builder");
    await tabs[1].getByTestId("block").click();
    for (const tab of tabs) await tab.getByTestId("block").filter({ hasText: "Unblock" }).waitFor();
    await tabs[2].getByTestId("block").click();
    for (const tab of tabs)
      await tab
        .getByTestId("block")
        .filter({ hasText: /^Block$/ })
        .waitFor();
  });

  it("a dialog open in three tabs: the server gets one read marker per message, and one notification shows", async () => {
    await openDialog(bob.page, "Alice Liddell");
    const before = signals("displayed").length;
    const bodies = ["read once a", "read once b", "read once c"];
    for (const body of bodies) {
      await typeAndSend(bob.page, body);
      for (const tab of tabs) await messages(tab, body).waitFor();
      await pause(300);
    }
    await until("a read marker per message", () => signals("displayed").length - before >= bodies.length);
    await pause(1000);
    const ids = signals("displayed")
      .slice(before)
      .map((s) => s.message_id);
    assert.equal(new Set(ids).size, ids.length, `no message marked read twice: ${ids.join(", ")}`);
    assert.equal(ids.length, bodies.length);
    const notified = (await Promise.all(tabs.map(shown))).flat().filter((b) => b.startsWith("read once"));
    assert.deepEqual(notified.sort(), bodies);
  });

  it("active while any tab is visible: all hidden → inactive once; one visible → active once", async () => {
    const [inactive, active] = [signals("inactive").length, signals("active").length];
    await setVisible(tabs[0], false);
    await setVisible(tabs[1], false);
    await pause(300);
    assert.equal(signals("inactive").length, inactive, "a tab is still visible");
    await setVisible(tabs[2], false);
    await until("inactive", () => signals("inactive").length > inactive);
    await setVisible(tabs[1], true); // focus moves around: no flapping
    await Promise.all([setVisible(tabs[1], false), setVisible(tabs[0], true)]);
    await until("active", () => signals("active").length > active);
    await pause(500);
    assert.equal(signals("inactive").length, inactive + 1);
    assert.equal(signals("active").length, active + 1);
  });
});
