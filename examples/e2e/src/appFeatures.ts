import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { seriousAxeViolations } from "./axeCheck.js";
import { screenshot, type Window } from "./browser.js";
import type { ExampleName } from "./buildExample.js";
import {
  dialogItem,
  messages,
  openDialog,
  signIn,
  typeAndSend,
  waitOnline,
  waitQueuedDurably,
  waitStatus,
} from "./chatPage.js";
import { seedHistory } from "./seedHistory.js";
import type { ExampleStack } from "./startExampleStack.js";

/** What a feature check works with: one app, the server, and two people (alice and bob) in their own windows. */
export interface FeatureContext {
  app: ExampleName;
  stack: ExampleStack;
  alice: Window;
  bob: Window;
}

/** One row of the README's feature × app table, and the browser check that keeps it true in every app. */
export interface Feature {
  name: string;
  /** Where the check starts: signed out, or (the default) both signed in, online, with their chat open. */
  from?: "signed-out" | "chatting";
  check(ctx: FeatureContext): Promise<void>;
}

/**
 * Brings both people back to signed in, online, light scheme, with their chat open, whatever a failed check before
 * left behind, so that each check stands on its own.
 */
export async function ensureChatting({ alice, bob }: FeatureContext): Promise<void> {
  const people: [Window, string, string][] = [
    [alice, "alice", "Bob Builder"],
    [bob, "bob", "Alice Liddell"],
  ];
  for (const [window, login, peer] of people) {
    const page = window.page;
    await window.context.setOffline(false);
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1100, height: 720 });
    await page.locator('input[name="login"], [data-testid="dialog-list"]').first().waitFor();
    if (await page.locator('input[name="login"]').isVisible()) await signIn(page, login);
    await waitOnline(page);
    const chats = page.getByRole("tab", { name: "Chats" });
    if ((await chats.count()) > 0 && (await chats.getAttribute("aria-selected")) !== "true") await chats.click();
    const title = page.getByTestId("thread-title");
    if ((await title.count()) === 0 || (await title.innerText()) !== peer) await openDialog(page, peer);
  }
}

const userId = (ctx: FeatureContext, login: string) =>
  [...ctx.stack.server.context.db.users.values()].find((u) => u.login === login)!.id;

/** Fails with the list of violations when axe-core finds a serious or critical one. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 1)}`);
}

/** The relative luminance contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** How far the message list is from its bottom, in pixels. */
const distanceFromBottom = (page: Page) =>
  page.getByTestId("messages").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

/**
 * The features every app offers, in the order they run (each leaves alice and bob signed in, online, with the chat
 * between them open unless it says otherwise).
 */
