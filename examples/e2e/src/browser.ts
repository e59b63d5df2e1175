import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots go (gitignored). */
const ARTIFACTS_DIR = fileURLToPath(new URL("../artifacts/", import.meta.url));

/** Launches the system's headless Chromium without sandbox, GPU, QUIC or background traffic (what works in CI). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One person's browser window: its own context (storage, IndexedDB, network) and page. */
export interface Window {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  /** XMPP frames sent (`>>`) and received (`<<`), kept only when E2E_TRACE_WS=1 (for debugging a failure). */
  frames: string[];
}

/** Opens a fresh context and page at `url`. */
export async function openWindow(browser: Browser, url: string): Promise<Window> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  const frames: string[] = [];
  if (process.env.E2E_TRACE_WS === "1") {
    page.on("websocket", (socket) => {
      socket.on("framesent", (frame) => frames.push(`>> ${String(frame.payload)}`));
      socket.on("framereceived", (frame) => frames.push(`<< ${String(frame.payload)}`));
    });
  }
  await page.goto(url);
  return { context, page, errors, frames };
}

/** Saves a full-page screenshot as artifacts/{name}.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = `${ARTIFACTS_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}
