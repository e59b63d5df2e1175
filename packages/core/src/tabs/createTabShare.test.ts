import { shareTabs } from "@chatcube/test-utils/core/shareTabs.js";
import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../errors/ChatError.js";
import { createStore } from "../reactive/createStore.js";

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Tabs of one user over a fake channel bus; the test sets each tab's role. */
const tabs = () => shareTabs({ requestTimeoutMs: 1000 });

describe("createTabShare", () => {
  it("a call the leader never answered goes again to the next leader (asked once, answered once); a call marked once does not", async () => {
    const { open, clock } = tabs();
    const ran: string[] = [];
    const dead = open("a", "leader");
    dead.share.route("idem", async () => (ran.push("a"), "from a"));
    dead.share.detach(); // crashed: it hears nothing more
    dead.role = "follower";
    const follower = open("b", "follower");
    const idem = follower.share.route("idem", async () => "here");
    const once = follower.share.route("once", async () => "here", { once: true });
    const answered = idem();
    const onceAnswered = once().catch((error: unknown) => error);
    await settle();
    const next = open("c", "follower");
    next.share.route("idem", async () => (ran.push("c"), "from c"));
    next.share.route("once", async () => (ran.push("c once"), "from c"));
    next.role = "leader"; // the lock passed to c
    follower.share.refresh(); // b learns of the new term: what waits goes again, once
    follower.share.refresh();
    await settle();
    expect(await answered).toBe("from c");
    expect(ran).toEqual(["c"]);
    clock.advance(1000);
    await settle();
    expect(await onceAnswered).toBeInstanceOf(ChatError); // not sent again: it may have run in the old leader
  });

  it("mirrors the leader's store to followers, and sends it whole to a follower that asks", async () => {
    const { open } = tabs();
    const leader = open("a", "leader");
    const follower = open("b", "follower");
    const here = createStore({ n: 1 });
    const there = createStore({ n: 0 });
    leader.share.mirror("count", here);
    follower.share.mirror("count", there);
    here.set({ n: 2 });
    here.set({ n: 3 }); // one message per microtask: the latest value
    await settle();
    expect(there.get()).toEqual({ n: 3 });
    const late = open("c", "follower");
    const third = createStore({ n: 0 });
    late.share.mirror("count", third);
    late.share.refresh(); // joining: asks for the leader's values
    await settle();
    expect(third.get()).toEqual({ n: 3 });
    there.set({ n: 9 }); // a follower's own change is not posted
    await settle();
    expect(here.get()).toEqual({ n: 3 });
  });

  it("keeps a value for a feature that registers later", async () => {
    const { open } = tabs();
    const leader = open("a", "leader");
    const follower = open("b", "follower");
    const here = createStore("x");
    leader.share.mirror("late", here);
    here.set("y");
    await settle();
    const there = createStore("");
    follower.share.mirror("late", there);
    expect(there.get()).toBe("y");
  });

  it("runs a follower's command in the leader and answers; a refusal comes back as the same ChatError", async () => {
    const { open } = tabs();
    const ran: string[] = [];
    const leader = open("a", "leader");
    const follower = open("b", "follower");
    const make = (tab: string) => async (userId: number) => {
      ran.push(`${tab}:${userId}`);
      if (userId < 0) throw new ChatError("validation", "Not a user id");
      return { ok: userId };
    };
    leader.share.route("add", make("a"));
    const add = follower.share.route("add", make("b"));
    await expect(add(5)).resolves.toEqual({ ok: 5 });
    const refused = await add(-1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChatError);
    expect((refused as ChatError).code).toBe("validation");
    expect(ran).toEqual(["a:5", "a:-1"]);
  });

  it("a request nobody answers fails with a timeout ChatError; one pending when the tab leads runs here", async () => {
    const { open, clock } = tabs();
    const follower = open("b", "follower"); // no leader on the channel
    const run = follower.share.route("query", async (n: number) => n * 2);
    const lost = run(1).catch((e: unknown) => e);
    await settle();
    clock.advance(1001);
    const error = await lost;
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe("timeout");
    const later = run(2);
    await settle();
    follower.role = "leader";
    follower.share.refresh();
    await expect(later).resolves.toBe(4);
  });

  it("collects other tabs' reports, and drops a tab that says bye or goes silent", async () => {
    const { open, clock } = tabs();
    const a = open("a", "leader");
    const b = open("b", "follower");
    const c = open("c", "follower");
    let changes = 0;
    a.share.onReports(() => changes++);
    b.share.report("visible", true);
    c.share.report("visible", false);
    await settle();
    expect([...a.share.reports("visible")]).toEqual([
      ["b", true],
      ["c", false],
    ]);
    c.channel.signal(1, "bye", null);
    await settle();
    expect([...a.share.reports("visible")]).toEqual([["b", true]]);
    clock.advance(4000); // b said nothing since
    expect(a.share.reports("visible").size).toBe(0);
    expect(changes).toBeGreaterThanOrEqual(3);
  });

  it("tells one tab only", async () => {
    const { open } = tabs();
    const a = open("a", "leader");
    const b = open("b", "follower");
    const c = open("c", "follower");
    const got: string[] = [];
    b.share.onTold("ping", (p) => got.push(`b:${String(p)}`));
    c.share.onTold("ping", (p) => got.push(`c:${String(p)}`));
    a.share.tell("ping", "c", 1);
    await settle();
    expect(got).toEqual(["c:1"]);
  });
});