export const FEATURES: readonly Feature[] = [
  {
    name: "Sign-in errors in plain words",
    from: "signed-out",
    async check({ alice }) {
      const page = alice.page;
      await page.locator('input[name="login"]').fill("alice");
      await page.locator('input[name="password"]').fill("wrong");
      await page.locator('button[type="submit"]').click();
      const error = page.getByRole("alert");
      await error.filter({ hasText: "don't match" }).waitFor();
      assert.doesNotMatch(await error.innerText(), /Unauthorized|401/);
      await alice.context.setOffline(true);
      await page.locator('button[type="submit"]').click();
      await error.filter({ hasText: "Can't reach the chat server" }).waitFor();
      assert.doesNotMatch(await error.innerText(), /fetch/i);
      await alice.context.setOffline(false);
    },
  },
  {
    name: "Accessible: no serious axe-core violation (sign-in, list, thread; light and dark)",
    from: "signed-out",
    async check({ alice, bob }) {
      await expectAccessible(alice.page, "sign-in");
      await alice.page.emulateMedia({ colorScheme: "dark" });
      await expectAccessible(alice.page, "sign-in, dark");
      await alice.page.emulateMedia({ colorScheme: "light" });
      await Promise.all([signIn(alice.page, "alice"), signIn(bob.page, "bob")]);
      await Promise.all([waitOnline(alice.page), waitOnline(bob.page)]);
      await expectAccessible(alice.page, "list");
      await openDialog(alice.page, "Bob Builder");
      await expectAccessible(alice.page, "thread");
      await alice.page.emulateMedia({ colorScheme: "dark" });
      await expectAccessible(alice.page, "list and thread, dark");
      await alice.page.emulateMedia({ colorScheme: "light" });
      assert.equal(await alice.page.locator("main").count(), 1, "one main landmark");
      assert.equal(await alice.page.locator("h1").count(), 1, "one h1");
    },
  },
  {
    name: "Opening a chat focuses the composer",
    async check({ bob }) {
      for (const title of ["Team chatcube", "Alice Liddell"]) {
        await openDialog(bob.page, title);
        await bob.page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "composer-input");
      }
    },
  },
  {
    name: "Pending, sent, delivered, read and failed: distinct in the list and the thread, with words",
    async check({ alice, bob }) {
      await alice.context.setOffline(true);
      await alice.page.getByTestId("offline-banner").waitFor();
      await typeAndSend(alice.page, "Queued for later");
      await waitStatus(alice.page, "Queued for later", "pending");
      const row = dialogItem(alice.page, "Bob Builder");
      await row.locator('[data-testid="status"][data-status="pending"]').waitFor();
      assert.equal(
        await row.getByTestId("status").innerText(),
        await messages(alice.page, "Queued for later").getByTestId("status").innerText(),
      );
      await alice.context.setOffline(false);
      await waitOnline(alice.page);
      await waitStatus(alice.page, "Queued for later", "read");
      await row.locator('[data-testid="status"][data-status="read"]').waitFor();
      const words = await alice.page.locator('[data-testid="status"] .sr-only').allInnerTexts();
      assert.ok(words.includes("Read"), "screen readers hear the state");
      // Delivered and read differ in shape: the read ticks sit on a filled badge.
      const shape = (status: string) =>
        alice.page.evaluate((s) => {
          const el = document.createElement("span");
          el.className = `ticks ticks-${s}`;
          el.innerHTML = '<span class="ticks-icon">✓✓</span>';
          document.body.append(el);
          const bg = getComputedStyle(el.firstElementChild!).backgroundColor;
          el.remove();
          return bg;
        }, status);
      assert.notEqual(await shape("read"), await shape("delivered"));
      await messages(bob.page, "Queued for later").waitFor();
    },
  },
  {
    name: "Presence is unknown while we are offline",
    async check({ alice }) {
      const subtitle = alice.page.getByTestId("thread-subtitle");
      await alice.context.setOffline(true);
      await subtitle.filter({ hasText: "presence unknown" }).waitFor();
      const banner = await alice.page.getByTestId("offline-banner").innerText();
      assert.doesNotMatch(banner, /wss?:\/\/|https?:\/\/|Failed to fetch/, "the banner speaks words, not URLs");
      assert.equal(await alice.page.locator(".thread-header .presence.on").count(), 0, "no green dot");
      await alice.context.setOffline(false);
      await waitOnline(alice.page);
      await subtitle.filter({ hasNotText: "presence unknown" }).waitFor();
    },
  },
  {
    name: "Typing shows in the thread and, not indented, in the list",
    async check({ alice, bob }) {
      const input = bob.page.getByTestId("composer-input");
      await input.click();
      await input.pressSequentially("Let me think", { delay: 20 });
      await alice.page.locator('[data-testid="typing"]', { hasText: "Bob is typing" }).waitFor();
      const preview = dialogItem(alice.page, "Bob Builder").getByTestId("dialog-preview");
      await preview.filter({ hasText: "typing…" }).waitFor();
      assert.equal(await preview.evaluate((el) => getComputedStyle(el).paddingLeft), "0px");
      await input.fill("");
      await input.blur();
    },
  },
  {
    name: "Times in the browser's locale (24-hour in de-DE)",
    async check({ stack, alice }) {
      const context = await alice.context
        .browser()!
        .newContext({ locale: "de-DE", viewport: { width: 1100, height: 720 } });
      try {
        const page = await context.newPage();
        await page.goto(stack.url);
        await signIn(page, "carol");
        const time = page.locator(".dialog-time").first();
        await time.waitFor();
        assert.doesNotMatch(await time.innerText(), /AM|PM/);
        await openDialog(page, "Team chatcube");
        assert.match(await page.locator("time.time").first().innerText(), /^\d{1,2}:\d{2}$/);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: "User text is dir=auto (right-to-left lines read right)",
    async check({ alice, bob }) {
      const rtl = "שלום, נתראה ב-10";
      await typeAndSend(alice.page, rtl);
      const body = messages(bob.page, rtl).getByTestId("message-body");
      await body.waitFor();
      assert.equal(await body.getAttribute("dir"), "auto");
      assert.equal(await body.evaluate((el) => getComputedStyle(el).direction), "rtl");
      assert.equal(
        await dialogItem(bob.page, "Alice Liddell").getByTestId("dialog-preview").getAttribute("dir"),
        "auto",
      );
    },
  },
  {
    name: "Edit a message (readable edit box), delete it, for both sides",
    async check({ alice, bob }) {
      await typeAndSend(alice.page, "This has a tpyo");
      await messages(bob.page, "This has a tpyo").waitFor();
      await waitStatus(alice.page, "This has a tpyo", "read");
      const message = messages(alice.page, "This has a tpyo");
      await message.hover();
      await message.getByTestId("edit").click();
      const editor = alice.page.getByLabel("Edit message");
      const [color, background] = await editor.evaluate((el) => [
        getComputedStyle(el).color,
        getComputedStyle(el).backgroundColor,
      ]);
      assert.ok(contrast(color!, background!) >= 4.5, `edit box text ${color} on ${background}`);
      await editor.fill("This has no typo");
      await editor.press("Enter");
      await messages(bob.page, "This has no typo").waitFor();
      await messages(bob.page, "This has no typo").getByText("edited").waitFor();
      alice.page.once("dialog", (dialog) => void dialog.accept());
      const edited = messages(alice.page, "This has no typo");
      await edited.hover();
      await edited.getByTestId("delete").click();
      await messages(bob.page, "This has no typo").waitFor({ state: "detached" });
    },
  },
  {
    name: "Message actions reachable by keyboard",
    async check({ alice }) {
      const input = alice.page.getByTestId("composer-input");
      await input.focus();
      let reached = "";
      for (let i = 0; i < 4 && !reached; i++) {
        await alice.page.keyboard.press("Shift+Tab");
        reached = await alice.page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const visible = el && getComputedStyle(el.closest(".actions") ?? el).opacity === "1";
          return el?.closest('[data-testid="message"] .actions') && visible ? el.innerText : "";
        });
      }
      assert.match(reached, /Delete|Edit|React/, "an action of the last message, visible once focused");
      await input.focus();
    },
  },
  {
    name: "Reactions, for both sides",
    async check({ alice, bob }) {
      await typeAndSend(bob.page, "React to this");
      const target = messages(alice.page, "React to this");
      await target.waitFor();
      await target.hover();
      await target.getByTestId("add-reaction").click();
      await alice.page.getByLabel("React 🎉").click();
      await messages(bob.page, "React to this")
        .locator('[data-testid="reaction"][data-emoji="🎉"]', { hasText: "1" })
        .waitFor();
    },
  },
  {
    name: "Attachments with upload progress; a file over the server's limit refused before uploading",
    async check({ alice, bob }) {
      const before = await alice.page.locator('[data-testid="message"]').count();
      await alice.page.getByTestId("file-input").setInputFiles({
        name: "huge.bin",
        mimeType: "application/octet-stream",
        buffer: Buffer.alloc(11 * 1024 * 1024),
      });
      await alice.page.getByTestId("composer-error").filter({ hasText: "Choose a smaller file" }).waitFor();
      assert.equal(await alice.page.locator('[data-testid="message"]').count(), before, "nothing queued");
      await alice.page.getByTestId("file-input").setInputFiles({
        name: "notes.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("meeting notes\n".repeat(2000)),
      });
      const link = bob.page.locator('[data-testid="attachment"]', { hasText: "notes.txt" });
      await link.waitFor();
      const download = await bob.page.request.get((await link.getAttribute("href"))!);
      assert.match(await download.text(), /^meeting notes/);
    },
  },
  {
    name: "Stays at the bottom when an image loads",
    async check({ alice, bob }) {
      await alice.page.getByTestId("messages").evaluate((el) => (el.scrollTop = el.scrollHeight));
      const png = await bob.page.screenshot({ clip: { x: 0, y: 0, width: 480, height: 360 } });
      await bob.page.getByTestId("file-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
      const image = alice.page.locator('[data-testid="attachment"] img');
      await image.last().waitFor();
      await alice.page.waitForFunction(() => {
        const imgs = document.querySelectorAll<HTMLImageElement>('[data-testid="attachment"] img');
        return imgs.length > 0 && imgs[imgs.length - 1]!.complete && imgs[imgs.length - 1]!.naturalHeight > 0;
      });
      await alice.page.waitForTimeout(300);
      assert.ok((await distanceFromBottom(alice.page)) < 10, "the newest message is in view");
    },
  },
  {
    name: "Older history keeps the reading position; date separators; runs by one sender grouped",
    async check(ctx) {
      const page = ctx.alice.page;
      await seedHistory(ctx.stack.server, "dave", userId(ctx, "alice"), 90);
      await dialogItem(page, "Dave Bowman").waitFor();
      await openDialog(page, "Dave Bowman");
      await messages(page, "History 90").waitFor();
      const list = page.getByTestId("messages");
      const oldest = () => page.locator('[data-testid="message-body"]').first().innerText();
      const first = await oldest();
      // Scroll to the top as a reader does, again while the list is still settling, until an older page is in.
      for (let i = 0; i < 40 && (await oldest()) === first; i++) {
        await list.evaluate((el) => (el.scrollTop = 0));
        await page.waitForTimeout(150);
      }
      assert.notEqual(await oldest(), first, "an older page loaded");
      await page.waitForTimeout(200);
      // The message that was on top is still in view: the reader did not jump to the bottom.
      const inView = await messages(page, first).evaluate((el) => {
        const box = el.getBoundingClientRect();
        const view = el.closest('[data-testid="messages"]')!.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      });
      assert.ok(inView, `"${first}" stays in view after older history loaded`);
      assert.ok((await distanceFromBottom(page)) > 200, "not thrown to the bottom");
      await page.getByTestId("day-separator").first().scrollIntoViewIfNeeded();
      await screenshot(page, `${ctx.app}-history`);
      const runStarts = await page.locator('[data-testid="message"].run-start').count();
      const all = await page.locator('[data-testid="message"]').count();
      assert.ok(runStarts < all, "consecutive messages by one sender form runs");
      await openDialog(page, "Bob Builder");
    },
  },
  {
    name: "Unread count in the page title",
    async check({ alice, bob }) {
      const unreadInTitle = () => bob.page.evaluate(() => Number(document.title.match(/^\((\d+)\) /)?.[1] ?? 0));
      await openDialog(bob.page, "Team chatcube");
      const before = await unreadInTitle();
      await typeAndSend(alice.page, "Title check");
      await bob.page.waitForFunction((n) => Number(document.title.match(/^\((\d+)\) /)?.[1] ?? 0) > n, before);
      assert.match(await bob.page.title(), /^\(\d+\) chatcube · /);
      await openDialog(bob.page, "Alice Liddell");
      await bob.page.waitForFunction((n) => Number(document.title.match(/^\((\d+)\) /)?.[1] ?? 0) === n, before);
    },
  },
  {
    name: "Dark mode follows the system",
    async check({ alice }) {
      await alice.page.emulateMedia({ colorScheme: "dark" });
      const [bg, text] = await alice.page.evaluate(() => [
        getComputedStyle(document.querySelector(".thread-header")!).backgroundColor,
        getComputedStyle(document.querySelector(".thread-header")!).color,
      ]);
      assert.ok(contrast(bg!, "rgb(0, 0, 0)") < 2, `a dark panel (${bg})`);
      assert.ok(contrast(bg!, text!) >= 4.5, "readable text");
      await alice.page.emulateMedia({ colorScheme: "light" });
    },
  },
  {
    name: "Contacts with presence",
    async check({ alice, bob }) {
      // A dot means known presence: the dialog list shows none.
      assert.equal(
        await alice.page.locator('[data-testid="dialog-list"] .presence').count(),
        0,
        "no dot without presence",
      );
      await alice.page.getByRole("tab", { name: "Contacts" }).click();
      await alice.page.locator('[data-testid="person"][data-user="bob"]').getByTestId("add-contact").click();
      await bob.page.getByRole("tab", { name: "Contacts" }).click();
      await bob.page
        .locator('[data-testid="person"][data-user="alice"]')
        .getByRole("button", { name: "Accept" })
        .click();
      await alice.page
        .locator('[data-testid="person"][data-user="bob"]')
        .getByTestId("person-status")
        .filter({ hasText: "online" })
        .waitFor();
      await alice.page.getByRole("tab", { name: "Chats" }).click();
      await bob.page.getByRole("tab", { name: "Chats" }).click();
    },
  },
  {
    name: "Block and unblock: a blocked person's message fails, Retry after unblocking",
    async check({ alice, bob }) {
      await openDialog(alice.page, "Bob Builder");
      await openDialog(bob.page, "Alice Liddell");
      await alice.page.getByTestId("block").click();
      await alice.page.getByTestId("block").filter({ hasText: "Unblock" }).waitFor();
      await typeAndSend(bob.page, "Can you hear me?");
      await waitStatus(bob.page, "Can you hear me?", "failed");
      await messages(bob.page, "Can you hear me?").getByRole("alert").filter({ hasText: "blocked" }).waitFor();
      await dialogItem(bob.page, "Alice Liddell").locator('[data-testid="status"][data-status="failed"]').waitFor();
      await alice.page.getByTestId("block").click();
      await alice.page.getByTestId("block").filter({ hasText: "Block" }).waitFor();
      for (let attempt = 0; attempt < 5; attempt++) {
        await messages(bob.page, "Can you hear me?").getByTestId("retry").click();
        const arrived = await messages(alice.page, "Can you hear me?")
          .waitFor({ timeout: 2_000 })
          .then(
            () => true,
            () => false,
          );
        if (arrived) break;
        await waitStatus(bob.page, "Can you hear me?", "failed", 3_000);
      }
      await waitStatus(bob.page, "Can you hear me?", "read");
    },
  },
  {
    name: "Group creation",
    async check({ alice, bob }) {
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
    },
  },
  {
    name: "Reload while offline (service worker + IndexedDB): seen images still show, pending message sent once back",
    async check({ alice, bob }) {
      // Let the service worker take over the page first (it registers on the first load).
      await bob.page.reload();
      await bob.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10_000 });
      await waitOnline(bob.page);
      await bob.context.setOffline(true);
      await openDialog(bob.page, "Alice Liddell");
      await typeAndSend(bob.page, "Sent after an offline reload");
      await waitStatus(bob.page, "Sent after an offline reload", "pending");
      await waitQueuedDurably(bob.page, "Sent after an offline reload"); // a reload before the write would lose it
      await bob.page.reload();
      await dialogItem(bob.page, "Team chatcube").waitFor();
      await openDialog(bob.page, "Alice Liddell");
      await waitStatus(bob.page, "Sent after an offline reload", "pending");
      // The image seen before the reload comes from the service worker's cache, not a broken icon.
      const image = bob.page.locator('[data-testid="attachment"] img').last();
      await image.scrollIntoViewIfNeeded();
      await image.evaluate(
        (img: HTMLImageElement) =>
          new Promise<void>((resolve, reject) => {
            if (img.complete) return img.naturalWidth > 0 ? resolve() : reject(new Error("broken image"));
            img.addEventListener("load", () => resolve());
            img.addEventListener("error", () => reject(new Error("broken image")));
          }),
      );
      const cachedMedia = await bob.page.evaluate(
        async () => (await (await caches.open("chatcube-media-v1")).keys()).length,
      );
      assert.ok(cachedMedia > 0, "attachments seen are in the service worker's cache");
      await bob.context.setOffline(false);
      await waitStatus(bob.page, "Sent after an offline reload", "sent", 15_000);
      await messages(alice.page, "Sent after an offline reload").waitFor();
      assert.equal(await messages(alice.page, "Sent after an offline reload").count(), 1);
    },
  },
  {
    name: "Expired session: sign-in with the login filled in, pending messages kept and sent once",
    async check({ stack, alice, bob }) {
      await bob.context.setOffline(true);
      await bob.page.getByTestId("offline-banner").waitFor();
      await typeAndSend(bob.page, "Kept through an expired session");
      await waitStatus(bob.page, "Kept through an expired session", "pending");
      stack.server.context.db.sessions.clear();
      stack.server.dropConnections();
      await bob.context.setOffline(false);
      await bob.page.reload();
      const login = bob.page.locator('input[name="login"]');
      await login.waitFor();
      assert.equal(await login.inputValue(), "bob");
      await bob.page.getByText("Your session has expired").waitFor();
      await bob.page.locator('input[name="password"]').fill("password");
      await bob.page.locator('button[type="submit"]').click();
      await waitOnline(bob.page);
      await openDialog(bob.page, "Alice Liddell");
      await waitStatus(bob.page, "Kept through an expired session", "sent", 15_000);
      await messages(alice.page, "Kept through an expired session").waitFor();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await messages(alice.page, "Kept through an expired session").count(), 1);
    },
  },
];
