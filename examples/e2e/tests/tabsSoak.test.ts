// One user, many tabs, under stress (docs/architecture.md, Tabs): @chatcube/core in Chromium tabs of one browser
// context (tab-host/), with real IndexedDB, Web Locks and BroadcastChannel, against the real server; the peer is a
// tab of another context, and the server's REST is the judge.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../src/browser.js";
import {
  inTab,
  openTab,
  serverHistory,
  signedInTabs,
  startTabHostStack,
  type TabHostStack,
  until,
} from "../src/tabHost.js";

const SOAK_MESSAGES = 200;
const PACE_MS = 30;
const KILLS_AT = [60, 130];
/** Sends fired at the leader just before it is killed. */
const BURST = 3;

/** A tab's role now ("gone" once it was closed or crashed). */
const roleOf = (page: Page) =>
  inTab(page, "state").then(
    (s) => s.tabs.role,
    () => "gone",
  );

describe("many tabs under stress (tab host)", { timeout: 240_000 }, () => {
  let stack: TabHostStack;
  let browser: Browser;
  /** Ann's context once ben signed in beside her tabs (the sign-in test), for the test after it. */
  let afterSwitch: { context: BrowserContext; benId: number; benDialog: string } | undefined;

  before(async () => {
    [stack, browser] = await Promise.all([startTabHostStack(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A context of its own, with a tab signed in as `login` and `more` tabs that resume its session. */
  async function tabsOf(login: string, more: number): Promise<{ context: BrowserContext; tabs: Page[] }> {
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    return { context, tabs: await signedInTabs(context, stack.url, login, 1 + more) };
  }

  it("signing in as another user in one tab never shows the previous user's data in any tab", async () => {
    const bobId = await stack.userId("bob");
    const dialogOf = async (login: string) =>
      (
        await stack.rest<{ _id: string }>(login, "POST", "/chat/Dialog", {
          type: 2,
          name: `${login} only`,
          occupants_ids: String(bobId),
        })
      ).json._id;
    const ann = { id: await stack.userId("ann"), dialog: await dialogOf("ann") };
    const ben = { id: await stack.userId("ben"), dialog: await dialogOf("ben") };
    /** Who each tab is signed in as, and whose dialogs it shows (bounded wait until it is `expected`). */
    const expectTabs = async (tabs: Page[], expected: Array<[number | null, string[]]>, what: string) => {
      const seen = async () =>
        Promise.all(
          tabs.map(async (tab) => {
            const state = await inTab(tab, "state");
            return [state.userId, state.dialogs.map((d) => d.id).sort()] as [number | null, string[]];
          }),
        );
      let now = await seen();
      await until(what, async () => isDeepStrictEqual((now = await seen()), expected), 10_000).catch(() => {});
      assert.deepEqual(now, expected, what);
    };

    // Ann in two tabs; one logs out (every tab follows) and signs in as ben.
    const first = await tabsOf("ann", 1);
    await expectTabs(
      first.tabs,
      [
        [ann.id, [ann.dialog]],
        [ann.id, [ann.dialog]],
      ],
      "ann in both tabs",
    );
    await inTab(first.tabs[0], "logout");
    await expectTabs(
      first.tabs,
      [
        [null, []],
        [null, []],
      ],
      "both tabs signed out",
    );
    await inTab(first.tabs[0], "login", "ben");
    assert.ok(await inTab(first.tabs[0], "online", 15_000));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // time for a stray write to reach the other tab
    await expectTabs(
      first.tabs,
      [
        [ben.id, [ben.dialog]],
        [null, []],
      ],
      "ben in the first tab, nobody in the second",
    );
    const third = await openTab(first.context, stack.url);
    assert.equal(await inTab(third, "start", null), ben.id, "a new tab opens signed in as ben");
    await expectTabs([third], [[ben.id, [ben.dialog]]], "the new tab shows ben's data");
    await first.context.close();

    // Ann in two tabs; a third signs in as ben without anyone logging out: ann's tabs sign out (her data kept), and
    // the profile's session is ben's from then on, in every tab opened after.
    const second = await tabsOf("ann", 1);
    const benTab = await openTab(second.context, stack.url);
    await inTab(benTab, "start", "ben");
    await expectTabs(
      [...second.tabs, benTab],
      [
        [null, []],
        [null, []],
        [ben.id, [ben.dialog]],
      ],
      "ann's tabs signed out, ben in his",
    );
    const annDatabase = `chatcube:${stack.server.appId}:${ann.id}`;
    assert.ok((await inTab(benTab, "databases")).includes(annDatabase), "ann's data is kept");
    afterSwitch = { context: second.context, benId: ben.id, benDialog: ben.dialog };
  });

  // Failed about one full run in five until a sign-out stopped renewing: the previous user's tabs, signing out, met
  // their shared session already destroyed and renewed it, remembering it over the new user's.
  it("after another user signed in beside open tabs, a new tab opens signed in as that user", async () => {
    assert.ok(afterSwitch, "the test above ran");
    const { context, benId, benDialog } = afterSwitch;
    try {
      const later = await openTab(context, stack.url);
      assert.equal(await inTab(later, "start", null), benId, "a new tab opens signed in as ben");
      const state = await inTab(later, "state");
      assert.deepEqual(
        state.dialogs.map((d) => d.id),
        [benDialog],
      );
    } finally {
      await context.close();
    }
  });

  it("the REST session expires: the tab that knows the password renews it once, for every tab; none signs out", async (t) => {
    await stack.userId("bob");
    const renId = await stack.userId("ren");
    const { json: dialog } = await stack.rest<{ _id: string }>("bob", "POST", "/chat/Dialog", {
      type: 3,
      occupants_ids: String(renId),
    });
    for (let i = 0; i < 120; i++)
      await stack.rest("bob", "POST", "/chat/Message", { chat_dialog_id: dialog._id, message: `history ${i}` });
    const ren = await tabsOf("ren", 2); // tabs[0] signed in with the password and leads; 1 and 2 resumed
    assert.equal(await roleOf(ren.tabs[0]), "leader");
    const sessions = () => [...stack.server.context.db.sessions.values()].filter((s) => s.user_id === renId);
    // Every session of ren's expires (what two idle hours do); bob's stays.
    const expiredAt = Date.now();
    for (const session of sessions()) session.expires_at = 0;

    // A follower's REST meets the expired session first: loading older history of a fresh window, and a send.
    const older = await inTab(ren.tabs[1], "loadOlder", dialog._id);
    const shownInFollower = (await inTab(ren.tabs[1], "messages", dialog._id)).length;
    const sentId = await inTab(ren.tabs[2], "send", dialog._id, "after the expiry");
    await until("the follower's send on the server", async () =>
      (await serverHistory(stack, "bob", dialog._id)).some((m) => m._id === sentId),
    ).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const states = await Promise.all(ren.tabs.map((tab) => inTab(tab, "state")));
    const created = sessions().filter((s) => s.created_at >= expiredAt);
    t.diagnostic(
      `after the expiry: ${created.length} new session(s); auth ${states.map((s) => s.auth).join(", ")}; older: ${older}, ${shownInFollower} shown`,
    );
    assert.equal(older, null, "the follower's older history loaded");
    assert.equal(shownInFollower, 120, "the follower shows the whole history");
    assert.deepEqual(
      states.map((s) => s.auth),
      ["signed-in", "signed-in", "signed-in"],
    );
    assert.ok(created.length <= 1, `${created.length} sessions created after the expiry`);
    const live = new Set(states.map((s) => s.token));
    assert.equal(live.size, 1, "every tab uses the one renewed session");
    assert.ok(created.some((s) => live.has(s.token)));
    assert.ok(
      (await serverHistory(stack, "bob", dialog._id)).some((m) => m._id === sentId),
      "the send arrived",
    );
    for (const tab of ren.tabs) assert.ok(await inTab(tab, "online", 5000), "still online");
    for (const tab of ren.tabs)
      await until("the follower's send in every tab", async () =>
        (await inTab(tab, "messages", dialog._id)).some((m) => m.id === sentId && m.status !== "pending"),
      );
    await ren.context.close();
  });

  it("200 messages from 3 tabs while the leader is killed twice: 0 lost, 0 duplicated, in order, unread exact", async (t) => {
    const bobId = await stack.userId("bob");
    await stack.userId("alice");
    const dialogIds: string[] = [];
    const created = await Promise.all([
      stack.rest<{ _id: string }>("alice", "POST", "/chat/Dialog", { type: 3, occupants_ids: String(bobId) }),
      stack.rest<{ _id: string }>("alice", "POST", "/chat/Dialog", {
        type: 2,
        name: "soak two",
        occupants_ids: String(bobId),
      }),
      stack.rest<{ _id: string }>("alice", "POST", "/chat/Dialog", {
        type: 2,
        name: "soak three",
        occupants_ids: String(bobId),
      }),
    ]);
    for (const { json } of created) dialogIds.push(json._id);

    const bob = await tabsOf("bob", 0);
    const alice = await tabsOf("alice", 2);
    const slots = [...alice.tabs]; // the 3 open tabs; a killed one's slot gets a new tab
    const labels = ["t0", "t1", "t2"];
    let nextLabel = 3;
    const killed: string[] = [];

    type Sent = { body: string; label: string; dialogId: string; id: string | null; done: Promise<void> };
    const sent: Sent[] = [];
    const phases: string[] = [];
    let phaseStart = Date.now();
    const phase = (name: string) => {
      phases.push(`${name} ${Date.now() - phaseStart} ms`);
      phaseStart = Date.now();
    };
    /** Sends message `i` from the tab in `slot`, at once; `done` settles when the send is durable (or the tab died). */
    const fire = (i: number, slot: number) => {
      const label = labels[slot];
      const dialogId = dialogIds[Math.floor(i / 3) % 3];
      const entry: Sent = { body: `soak ${i} from ${label}`, label, dialogId, id: null, done: Promise.resolve() };
      entry.done = inTab(slots[slot], "send", dialogId, entry.body).then(
        (id) => void (entry.id = id),
        () => {}, // the tab died before the send was durable: it may be lost
      );
      sent.push(entry);
    };
    for (let i = 0; i < SOAK_MESSAGES; i++) {
      if (KILLS_AT.includes(i)) {
        const roles = await Promise.all(slots.map(roleOf));
        const at = roles.indexOf("leader");
        assert.ok(at >= 0, `a leader among the tabs: ${roles.join(", ")}`);
        const leader = slots[at];
        killed.push(labels[at]);
        for (let burst = 0; burst < BURST; burst++) fire(i++, at); // killed with these on their way
        if (killed.length === 1) await leader.close();
        else {
          const cdp = await alice.context.newCDPSession(leader);
          void cdp.send("Page.crash").catch(() => {});
          await until("the crashed tab gone", async () => (await roleOf(leader)) === "gone", 10_000);
          void leader.close().catch(() => {});
        }
        const fresh = await openTab(alice.context, stack.url);
        await inTab(fresh, "start", null);
        slots[at] = fresh;
        labels[at] = `t${nextLabel++}`;
      }
      fire(i, i % 3);
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
    await Promise.all(sent.map((s) => s.done));
    phase("sending");
    const durable = sent.filter((s) => s.id !== null);
    const fromKilled = sent.filter((s) => killed.includes(s.label));
    assert.ok(durable.length >= SOAK_MESSAGES - 10, `${durable.length} sends resolved`);
    const started = Date.now();

    // The server: every durable send, once; nothing twice; each tab's order kept per dialog.
    const history = async () => {
      const byDialog = new Map<string, Array<{ _id: string; message: string; date_sent: number }>>();
      for (const id of dialogIds) byDialog.set(id, await serverHistory(stack, "bob", id));
      return byDialog;
    };
    await until(
      "every durable send on the server",
      async () => {
        const all = [...(await history()).values()].flat().map((m) => m.message);
        return durable.every((s) => all.includes(s.body));
      },
      30_000,
    ).catch(() => {});
    const arrivedMs = Date.now() - started;
    // A killed tab's send that was not yet durable may still be on its way (committed, then resent by the new
    // leader): the server is read once no tab has anything left in the shared outbox.
    await until(
      "the shared outbox drained",
      async () => (await Promise.all(slots.map((tab) => inTab(tab, "state")))).every((s) => s.outbox === 0),
      30_000,
    ).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time for a late duplicate to show up
    const onServer = await history();
    const total = [...onServer.values()].flat().length;
    t.diagnostic(
      `sent ${sent.length}, durable ${durable.length}, from killed tabs ${fromKilled.length} (${fromKilled.filter((s) => s.id === null).length} not durable), on the server ${total}, all there ${arrivedMs} ms after the last send resolved`,
    );
    const problems: string[] = [];
    for (const dialogId of dialogIds) {
      const items = onServer.get(dialogId) ?? [];
      const bodies = items.map((m) => m.message);
      const ids = items.map((m) => m._id);
      for (const body of new Set(bodies))
        if (bodies.indexOf(body) !== bodies.lastIndexOf(body)) problems.push(`duplicated on the server: ${body}`);
      if (new Set(ids).size !== ids.length) problems.push(`a duplicated id in ${dialogId}`);
      for (const s of durable.filter((d) => d.dialogId === dialogId)) {
        const found = items.find((m) => m.message === s.body);
        if (!found) problems.push(`lost: ${s.body}`);
        else if (found._id !== s.id) problems.push(`${s.body} has id ${found._id}, sent as ${s.id}`);
      }
      for (const label of new Set(sent.map((s) => s.label))) {
        const ofTab = sent.filter((s) => s.label === label && s.dialogId === dialogId).map((s) => s.body);
        const order = bodies.filter((b) => ofTab.includes(b));
        const expected = ofTab.filter((b) => order.includes(b));
        if (order.join("|") !== expected.join("|"))
          problems.push(`${label}'s order in ${dialogId}: ${order.join(", ")}`);
      }
    }
    assert.deepEqual(
      problems,
      [],
      `sent ${sent.length}, durable ${durable.length}, from killed tabs ${fromKilled.length}`,
    );

    phase("server");
    // Every open tab shows every message once, in the server's order.
    const shownWrong: string[] = [];
    for (const [t, tab] of slots.entries()) {
      const role = await roleOf(tab);
      for (const dialogId of dialogIds) {
        const onServerNow = onServer.get(dialogId) ?? [];
        const expected = onServerNow.map((m) => m._id);
        let items: Awaited<ReturnType<typeof inTab<"messages">>> = [];
        await until(
          `tab ${labels[t]} showing dialog ${dialogId} as the server`,
          async () => {
            items = await inTab(tab, "messages", dialogId);
            return items.map((m) => m.id).join() === expected.join();
          },
          15_000,
        ).catch(() => {});
        const shown = items.map((m) => m.id);
        const where = `tab ${labels[t]} (${role}), dialog ${dialogIds.indexOf(dialogId)}`;
        for (const [at, id] of shown.entries()) if (shown.indexOf(id) !== at) shownWrong.push(`${where}: twice ${id}`);
        for (const m of items.filter((m) => !expected.includes(m.id)))
          shownWrong.push(`${where}: not on the server: ${m.body} (${m.status})`);
        for (const id of expected.filter((id) => !shown.includes(id))) shownWrong.push(`${where}: missing ${id}`);
        const bodies = (ids: string[]) => ids.map((id) => onServerNow.find((m) => m._id === id)?.message ?? id);
        const kept = shown.filter((id) => expected.includes(id));
        /** A message as this tab holds it (its second and place) and as the server dates it. */
        const detail = (id: string) => {
          const here = items.find((m) => m.id === id);
          const there = onServerNow.find((m) => m._id === id);
          return `${there?.message ?? id} [${here?.status} ${here?.dateSent} @${here?.position}; server ${there?.date_sent}]`;
        };
        for (const [at, id] of kept.entries())
          if (id !== expected[at]) {
            shownWrong.push(
              `${where}: order from ${at}: ${bodies(kept.slice(at, at + 3))} vs ${bodies(expected.slice(at, at + 3))}; ${kept
                .slice(at, at + 3)
                .map(detail)
                .join(", ")}`,
            );
            break;
          }
      }
    }
    const outboxes = await Promise.all(
      slots.map(async (tab, t) => `${labels[t]}: ${(await inTab(tab, "state")).entries}`),
    );
    assert.deepEqual(shownWrong, [], `what the tabs show (outboxes: ${outboxes.join("; ")})`);

    phase("tabs");
    // The peer's unread, in its own store, equals the server's.
    const unreadOnServer = async (login: string) => {
      const { json } = await stack.rest<{ items: Array<{ _id: string; unread_messages_count: number }> }>(
        login,
        "GET",
        "/chat/Dialog?limit=100",
      );
      return Object.fromEntries(json.items.map((d) => [d._id, d.unread_messages_count]));
    };
    const unreadIn = async (page: Page) =>
      Object.fromEntries((await inTab(page, "state")).dialogs.map((d) => [d.id, d.unread]));
    const bobServer = await unreadOnServer("bob");
    for (const id of dialogIds) assert.equal(bobServer[id], onServer.get(id)?.length, "bob's unread on the server");
    let bobShown: Record<string, number> = {};
    await until(
      "bob's unread as the server's",
      async () => isDeepStrictEqual((bobShown = await unreadIn(bob.tabs[0])), bobServer),
      10_000,
    ).catch(() => {});
    assert.deepEqual(bobShown, bobServer);

    phase("peer's unread");
    // The peer replies N in each dialog: every one of alice's tabs shows N unread there, as the server does.
    const replies = 3;
    for (const dialogId of dialogIds)
      for (let r = 0; r < replies; r++) await inTab(bob.tabs[0], "send", dialogId, `reply ${r}`);
    const aliceExpected = Object.fromEntries(dialogIds.map((id) => [id, replies]));
    await until("alice's unread on the server", async () => {
      const server = await unreadOnServer("alice");
      return dialogIds.every((id) => server[id] === replies);
    });
    for (const [t, tab] of slots.entries()) {
      let shown: Record<string, number> = {};
      await until(
        `tab ${labels[t]}'s unread`,
        async () => isDeepStrictEqual((shown = await unreadIn(tab)), aliceExpected),
        10_000,
      ).catch(() => {});
      assert.deepEqual(shown, aliceExpected, `tab ${labels[t]}'s unread`);
    }
    phase("tabs' unread");
    t.diagnostic(phases.join(", "));
    await Promise.all([alice.context.close(), bob.context.close()]);
  });
});
