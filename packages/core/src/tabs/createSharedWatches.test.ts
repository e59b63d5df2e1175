import { shareTabs } from "@chatcube/test-utils/core/shareTabs.js";
import { describe, expect, it } from "@jest/globals";
import { createSharedWatches } from "./createSharedWatches.js";
import type { TabRole } from "./TabsState.js";

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Tabs of one user, each holding what the others watch (logged as `tab+key` / `tab-key`). */
function tabs() {
  const { open: openShare, clock } = shareTabs({ silentAfterMs: 3500 });
  const log: string[] = [];
  const open = (tabId: string, role: TabRole) => {
    const tab = openShare(tabId, role);
    const watches = createSharedWatches(tab.share, "watching", (key) => {
      log.push(`${tabId}+${key}`);
      return () => log.push(`${tabId}-${key}`);
    });
    /** Becomes leader or follower, as the wiring tells the share. */
    const become = (next: TabRole) => {
      tab.role = next;
      tab.share.refresh();
    };
    return Object.assign(tab, { watches, become });
  };
  return { open, clock, log };
}

describe("createSharedWatches", () => {
  it("the leader holds what the other tabs watch, once per key, until the last of them lets go", async () => {
    const { open, log } = tabs();
    const leader = open("a", "leader");
    const [b, c] = [open("b", "follower"), open("c", "follower")];
    const releases = [b.watches.watch(7), b.watches.watch(7), c.watches.watch(7), c.watches.watch(8)];
    leader.watches.watch(9); // its own: the leader streams it itself, nothing to hold
    await settle();
    expect(log).toEqual(["a+7", "a+8"]);
    releases[0]();
    releases[0](); // twice does nothing
    releases[2]();
    await settle();
    expect(log).toEqual(["a+7", "a+8"]); // b still watches 7
    releases[1]();
    await settle();
    expect(log).toEqual(["a+7", "a+8", "a-7"]);
  });

  it("a new leader holds them at once, without asking; the old one lets go of what it held", async () => {
    const { open, log } = tabs();
    const [a, b, c] = [open("a", "leader"), open("b", "follower"), open("c", "follower")];
    c.watches.watch(7);
    a.watches.watch(5); // the leader's own interest is reported too, for whoever leads next
    await settle();
    expect(log).toEqual(["a+7"]);
    a.become("follower");
    b.become("leader");
    await settle();
    expect(log.sort()).toEqual(["a+7", "a-7", "b+5", "b+7"]);
  });

  it("a tab that goes silent (closed without a word) drops out, and its holds go", async () => {
    const { open, clock, log } = tabs();
    open("a", "leader");
    const [gone, other] = [open("b", "follower"), open("c", "follower")];
    gone.watches.watch(7);
    await settle();
    expect(log).toEqual(["a+7"]);
    gone.share.detach(); // it hears and says nothing more
    gone.channel.close();
    clock.advance(4000);
    other.channel.signal(1, "here", { role: "follower" }); // a heartbeat: the leader looks who went silent
    await settle();
    expect(log).toEqual(["a+7", "a-7"]);
  });
});
