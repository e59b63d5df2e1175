// The chat stream going with the lead (docs/architecture.md, Tabs, "The stream goes with the lead"): @chatcube/core in
// Chromium tabs of one browser context (tab-host/) against the real server, whose sessions are the judge.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../src/browser.js";
import { inTab, serverHistory, signedInTabs, startTabHostStack, type TabHostStack, until } from "../src/tabHost.js";

describe("the stream goes with the lead (tab host)", { timeout: 120_000 }, () => {
  let stack: TabHostStack;
  let browser: Browser;

  before(async () => {
    [stack, browser] = await Promise.all([startTabHostStack(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The full JIDs of a user's sessions that have a socket, and of all (those kept for resumption too). */
  const sessionsOf = (userId: number) => {
    const registry = stack.server.context.chat as unknown as {
      sessionsOf(id: number): Array<{ fullJid: string; sink: unknown }>;
    };
    const all = registry.sessionsOf(userId);
    return { connected: all.filter((s) => s.sink !== null).map((s) => s.fullJid), all: all.map((s) => s.fullJid) };
  };
  const roleOf = (page: Page) => inTab(page, "state").then((s) => s.tabs.role);

  const tabsOf = (context: BrowserContext, login: string, count: number) =>
    signedInTabs(context, stack.url, login, count);

  it("the leader reloads: another tab resumes its session; what the peer sent meanwhile shows once, in order, everywhere", async () => {
    const [aliceId] = [await stack.userId("alice"), await stack.userId("bob")];
    const { json: dialog } = await stack.rest<{ _id: string }>("bob", "POST", "/chat/Dialog", {
      type: 3,
      occupants_ids: String(aliceId),
    });
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    try {
      const tabs = await tabsOf(context, "alice", 3);
      const roles = await Promise.all(tabs.map(roleOf));
      const leader = tabs[roles.indexOf("leader")];
      const [session] = sessionsOf(aliceId).connected;
      const send = (body: string) =>
        stack.rest("bob", "POST", "/chat/Message", { chat_dialog_id: dialog._id, message: body, send_to_chat: 1 });
      await send("before");
      const reloading = leader.reload();
      for (let i = 0; i < 5; i++) await send(`during ${i}`);
      await reloading;
      await leader.waitForFunction(() => "chatcubeTab" in globalThis);
      await inTab(leader, "start", null);
      for (let i = 5; i < 8; i++) await send(`during ${i}`);
      for (const tab of tabs) assert.ok(await inTab(tab, "online", 15_000), "online again");
      assert.deepEqual(sessionsOf(aliceId).connected, [session], "the same session, resumed by the next leader");
      assert.equal(await roleOf(leader), "follower", "the reloaded tab follows");

      const history = (await serverHistory(stack, "alice", dialog._id)).map((m) => m.message);
      assert.equal(history.length, 9);
      for (const tab of tabs) {
        let shown: string[] = [];
        await until(
          "every message in every tab",
          async () => (shown = (await inTab(tab, "messages", dialog._id)).map((m) => m.body ?? "")).length >= 9,
          15_000,
        ).catch(() => {});
        assert.deepEqual(shown, history, "once each, in the server's order");
      }
    } finally {
      await context.close();
    }
  });

  it("the last tab goes: its stream is closed, not left for a minute as if it were still there", async () => {
    const carolId = await stack.userId("carol");
    const context = await browser.newContext();
    try {
      const [tab] = await tabsOf(context, "carol", 1);
      assert.equal(await roleOf(tab), "leader");
      await tab.close();
      // No session kept for a resumption nobody will make: carol is offline for her contacts at once.
      await until("carol's session gone", () => sessionsOf(carolId).all.length === 0, 5_000);
    } finally {
      await context.close();
    }
  });
});
