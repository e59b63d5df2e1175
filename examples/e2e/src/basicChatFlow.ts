import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openWindow, screenshot, type Window } from "./browser.js";
import type { ExampleName } from "./buildExample.js";
import {
  dialogItem,
  messages,
  openDialog,
  signIn,
  switchUserFromOpenChat,
  typeAndSend,
  waitOnline,
  waitStatus,
} from "./chatPage.js";
import { type ExampleStack, startExampleStack } from "./startExampleStack.js";

/**
 * The flow every example must pass: sign in, the dialog list with unread badges, a thread, the composer with
 * typing notifications, statuses up to read, and the offline banner with a pending message sent on return.
 */
export function basicChatFlow(name: ExampleName, label: string): void {
  describe(name, () => {
    let stack: ExampleStack;
    let browser: Browser;
    let alice: Window;
    let bob: Window;

    before(async () => {
      [stack, browser] = await Promise.all([startExampleStack(name), launchBrowser()]);
      [alice, bob] = await Promise.all([openWindow(browser, stack.url), openWindow(browser, stack.url)]);
    });

    after(async () => {
      await browser?.close();
      await stack?.close();
    });

    it("signs in and lists the dialogs", async () => {
      await alice.page.locator('input[name="login"]').waitFor();
      await screenshot(alice.page, `${label}-signin`);
      await Promise.all([signIn(alice.page, "alice"), signIn(bob.page, "bob")]);
      await Promise.all([waitOnline(alice.page), waitOnline(bob.page)]);
      await dialogItem(alice.page, "Team chatcube").waitFor();
      await dialogItem(bob.page, "Alice Liddell").waitFor();
    });

    it("chats in real time: unread badge, typing, statuses up to read", async () => {
      await openDialog(alice.page, "Bob Builder");
      await typeAndSend(alice.page, `Hi from ${name}`);
      await waitStatus(alice.page, `Hi from ${name}`, "delivered");
      await dialogItem(bob.page, "Alice Liddell").getByTestId("unread-badge").waitFor();

      await openDialog(bob.page, "Alice Liddell");
      await messages(bob.page, `Hi from ${name}`).waitFor();
      await messages(bob.page, "Perfect. Don't forget the numbers from last week.").waitFor(); // the history, too
      await waitStatus(alice.page, `Hi from ${name}`, "read");

      const input = bob.page.getByTestId("composer-input");
      await input.click();
      await input.pressSequentially("Got it", { delay: 20 });
      await alice.page.locator('[data-testid="typing"]', { hasText: "Bob is typing" }).waitFor();
      await input.press("Enter");
      await messages(alice.page, "Got it").waitFor();
      await waitStatus(bob.page, "Got it", "read");
      await screenshot(alice.page, `${label}-alice-thread`);
    });

    it("shows the offline banner and sends what was written offline once back", async () => {
      await bob.context.setOffline(true);
      await bob.page.getByTestId("offline-banner").waitFor();
      await typeAndSend(bob.page, "Typed while offline");
      await waitStatus(bob.page, "Typed while offline", "pending");
      await screenshot(bob.page, `${label}-bob-offline`);

      await bob.context.setOffline(false);
      await waitOnline(bob.page);
      await waitStatus(bob.page, "Typed while offline", "sent", 15_000);
      await messages(alice.page, "Typed while offline").waitFor();
      assert.equal(await messages(alice.page, "Typed while offline").count(), 1);
    });

    it("signing out and in as someone else does not leave the previous user's chat loading", async () => {
      await switchUserFromOpenChat(alice.page, "Bob Builder", "carol");
    });

    it("had no page errors", () => {
      const errors = [...alice.errors, ...bob.errors].filter(
        (e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(e),
      );
      assert.deepEqual(errors, []);
    });
  });
}
