import { createFakeBus } from "@chatcube/test-utils/core/fakeTabEnvironment.js";
import { describe, expect, it } from "@jest/globals";
import { createTabChannel } from "./createTabChannel.js";
import type { TabMessage } from "./TabsState.js";

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function follower(bus: ReturnType<typeof createFakeBus>, tabId = "f") {
  const stream: TabMessage[] = [];
  const signals: TabMessage[] = [];
  const resyncs: string[] = [];
  const channel = createTabChannel({
    port: bus.port(),
    tabId,
    onStream: (m) => stream.push(m),
    onSignal: (m) => signals.push(m),
    onResync: (reason) => resyncs.push(reason),
  });
  return { channel, stream, signals, resyncs };
}

const quiet = { onStream: () => {}, onSignal: () => {}, onResync: () => {} };

describe("createTabChannel", () => {
  it("delivers the leader's stream in order, without a re-read when nothing was missed", async () => {
    const bus = createFakeBus();
    const leader = createTabChannel({ port: bus.port(), tabId: "l", ...quiet });
    const f = follower(bus);
    for (let i = 0; i < 3; i++) leader.stream(1, "write", { i });
    await settle();
    expect(f.stream.map((m) => [m.term, m.seq, (m.payload as { i: number }).i])).toEqual([
      [1, 1, 0],
      [1, 2, 1],
      [1, 3, 2],
    ]);
    expect(f.resyncs).toEqual([]);
  });

  it("joins a term midway without a re-read, then asks for one on a gap", async () => {
    const bus = createFakeBus();
    const leaderPort = bus.port();
    const leader = createTabChannel({ port: leaderPort, tabId: "l", ...quiet });
    leader.stream(4, "write", 1); // before the follower listens
    const f = follower(bus);
    leader.stream(4, "write", 2);
    await settle();
    expect(f.resyncs).toEqual([]);
    // a message lost (posted while the follower's port missed it): seq 3 never arrives
    leaderPort.postMessage = (() => {}) as typeof leaderPort.postMessage;
    leader.stream(4, "write", 3);
    leaderPort.postMessage = bus.port().postMessage; // another port of the same bus reaches the follower too
    leader.stream(4, "write", 4);
    await settle();
    expect(f.resyncs).toEqual(["gap"]);
    expect(f.stream.map((m) => m.seq)).toEqual([2, 4]);
  });

  it("re-reads on a new term and ignores a stale leader's stream", async () => {
    const bus = createFakeBus();
    const old = createTabChannel({ port: bus.port(), tabId: "old", ...quiet });
    const next = createTabChannel({ port: bus.port(), tabId: "new", ...quiet });
    const f = follower(bus);
    old.stream(1, "write", "a");
    await settle();
    next.stream(2, "write", "b");
    await settle();
    old.stream(1, "write", "stale"); // woke up from a freeze
    await settle();
    expect(f.resyncs).toEqual(["term"]);
    expect(f.stream.map((m) => m.payload)).toEqual(["a", "b"]);
    expect(f.channel.seenTerm).toBe(2);
  });

  it("passes signals through and drops what is not a tab message", async () => {
    const bus = createFakeBus();
    const other = bus.port();
    const sender = createTabChannel({ port: bus.port(), tabId: "s", ...quiet });
    const f = follower(bus);
    sender.signal(0, "outbox", { id: "x" });
    other.postMessage("garbage");
    other.postMessage({ from: "z", term: "1", seq: 0, kind: "k" });
    other.postMessage(null);
    await settle();
    expect(f.signals.map((m) => [m.kind, m.payload])).toEqual([["outbox", { id: "x" }]]);
    expect(f.stream).toEqual([]);
  });

  it("never hears itself and stops after close", async () => {
    const bus = createFakeBus();
    const f = follower(bus, "same");
    const twin = createTabChannel({ port: bus.port(), tabId: "same", ...quiet });
    twin.signal(0, "here", null);
    await settle();
    expect(f.signals).toEqual([]);
    f.channel.close();
    createTabChannel({ port: bus.port(), tabId: "x", ...quiet }).signal(0, "here", null);
    await settle();
    expect(f.signals).toEqual([]);
  });
});
