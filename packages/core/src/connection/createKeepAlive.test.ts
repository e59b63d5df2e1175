import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../errors/ChatError.js";
import { createManualClock } from "../time/createManualClock.js";
import { createKeepAlive } from "./createKeepAlive.js";

function setup() {
  const clock = createManualClock();
  const pings: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  const dead: ChatError[] = [];
  const keepAlive = createKeepAlive({
    clock,
    intervalMs: 1000,
    timeoutMs: 300,
    ping: () => new Promise<void>((resolve, reject) => pings.push({ resolve, reject })),
    onDead: (error) => dead.push(error),
  });
  return { clock, pings, dead, keepAlive };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe("createKeepAlive", () => {
  it("pings every interval after each answer", async () => {
    const { clock, pings, keepAlive } = setup();
    keepAlive.start();
    clock.advance(999);
    expect(pings).toHaveLength(0);
    clock.advance(1);
    expect(pings).toHaveLength(1);
    pings[0].resolve();
    await flush();
    clock.advance(1000);
    expect(pings).toHaveLength(2);
  });

  it("reports a dead connection when the ping times out, or fails with network, and stops", async () => {
    const { clock, pings, dead, keepAlive } = setup();
    keepAlive.start();
    clock.advance(1000);
    clock.advance(300);
    await flush();
    expect(dead.map((error) => error.code)).toEqual(["timeout"]);
    clock.advance(5000);
    expect(pings).toHaveLength(1);

    keepAlive.start();
    clock.advance(1000);
    pings[1].reject(new ChatError("network", "socket gone"));
    await flush();
    expect(dead.map((error) => error.code)).toEqual(["timeout", "network"]);
  });

  it("ignores answers after stop(), and pings at once on checkNow() unless one is on its way", async () => {
    const { clock, pings, dead, keepAlive } = setup();
    keepAlive.start();
    keepAlive.checkNow();
    keepAlive.checkNow();
    expect(pings).toHaveLength(1);
    keepAlive.stop();
    pings[0].reject(new ChatError("timeout", "late"));
    await flush();
    expect(dead).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
