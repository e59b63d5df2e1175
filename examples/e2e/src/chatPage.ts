import type { Locator, Page } from "playwright-core";

// What a person does in any of the example apps. The three apps share these test ids: demo-<login>, me,
// connection, offline-banner, dialog-list, dialog-item[data-title], unread-badge, dialog-preview, thread,
// thread-title, messages, message[data-status], message-body, status, typing, composer-input, send.

/** Signs in through the form with a demo user (password "password") and waits for the dialog list. */
export async function signIn(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("password");
  await page.locator('button[type="submit"]').click();
  await page.getByTestId("dialog-list").waitFor();
}

/** Waits until the chat connection is online. */
export async function waitOnline(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('[data-testid="connection"]', { hasText: "online" }).waitFor({ timeout });
}

/** The dialog list's row for a dialog title. */
export function dialogItem(page: Page, title: string): Locator {
  return page.locator(`[data-testid="dialog-item"][data-title="${title}"]`);
}

/** Opens a dialog from the list by its title. */
export async function openDialog(page: Page, title: string): Promise<void> {
  await dialogItem(page, title).click();
  await page.locator('[data-testid="thread-title"]', { hasText: title }).waitFor();
}

/** Types a message (key by key, so typing notifications go out) and sends it with Enter. */
export async function typeAndSend(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("composer-input");
  await input.click();
  await input.pressSequentially(text, { delay: 5 });
  await input.press("Enter");
}

/** The thread's messages with this exact body. */
export function messages(page: Page, body: string): Locator {
  return page
    .locator('[data-testid="message"]')
    .filter({ has: page.locator('[data-testid="message-body"]', { hasText: new RegExp(`^${escape(body)}$`) }) });
}

const PROGRESS = ["pending", "sent", "delivered", "read"];

/**
 * Waits until the message with this body shows the status (pending, sent, delivered, read, failed) or, for sent and
 * delivered, a later one: statuses may move on faster than a look.
 */
export async function waitStatus(page: Page, body: string, status: string, timeout = 10_000): Promise<void> {
  const accepted = status === "sent" || status === "delivered" ? PROGRESS.slice(PROGRESS.indexOf(status)) : [status];
  await messages(page, body)
    .and(page.locator(accepted.map((s) => `[data-status="${s}"]`).join(",")))
    .waitFor({ timeout });
}

/** Bodies of the messages in the open thread, oldest first. */
export async function threadBodies(page: Page): Promise<string[]> {
  return page.locator('[data-testid="message-body"]').allInnerTexts();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Signs out with the chat with `peerTitle` open (so the URL names it), signs in as `login`, who is not in it, and
 * checks the app shows no chat rather than one loading forever.
 */
export async function switchUserFromOpenChat(page: Page, peerTitle: string, login: string): Promise<void> {
  await openDialog(page, peerTitle);
  await page.getByText("Sign out").click();
  await signIn(page, login);
  await waitOnline(page);
  await page.getByText("Select a chat").waitFor();
  if ((await page.getByText("Loading chat…").count()) > 0) throw new Error("a previous user's chat is still loading");
}

/**
 * Waits until the page's IndexedDB holds an outbox entry with this body: `send()` shows the message as pending at
 * once and resolves when the entry is durable, so a reload in between may come before the write.
 */
export async function waitQueuedDurably(page: Page, body: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    async (text) => {
      for (const { name } of await indexedDB.databases()) {
        if (!name?.startsWith("chatcube:")) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        try {
          if (!db.objectStoreNames.contains("outbox")) continue;
          const entries = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction("outbox", "readonly").objectStore("outbox").getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (entries.some((entry) => (entry as { body?: unknown }).body === text)) return true;
        } finally {
          db.close();
        }
      }
      return false;
    },
    body,
    { timeout, polling: 50 },
  );
}
