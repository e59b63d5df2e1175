import { shareTabs } from "@chatcube/test-utils/core/shareTabs.js";
import { describe, expect, it } from "@jest/globals";
import type { NetworkEvent, NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import { createSharedVisibility } from "./createSharedVisibility.js";

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Three tabs of one user, each with its own page visibility, merged. */
function threeTabs() {
  const { open: openShare, clock } = shareTabs();
  const open = (tabId: string) => {
    const { share, channel } = openShare(tabId, tabId === "a" ? "leader" : "follower");
    let visible = true;
    const listeners = new Set<(event: NetworkEvent) => void>();
    const local: NetworkEventSource = {
      isOnline: () => true,
      isVisible: () => visible,
      subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    };
    const merged = createSharedVisibility({ local, share, clock, settleMs: 50 });
    const events: NetworkEvent[] = [];
    merged.subscribe((event) => events.push(event));
    const show = (next: boolean) => {
      visible = next;
      for (const listener of listeners) listener(next ? "visible" : "hidden");
    };
    return { merged, events, show, channel };
  };
  return { clock, tabs: [open("a"), open("b"), open("c")] };
}

describe("createSharedVisibility", () => {
  it("is hidden only when every tab is, and says so once per change", async () => {
    const { clock, tabs } = threeTabs();
    const [a, b, c] = tabs;
    await settle();
    a.show(false);
    b.show(false);
    await settle();
    clock.advance(100);
    expect(a.events).toEqual([]); // c is visible
    c.show(false);
    await settle();
    clock.advance(100);
    expect(a.events).toEqual(["hidden"]);
    expect(a.merged.isVisible()).toBe(false);
    b.show(true);
    await settle();
    clock.advance(100);
    expect(a.events).toEqual(["hidden", "visible"]);
  });

  it("focus moving between tabs (one hides, another shows) is no change", async () => {
    const { clock, tabs } = threeTabs();
    const [a, b, c] = tabs;
    a.show(false);
    c.show(false);
    await settle();
    clock.advance(100);
    b.show(false);
    await settle();
    clock.advance(10);
    c.show(true);
    await settle();
    clock.advance(100);
    expect(a.events).toEqual([]);
  });

  it("a visible tab that goes silent (crashed) stops counting", async () => {
    const { clock, tabs } = threeTabs();
    const [a, b, c] = tabs;
    a.show(false);
    b.show(false);
    await settle();
    c.channel.close(); // c crashes, still "visible" as last heard
    for (let i = 0; i < 6; i++) {
      clock.advance(1000);
      b.channel.signal(1, "here", { role: "follower" }); // b keeps saying it is there
      await settle();
    }
    clock.advance(100);
    expect(a.events).toEqual(["hidden"]);
  });
});
