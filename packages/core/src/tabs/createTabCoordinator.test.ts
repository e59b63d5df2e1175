import { createFakeBus, createFakeLocks } from "@chatcube/test-utils/core/fakeTabEnvironment.js";
import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import { createTabChannel } from "./createTabChannel.js";
import { createTabCoordinator, type LifecycleEvent } from "./createTabCoordinator.js";

const settle = async () => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
};

function browser() {
  const clock = createManualClock(1_000_000);
  const locks = createFakeLocks();
  const bus = createFakeBus();
  let storedTerm = 0; // the term kept in the user's database
  const roles: string[] = [];
  const silences: string[] = [];
  const byes: string[] = []; // `heard-by:from:payload`
  const open = (tabId: string, farewell?: () => unknown) => {
    let lifecycleListener: ((event: LifecycleEvent) => void) | null = null;
    // the coordinator is made after the channel, which routes signals to it
    let route: (m: Parameters<ReturnType<typeof createTabCoordinator>["onSignal"]>[0]) => void = () => {};
    const channel = createTabChannel({
      port: bus.port(),
      tabId,
      onStream: () => {},
      onSignal: (m) => {
        if (m.kind === "bye") byes.push(`${tabId}:${m.from}:${JSON.stringify(m.payload)}`);
        route(m);
      },
      onResync: () => {},
    });
    const coordinator = createTabCoordinator({
      lockName: "chatcube:1:7",
      locks,
      channel,
      tabId,
      clock,
      claimTerm: async () => ++storedTerm,
      onRole: (role, term) => void roles.push(`${tabId}:${role}:${term}`),
      onLeaderSilent: (silent) => void silences.push(`${tabId}:${silent}@${clock.now() - 1_000_000}`),
      farewell,
      lifecycle: (listener) => {
        lifecycleListener = listener;
        return () => (lifecycleListener = null);
      },
    });
    route = coordinator.onSignal;
    return {
      coordinator,
      channel,
      role: () => coordinator.state.get().role,
      lifecycle: (event: LifecycleEvent) => lifecycleListener?.(event),
    };
  };
  return { clock, locks, open, roles, silences, byes, term: () => storedTerm };
}

const leaders = (tabs: Array<{ role(): string }>) => tabs.filter((t) => t.role() === "leader").length;

