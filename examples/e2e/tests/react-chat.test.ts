// The React example in Chromium against the real server: two people chatting live, going offline, and (with
// IndexedDB persistence) reloading while offline.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openWindow, screenshot, type Window } from "../src/browser.js";
import {
  dialogItem,
  messages,
  openDialog,
  signIn,
  switchUserFromOpenChat,
  threadBodies,
  typeAndSend,
  waitOnline,
  waitStatus,
} from "../src/chatPage.js";
import { seedHistory } from "../src/seedHistory.js";
import { type ExampleStack, startExampleStack } from "../src/startExampleStack.js";

describe("react-chat", () => {
  let stack: ExampleStack;
  let browser: Browser;
  let alice: Window;
  let bob: Window;

  before(async () => {
    [stack, browser] = await Promise.all([startExampleStack("react-chat"), launchBrowser()]);
    [alice, bob] = await Promise.all([openWindow(browser, stack.url), openWindow(browser, stack.url)]);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("signs in as a demo user and shows the seeded dialogs", async () => {
    await alice.page.locator('input[name="login"]').waitFor();
    await screenshot(alice.page, "react-signin");
    await Promise.all([signIn(alice.page, "alice"), signIn(bob.page, "bob")]);
    await Promise.all([waitOnline(alice.page), waitOnline(bob.page)]);
    for (const title of ["Bob Builder", "Team chatcube", "Lobby"]) await dialogItem(alice.page, title).waitFor();
    await dialogItem(bob.page, "Alice Liddell").waitFor();
  });

  it("chats in real time: unread badge, typing, statuses up to read", async () => {
    await openDialog(alice.page, "Bob Builder");
    await typeAndSend(alice.page, "Hello Bob, are you there?");
    await waitStatus(alice.page, "Hello Bob, are you there?", "delivered");

    const row = dialogItem(bob.page, "Alice Liddell");
    await row.getByTestId("unread-badge").waitFor();
    assert.match(await row.getByTestId("dialog-preview").innerText(), /Hello Bob, are you there\?/);

    await openDialog(bob.page, "Alice Liddell");
    await messages(bob.page, "Hello Bob, are you there?").waitFor();
    await waitStatus(alice.page, "Hello Bob, are you there?", "read");
    await row.getByTestId("unread-badge").waitFor({ state: "detached" });

    const input = bob.page.getByTestId("composer-input");
    await input.click();
    await input.pressSequentially("Yes, here", { delay: 20 });
    await alice.page.locator('[data-testid="typing"]', { hasText: "Bob is typing" }).waitFor();
    await input.press("Enter");
    await messages(alice.page, "Yes, here").waitFor();
    await waitStatus(bob.page, "Yes, here", "read");
    await alice.page.getByTestId("typing").waitFor({ state: "detached" });

    await screenshot(alice.page, "react-alice-thread");
    await screenshot(bob.page, "react-bob-thread");
  });

  it("edits and deletes a message for both sides", async () => {
    await typeAndSend(alice.page, "This has a tpyo");
    await messages(bob.page, "This has a tpyo").waitFor();
    const message = messages(alice.page, "This has a tpyo");
    await waitStatus(alice.page, "This has a tpyo", "read");
    await message.hover();
    await message.getByTestId("edit").click();
    const editor = alice.page.getByLabel("Edit message");
    await editor.fill("This has no typo");
    await editor.press("Enter");
    await messages(bob.page, "This has no typo").waitFor();
    await bob.page.locator('[data-testid="message"]', { hasText: "This has no typo" }).getByText("edited").waitFor();

    alice.page.once("dialog", (dialog) => void dialog.accept());
    const edited = messages(alice.page, "This has no typo");
    await edited.hover();
    await edited.getByTestId("delete").click();
    await messages(alice.page, "This has no typo").waitFor({ state: "detached" });
    await messages(bob.page, "This has no typo").waitFor({ state: "detached" });
  });

  it("reacts to a message and sends a file, for both sides", async () => {
    const target = messages(alice.page, "Yes, here");
    await target.hover();
    await target.getByTestId("add-reaction").click();
    await alice.page.getByLabel("React 🎉").click();
    await messages(bob.page, "Yes, here")
      .locator('[data-testid="reaction"][data-emoji="🎉"]', { hasText: "1" })
      .waitFor();

    await alice.page.getByTestId("file-input").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("meeting notes\n".repeat(2000)),
    });
    await bob.page.locator('[data-testid="attachment"]', { hasText: "notes.txt" }).waitFor();
    const href = await bob.page.locator('[data-testid="attachment"]', { hasText: "notes.txt" }).getAttribute("href");
    assert.ok(href, "the attachment links to its download URL");
    const download = await bob.page.request.get(href);
    assert.equal(download.status(), 200);
    assert.match(await download.text(), /^meeting notes/);
    await screenshot(bob.page, "react-bob-reaction-file");
  });

  it("contacts: a request, its acceptance, and presence", async () => {
    await alice.page.getByRole("tab", { name: "Contacts" }).click();
    await alice.page.locator('[data-testid="person"][data-user="bob"]').getByTestId("add-contact").click();
    await bob.page.getByRole("tab", { name: "Contacts" }).click();
    await bob.page.locator('[data-testid="person"][data-user="alice"]').getByRole("button", { name: "Accept" }).click();
    await alice.page
      .locator('[data-testid="person"][data-user="bob"]')
      .getByTestId("person-status")
      .filter({ hasText: "online" })
      .waitFor();
    await screenshot(alice.page, "react-alice-contacts");
    await alice.page.getByRole("tab", { name: "Chats" }).click();
    await bob.page.getByRole("tab", { name: "Chats" }).click();
  });

  it("blocks a user: their 1-1 message fails as blocked", async () => {
    await alice.page.getByTestId("block").click();
    await alice.page.getByTestId("block").filter({ hasText: "Unblock" }).waitFor();
    await typeAndSend(bob.page, "Can you hear me?");
    await waitStatus(bob.page, "Can you hear me?", "failed");
    await messages(bob.page, "Can you hear me?").getByRole("alert").filter({ hasText: "blocked" }).waitFor();
    await screenshot(bob.page, "react-bob-blocked");
    await alice.page.getByTestId("block").click();
    await alice.page.getByTestId("block").filter({ hasText: "Block" }).waitFor();
  });

  it("after unblocking, Retry sends the failed message", async () => {
    // The button flips at once; the server drops the block a moment later, so retry as a person would.
    for (let attempt = 0; attempt < 5; attempt++) {
      await messages(bob.page, "Can you hear me?").getByTestId("retry").click();
      if (
        await messages(alice.page, "Can you hear me?")
          .waitFor({ timeout: 2_000 })
          .then(
            () => true,
            () => false,
          )
      )
        break;
      await waitStatus(bob.page, "Can you hear me?", "failed", 3_000);
    }
    await waitStatus(bob.page, "Can you hear me?", "read");
  });

  it("creates a group dialog that the others see", async () => {
    await alice.page.getByRole("tab", { name: "+ New" }).click();
    await alice.page.getByRole("button", { name: "Group" }).click();
    await alice.page.getByLabel("Group name").fill("Weekend plans");
    await alice.page.getByLabel(/Bob Builder/).check();
    await alice.page.getByLabel(/Carol Danvers/).check();
    await alice.page.getByRole("button", { name: "Create group" }).click();
    await alice.page.locator('[data-testid="thread-title"]', { hasText: "Weekend plans" }).waitFor();
    await typeAndSend(alice.page, "Hiking on Saturday?");
    await dialogItem(bob.page, "Weekend plans").waitFor();
    await openDialog(alice.page, "Bob Builder");
  });

  it("scrolls up through a long history, a page at a time", async () => {
    const aliceId = [...stack.server.context.db.users.values()].find((u) => u.login === "alice")!.id;
    await seedHistory(stack.server, "dave", aliceId, 130);
    await dialogItem(alice.page, "Dave Bowman").waitFor();
    await openDialog(alice.page, "Dave Bowman");
    await messages(alice.page, "History 130").waitFor();
    assert.equal(await messages(alice.page, "History 1").count(), 0, "only the newest page at first");
    const list = alice.page.getByTestId("messages");
    for (let i = 0; i < 20 && (await messages(alice.page, "History 1").count()) === 0; i++) {
      await list.evaluate((el) => (el.scrollTop = 0));
      await alice.page.waitForTimeout(150);
    }
    await messages(alice.page, "History 1").waitFor();
    await alice.page.getByText("This is the beginning of the conversation.").waitFor();
    const bodies = (await threadBodies(alice.page)).filter((b) => b.startsWith("History "));
    assert.deepEqual(
      bodies,
      Array.from({ length: 130 }, (_, i) => `History ${i + 1}`),
      "every message once, in order",
    );
    await openDialog(alice.page, "Bob Builder");
  });

  it("bob goes offline, alice writes three messages, bob comes back and sees each once", async () => {
    await bob.context.setOffline(true);
    await bob.page.getByTestId("offline-banner").waitFor();
    const sent = ["While you were away: 1", "While you were away: 2", "While you were away: 3"];
    for (const body of sent) await typeAndSend(alice.page, body);
    for (const body of sent) await waitStatus(alice.page, body, "sent");
    await screenshot(bob.page, "react-bob-offline");

    await bob.context.setOffline(false);
    await waitOnline(bob.page);
    for (const body of sent) await messages(bob.page, body).waitFor();
    await waitStatus(alice.page, sent[2], "read");
    for (const body of sent) assert.equal(await messages(bob.page, body).count(), 1, `"${body}" shown once`);
    const bodies = await threadBodies(bob.page);
    assert.deepEqual(
      bodies.filter((b) => b.startsWith("While you were away")),
      sent,
      "in order",
    );
  });

  it("bob writes offline and his message is sent when he is back", async () => {
    await bob.context.setOffline(true);
    await bob.page.getByTestId("offline-banner").waitFor();
    await typeAndSend(bob.page, "Written on the train");
    await waitStatus(bob.page, "Written on the train", "pending");
    await bob.page.locator('[data-testid="offline-banner"]', { hasText: "1 message will be sent" }).waitFor();
    await screenshot(bob.page, "react-bob-pending");

    await bob.context.setOffline(false);
    await waitStatus(bob.page, "Written on the train", "sent", 15_000);
    await messages(alice.page, "Written on the train").waitFor();
    assert.equal(await messages(alice.page, "Written on the train").count(), 1);
  });

  it("bob reloads while offline: dialogs, history and pending messages come from IndexedDB, then go out", async () => {
    await bob.context.setOffline(true);
    await bob.page.getByTestId("offline-banner").waitFor();
    await typeAndSend(bob.page, "Sent after a reload");
    await waitStatus(bob.page, "Sent after a reload", "pending");

    await bob.page.reload();
    await bob.page.getByTestId("dialog-list").waitFor();
    await dialogItem(bob.page, "Team chatcube").waitFor();
    await bob.page.getByTestId("thread").waitFor();
    await messages(bob.page, "Yes, here").waitFor();
    await waitStatus(bob.page, "Sent after a reload", "pending");
    await screenshot(bob.page, "react-bob-reloaded-offline");

    await bob.context.setOffline(false);
    await waitStatus(bob.page, "Sent after a reload", "sent", 15_000);
    await messages(alice.page, "Sent after a reload").waitFor();
    assert.equal(await messages(alice.page, "Sent after a reload").count(), 1);
  });

  it("an expired session: sign-in with the login filled in; the pending message survives and goes out once", async () => {
    await bob.context.setOffline(true);
    await bob.page.getByTestId("offline-banner").waitFor();
    await typeAndSend(bob.page, "Kept through an expired session");
    await waitStatus(bob.page, "Kept through an expired session", "pending");
    // The server forgets every session (as a restart with fresh sessions does); bob's page is loaded again, online.
    stack.server.context.db.sessions.clear();
    stack.server.dropConnections();
    await bob.context.setOffline(false);
    await bob.page.reload();
    const login = bob.page.locator('input[name="login"]');
    await login.waitFor();
    assert.equal(await login.inputValue(), "bob");
    await bob.page.getByText("Your session has expired").waitFor();
    await screenshot(bob.page, "react-bob-expired");

    await bob.page.locator('input[name="password"]').fill("password");
    await bob.page.locator('button[type="submit"]').click();
    await waitOnline(bob.page);
    await openDialog(bob.page, "Alice Liddell");
    await waitStatus(bob.page, "Kept through an expired session", "sent", 15_000);
    await messages(alice.page, "Kept through an expired session").waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await messages(alice.page, "Kept through an expired session").count(), 1);
    assert.equal(await messages(bob.page, "Kept through an expired session").count(), 1);
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