describe("createTabCoordinator", () => {
  it("elects exactly one leader among three tabs, each leader with a new term", async () => {
    const b = browser();
    const tabs = [b.open("a"), b.open("b"), b.open("c")];
    await Promise.all(tabs.map((t) => t.coordinator.start()));
    await settle();
    expect(tabs.map((t) => t.role())).toEqual(["leader", "follower", "follower"]);
    expect(tabs[0].coordinator.state.get().term).toBe(1);
    expect(b.term()).toBe(1);
  });

  it("counts the tabs and learns the leader's term from its heartbeat", async () => {
    const b = browser();
    const tabs = [b.open("a"), b.open("b"), b.open("c")];
    for (const t of tabs) await t.coordinator.start();
    await settle();
    b.clock.advance(1000);
    await settle();
    expect(tabs.map((t) => t.coordinator.state.get().tabs)).toEqual([3, 3, 3]);
    expect(tabs[2].coordinator.state.get()).toEqual({ role: "follower", term: 1, tabs: 3 });
    tabs[2].coordinator.stop();
    await settle();
    expect(tabs[0].coordinator.state.get().tabs).toBe(2);
  });

  it("hands over at once when the leader closes, with the next term", async () => {
    const b = browser();
    const tabs = [b.open("a"), b.open("b"), b.open("c")];
    for (const t of tabs) await t.coordinator.start();
    await settle();
    tabs[0].coordinator.stop();
    await settle();
    expect(leaders(tabs.slice(1))).toBe(1);
    expect(tabs[1].role()).toBe("leader"); // the first in line
    expect(tabs[1].coordinator.state.get().term).toBe(2);
    tabs[1].coordinator.stop();
    await settle();
    expect(tabs[2].role()).toBe("leader");
    expect(b.term()).toBe(3);
  });

  it("a leader about to freeze lets go; woken, it follows and waits in line again", async () => {
    const b = browser();
    const [a, c] = [b.open("a"), b.open("c")];
    await a.coordinator.start();
    await c.coordinator.start();
    await settle();
    a.lifecycle("freeze");
    await settle();
    expect([a.role(), c.role()]).toEqual(["follower", "leader"]);
    a.lifecycle("resume");
    await settle();
    expect(a.role()).toBe("follower");
    c.coordinator.stop();
    await settle();
    expect(a.role()).toBe("leader");
    expect(b.roles).toEqual(["a:leader:1", "c:follower:1", "a:follower:1", "c:leader:2", "a:leader:3"]);
  });

  it("a leader's bye carries its farewell (the stream to resume), taken before the lock goes; a follower's or a lone leader's none", async () => {
    const b = browser();
    const order: string[] = [];
    const farewell = (tabId: string) => () => {
      order.push(`${tabId} farewell while ${b.roles.at(-1)}`);
      return { stream: tabId };
    };
    const [a, c, d] = [b.open("a", farewell("a")), b.open("c", farewell("c")), b.open("d", farewell("d"))];
    for (const t of [a, c, d]) await t.coordinator.start();
    await settle();
    d.lifecycle("freeze");
    await settle();
    a.lifecycle("pagehide");
    await settle();
    expect(b.byes).toEqual(["a:d:null", "c:d:null", 'c:a:{"stream":"a"}', 'd:a:{"stream":"a"}']);
    expect(order).toEqual(["a farewell while d:follower:1"]); // a still led: nobody had its lock yet
    expect(c.role()).toBe("leader");
    c.lifecycle("freeze"); // the others said bye: c is alone, and closes its stream instead
    await settle();
    expect(order).toHaveLength(1);
    expect(b.byes.slice(4)).toEqual(["a:c:null", "d:c:null"]);
  });

  it("a frozen follower is not handed the lock it cannot use", async () => {
    const b = browser();
    const [a, f, g] = [b.open("a"), b.open("f"), b.open("g")];
    for (const t of [a, f, g]) await t.coordinator.start();
    await settle();
    f.lifecycle("pagehide");
    a.coordinator.stop();
    await settle();
    expect([f.role(), g.role()]).toEqual(["follower", "leader"]);
  });

  it("steals the lock from a leader that went silent, and the stale one steps down", async () => {
    const b = browser();
    const [a, f] = [b.open("a"), b.open("f")];
    await a.coordinator.start();
    await f.coordinator.start();
    await settle();
    b.clock.advance(1000);
    await settle();
    // "a" hangs: its timers no longer run, so it says nothing; the lock stays held
    a.channel.close();
    for (let i = 0; i < 12; i++) {
      b.clock.advance(1000);
      await settle();
    }
    expect(f.role()).toBe("leader");
    expect(f.coordinator.state.get().term).toBe(2);
    expect(a.role()).toBe("follower"); // its lock was stolen; it learns so when it runs again
    // Before the steal, the follower knew the leader had gone quiet (what it shows of the connection says so).
    expect(b.silences).toEqual(["f:true@4000", "f:false@7000"]);
  });

  it("a leader that hears of a newer one steps down (its lock was stolen while it was away)", async () => {
    const b = browser();
    const [a, f] = [b.open("a"), b.open("f")];
    await a.coordinator.start();
    await f.coordinator.start();
    await settle();
    // "f" is made leader behind a's back (as a steal a paused tab has not heard of yet): it announces a newer term
    f.channel.signal(5, "here", { role: "leader" });
    await settle();
    expect(a.role()).toBe("follower");
  });

  it("a failing term store still gives one leader", async () => {
    const b = browser();
    const tab = b.open("solo");
    const channel = tab.channel;
    const coordinator = createTabCoordinator({
      lockName: "other",
      locks: b.locks,
      channel,
      tabId: "solo2",
      clock: b.clock,
      claimTerm: () => Promise.reject(new Error("closed")),
      onRole: () => {},
    });
    await coordinator.start();
    expect(coordinator.state.get()).toEqual({ role: "leader", term: 1, tabs: 1 });
    coordinator.stop();
  });
});
